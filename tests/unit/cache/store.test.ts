import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { decodeAnswer, encodeAnswer, entryBytes, memoryStore, type CachedAnswer } from '../../../src/cache/store';
import { etagOf, matchesIfNoneMatch, publicCacheControl } from '../../../src/cache/http';

const answer = (size: number, fill = 'x') => {
  const body = Buffer.from(fill.repeat(size));
  return { body, etag: etagOf(body), type: 'application/json; charset=utf-8' };
};

describe('the memory store', () => {
  it('never holds more bytes or entries than its bounds, whatever is put in it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 200_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.tuple(fc.string({ maxLength: 200 }), fc.integer({ min: 0, max: 150_000 })), { maxLength: 200 }),
        (maxBytes, maxEntries, puts) => {
          const store = memoryStore({ maxBytes, maxEntries, ttlMs: 60_000 });
          const keys = new Set<string>();
          for (const [key, size] of puts) {
            store.set(key, answer(size));
            keys.add(key);
            // What is really held, counted from the entries themselves, not from the store's own tally.
            let held = 0;
            let entries = 0;
            for (const k of keys) {
              // The memory store answers synchronously (only the Redis store returns a promise).
              const found = store.get(k) as CachedAnswer | undefined;
              if (found) (held += found.body.length + 2 * k.length), entries++;
            }
            assert.ok(held <= maxBytes, `${held} > ${maxBytes}`);
            assert.ok(entries <= maxEntries);
            assert.ok(store.stats().bytes >= held);
          }
        }
      ),
      { numRuns: 60 }
    );
  });

  it('counts the key and the body of each entry, keeps what fits and drops what does not', () => {
    const store = memoryStore({ maxBytes: 10_000, maxEntries: 100, ttlMs: 60_000 });
    store.set('a', answer(3_000));
    assert.equal(store.stats().bytes, entryBytes('a', answer(3_000)));
    store.set('too big', answer(20_000));
    assert.equal(store.get('too big'), undefined);
    assert.ok(store.get('a'));
    for (let i = 0; i < 10; i++) store.set(`k${i}`, answer(3_000));
    assert.equal(store.get('a'), undefined, 'the least recently used goes first');
    store.clear();
    assert.deepEqual(store.stats(), { entries: 0, bytes: 0 });
  });
});

describe('the Redis encoding', () => {
  it('round-trips any body', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.string(), (bytes, type) => {
        const body = Buffer.from(bytes);
        const decoded = decodeAnswer(encodeAnswer({ body, etag: etagOf(body), type }));
        assert.ok(decoded);
        assert.equal(Buffer.compare(decoded.body, body), 0);
        assert.equal(decoded.etag, etagOf(body));
        assert.equal(decoded.type, type);
      })
    );
    assert.equal(decodeAnswer(Buffer.from('no header')), undefined);
    assert.equal(decodeAnswer(Buffer.from('{bad\nbody')), undefined);
  });
});

describe('HTTP validators', () => {
  it('the ETag depends on the bytes only', () => {
    assert.equal(etagOf('{"data":[]}'), etagOf(Buffer.from('{"data":[]}')));
    assert.notEqual(etagOf('{"data":[]}'), etagOf('{"data":[1]}'));
    assert.match(etagOf('x'), /^"[A-Za-z0-9_-]+"$/);
  });

  it('If-None-Match: weak comparison, lists, and *', () => {
    const tag = etagOf('x');
    assert.ok(matchesIfNoneMatch(tag, tag));
    assert.ok(matchesIfNoneMatch(`W/${tag}`, tag));
    assert.ok(matchesIfNoneMatch(`"a", ${tag}`, tag));
    assert.ok(matchesIfNoneMatch('*', tag));
    assert.ok(!matchesIfNoneMatch('', tag));
    assert.ok(!matchesIfNoneMatch('"a"', tag));
    assert.ok(!matchesIfNoneMatch(tag.slice(1, -1), tag));
  });

  it('Cache-Control for anonymous reads', () => {
    assert.equal(publicCacheControl({ maxAgeSeconds: 5, staleSeconds: 30 }), 'public, max-age=5, stale-while-revalidate=30');
    assert.equal(publicCacheControl({ maxAgeSeconds: 5, staleSeconds: 0 }), 'public, max-age=5');
  });
});
