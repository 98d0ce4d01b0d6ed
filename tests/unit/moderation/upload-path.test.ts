/**
 * The key of the file a request path reaches must cover every path koa-send (behind both of
 * Strapi's static servers) would turn into that file. The property runs koa-send's own steps
 * (strip the root, decode once, resolve-path, normalize) on generated paths and checks that
 * whenever they land on public/uploads/<name>, the guard's keys name that file too.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import resolvePath from 'resolve-path';
import { decodings, fileKey, mayNameUpload, requestFileKeys, urlFileKey } from '../../../plugins/moderation/server/src/domain/upload-path';

const ROOT = path.resolve('/srv/nashra/public');

/** What koa-send (5.x) reads for ctx.path, or null when it refuses (400/403) or cannot decode. */
function koaSendTarget(requestPath: string): string | null {
  let p = requestPath.substr(path.parse(requestPath).root.length);
  try {
    p = decodeURIComponent(p);
  } catch {
    return null;
  }
  try {
    return resolvePath(ROOT, p);
  } catch {
    return null;
  }
}

const NAME = 'small_cover_ab12cd.jpg';
const TARGET = path.join(ROOT, 'uploads', NAME);

const noise = fc.constantFrom('/', '//', '.', '..', '/./', '/../', '%2e', '%2E', '%2f', '%2F', '%5c', '\\', '%25', '%2e%2e', 'x', 'a', '%61', '%00');
const uploadsLike = fc.constantFrom('uploads', 'UPLOADS', '%75ploads', 'u%70loads', 'upload', 'uploads.', '%2575ploads');
const separators = fc.array(fc.constantFrom('/', '%2f', '%2F', '%5c', '\\', '/./', '/%2e/', '/x/../', '/x%2f..%2f', '/../'), { minLength: 1, maxLength: 3 });
const nameLike = fc.constantFrom(NAME, 'small_cover_ab12cd', '%73mall_cover_ab12cd.jpg', 'small_cover_ab12cd%2ejpg', 'SMALL_cover_ab12cd.jpg', `${NAME}/`, `${NAME}%00`);
const generatedPath = fc
  .tuple(fc.array(noise, { maxLength: 3 }), uploadsLike, separators, nameLike, fc.array(noise, { maxLength: 2 }))
  .map(([lead, uploads, seps, name, tail]) => `/${lead.join('')}${uploads}${seps.join('')}${name}${tail.join('')}`);

/** Spellings of /uploads/<NAME> that reach it: dot segments, detours, extra slashes, escapes. */
const escapeSome = (text: string) =>
  fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((flags) =>
    [...text].map((c, i) => (flags[i] ? `%${c.charCodeAt(0).toString(16).padStart(2, '0')}` : c)).join(''),
  );
const separator = fc.constantFrom('/', '//', '/./', '/x/../', '%2f', '%2F', '/.%2f');
const reachingSpelling = fc
  .tuple(fc.constantFrom('/', '/./', '/x/../', '/a/b/../../'), escapeSome('uploads'), separator, escapeSome(NAME))
  .map(([lead, uploads, sep, name]) => `${lead}${uploads}${sep}${name}`);

describe('requestFileKeys', () => {
  it('names the file koa-send would read, for any generated path', () => {
    let reached = 0;
    const key = fileKey(`/uploads/${NAME}`);
    fc.assert(
      fc.property(generatedPath, (p) => {
        if (koaSendTarget(p) !== TARGET) return;
        reached++;
        assert.ok(mayNameUpload(p), p);
        assert.ok(requestFileKeys(p).includes(key), `${p} -> ${requestFileKeys(p)}`);
      }),
      { numRuns: 20000 },
    );
    assert.ok(reached > 100, `only ${reached} generated paths reach the file: the property tests little`);
  });

  it('names it for every reaching spelling, and koa-send agrees they reach it', () => {
    const key = fileKey(`/uploads/${NAME}`);
    fc.assert(
      fc.property(reachingSpelling, (p) => {
        assert.equal(koaSendTarget(p), TARGET, p);
        assert.ok(mayNameUpload(p), p);
        assert.ok(requestFileKeys(p).includes(key), p);
      }),
      { numRuns: 5000 },
    );
  });

  it('folds what case-insensitive file systems fold, and decodes past one round', () => {
    const key = fileKey(`/uploads/${NAME}`);
    for (const p of ['/UPLOADS/Small_Cover_AB12CD.JPG', `/uploads/${NAME}.`, `/uploads/${NAME}. .`, `/uploads/${NAME}::$DATA`, '/uploads/%2573mall_cover_ab12cd.jpg', '/uploads%255c' + NAME]) {
      assert.ok(requestFileKeys(p).includes(key), p);
    }
  });

  it('keeps other files apart', () => {
    const key = fileKey(`/uploads/${NAME}`);
    for (const p of ['/uploads/small_cover_ab12ce.jpg', '/uploads/thumbnail_cover_ab12cd.jpg', `/uploads/${NAME}x`, `/other/${NAME}`, `/${NAME}`]) {
      assert.ok(!requestFileKeys(p).includes(key), p);
    }
  });
});

describe('mayNameUpload', () => {
  it('lets ordinary API paths through without work', () => {
    for (const p of ['/api/articles', '/graphql', '/_health', '/api/articles/search', '/admin/init']) assert.equal(mayNameUpload(p), false);
    for (const p of ['/uploads/a.jpg', '/%75ploads/a.jpg', '/UpLoads/a.jpg']) assert.equal(mayNameUpload(p), true);
  });
});

describe('decodings', () => {
  it('stops at what does not decode', () => {
    assert.deepEqual(decodings('/a%2541'), ['/a%2541', '/a%41', '/aA']);
    assert.deepEqual(decodings('/a%zz'), ['/a%zz']);
  });
});

describe('urlFileKey', () => {
  it('reads local and absolute URLs alike', () => {
    assert.equal(urlFileKey(`/uploads/${NAME}`), `uploads/${NAME}`);
    assert.equal(urlFileKey(`http://localhost:1337/uploads/${NAME}?v=2`), `uploads/${NAME}`);
    assert.equal(urlFileKey('relative.jpg'), null);
  });
});
