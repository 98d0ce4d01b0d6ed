/**
 * Hostile input: every malformed report body is a 4xx in Strapi's error shape and stores
 * nothing; reporter and network keys never come out of the content API, however the
 * query probes for them (filters, populate, fields, GraphQL).
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Response } from 'supertest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startNashra, type Nashra } from '../helpers/strapi';
import { createAdminUser, fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';
import { MODERATION_ENV, adminToken, gql, ip, reporter } from '../helpers/moderation';

let app: Nashra;
let ed: ReturnType<typeof editor>;
let file: { id: number; documentId: string; url: string };
let article: { documentId: string };

beforeAll(async () => {
  app = await startNashra({ env: { ...MODERATION_ENV, MODERATION_CACHE_TTL_MS: '100' } });
  ed = editor(app.http, await fullAccessToken(app.strapi));
  file = await ed.upload('probe.jpg', 30);
  article = await ed.create('articles', { title: 'خبر للاختبار', cover: file.id, gallery: [file.id] }, '?locale=ar');
  const report = reporter(app.http);
  for (let n = 1; n <= 2; n++) assert.equal((await report(file.id, ip(900 + n, 7))).status, 201);
});

afterAll(async () => app?.stop());

const stored = async () => ({
  reports: await app.strapi.db.query('plugin::moderation.report').count(),
  states: await app.strapi.db.query('plugin::moderation.media-state').count(),
  counters: await app.strapi.db.query('plugin::moderation.rate-counter').count(),
  audit: await app.strapi.db.query('plugin::moderation.audit-entry').count(),
});

describe('malformed report bodies', () => {
  const valid = () => ({ file: file.id, reason: 'violence' });
  const json: Array<[string, () => unknown]> = [
    ['null body', () => null],
    ['an array body', () => []],
    ['an array of reports', () => [{ data: valid() }]],
    ['a number body', () => 42],
    ['a string body', () => 'report'],
    ['a boolean body', () => true],
    ['an empty object', () => ({})],
    ['data null', () => ({ data: null })],
    ['data an array', () => ({ data: [valid()] })],
    ['data a string', () => ({ data: 'file=1' })],
    ['data a number', () => ({ data: 1 })],
    ['file missing', () => ({ data: { reason: 'violence' } })],
    ['file null', () => ({ data: { file: null, reason: 'violence' } })],
    ['file 0', () => ({ data: { file: 0, reason: 'violence' } })],
    ['file negative', () => ({ data: { file: -1, reason: 'violence' } })],
    ['file fractional', () => ({ data: { file: 1.5, reason: 'violence' } })],
    ['file too large a number', () => ({ data: { file: 1e20, reason: 'violence' } })],
    ['file {$ne: null}', () => ({ data: { file: { $ne: null }, reason: 'violence' } })],
    ['file {$gt: 0}', () => ({ data: { file: { $gt: 0 }, reason: 'violence' } })],
    ['file {id}', () => ({ data: { file: { id: file.id }, reason: 'violence' } })],
    ['file an array', () => ({ data: { file: [file.id], reason: 'violence' } })],
    ['file true', () => ({ data: { file: true, reason: 'violence' } })],
    ['file empty string', () => ({ data: { file: '', reason: 'violence' } })],
    ['file SQL', () => ({ data: { file: '1 OR 1=1', reason: 'violence' } })],
    ['file a path', () => ({ data: { file: '../../etc/passwd', reason: 'violence' } })],
    ['file hex', () => ({ data: { file: '0x10', reason: 'violence' } })],
    ['file leading zero', () => ({ data: { file: '01', reason: 'violence' } })],
    ['file 40 digits', () => ({ data: { file: '9'.repeat(40), reason: 'violence' } })],
    ['file upper-case documentId', () => ({ data: { file: 'ABCDEFGHIJKLMNOPQRSTUVWX', reason: 'violence' } })],
    ['file a long documentId', () => ({ data: { file: 'a'.repeat(200), reason: 'violence' } })],
    ['reason missing', () => ({ data: { file: file.id } })],
    ['reason null', () => ({ data: { file: file.id, reason: null } })],
    ['reason a number', () => ({ data: { file: file.id, reason: 1 } })],
    ['reason empty', () => ({ data: { file: file.id, reason: '' } })],
    ['reason upper case', () => ({ data: { file: file.id, reason: 'VIOLENCE' } })],
    ['reason unknown', () => ({ data: { file: file.id, reason: 'boring' } })],
    ['reason with a space', () => ({ data: { file: file.id, reason: 'violence ' } })],
    ['reason an array', () => ({ data: { file: file.id, reason: ['violence'] } })],
    ['reason {$ne}', () => ({ data: { file: file.id, reason: { $ne: null } } })],
    ['comment of 501 characters', () => ({ data: { ...valid(), comment: 'ت'.repeat(501) } })],
    ['comment of 100000 characters', () => ({ data: { ...valid(), comment: 'x'.repeat(100_000) } })],
    ['comment a number', () => ({ data: { ...valid(), comment: 5 } })],
    ['comment an object', () => ({ data: { ...valid(), comment: { text: 'x' } } })],
    ['comment an array', () => ({ data: { ...valid(), comment: ['x'] } })],
    ['comment true', () => ({ data: { ...valid(), comment: true } })],
    ['comment with NUL', () => ({ data: { ...valid(), comment: 'a\u0000b' } })],
    ['comment with BEL', () => ({ data: { ...valid(), comment: 'a\u0007b' } })],
    ['comment with a lone surrogate', () => ({ data: { ...valid(), comment: 'a\ud800b' } })],
    ['an extra reporterKey', () => ({ data: { ...valid(), reporterKey: 'ip:forged' } })],
    ['an extra status', () => ({ data: { ...valid(), status: 'hidden' } })],
    ['an extra top-level key', () => ({ data: valid(), meta: { force: true } })],
    ['a __proto__ key', () => JSON.parse(`{"data":{"file":${file.id},"reason":"violence","__proto__":{"admin":true}}}`)],
  ];
  const raw: Array<[string, string, string]> = [
    ['broken JSON: unterminated object', 'application/json', '{"data": {"file": 1'],
    ['broken JSON: trailing comma', 'application/json', '{"data": {"file": 1, "reason": "violence",}}'],
    ['broken JSON: single quotes', 'application/json', "{'data': {'file': 1}}"],
    ['broken JSON: bare word', 'application/json', 'report'],
    ['JSON sent as text/plain', 'text/plain', '{"data":{"file":1,"reason":"violence"}}'],
    ['an empty JSON body', 'application/json', ''],
    ['a body over the size limit', 'application/json', `{"data":{"file":1,"reason":"violence","comment":"${'x'.repeat(2_000_000)}"}}`],
  ];

  let n = 0;
  for (const [what, body] of json) {
    it(`answers 4xx for ${what} and stores nothing`, async () => {
      const before = await stored();
      const res = await app.http().post('/api/moderation/reports').set('X-Forwarded-For', ip(100, ++n)).set('Content-Type', 'application/json').send(JSON.stringify(body()));
      assert.ok(res.status >= 400 && res.status < 500, `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      assert.equal(res.body.data, null);
      assert.equal(res.body.error.status, res.status);
      assert.equal(typeof res.body.error.name, 'string');
      assert.deepEqual(await stored(), before);
    });
  }
  for (const [what, type, text] of raw) {
    it(`answers 4xx for ${what} and stores nothing`, async () => {
      const before = await stored();
      const res = await app.http().post('/api/moderation/reports').set('X-Forwarded-For', ip(101, ++n)).set('Content-Type', type).send(text);
      assert.ok(res.status >= 400 && res.status < 500, `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      assert.deepEqual(await stored(), before);
    });
  }

  it('answers 400 for a forged client address and stores nothing', async () => {
    const before = await stored();
    for (const forged of ['not-an-ip', '999.1.1.1', '10.0.0.1.5', '<script>']) {
      const res = await app.http().post('/api/moderation/reports').set('X-Forwarded-For', forged).send({ data: { file: file.id, reason: 'violence' } });
      assert.equal(res.status, 400, `${forged}: ${res.status}`);
      assert.equal(res.body.error.name, 'ValidationError');
    }
    assert.deepEqual(await stored(), before);
  });

  it('stays up after all of it', async () => {
    assert.equal((await app.http().get('/api/moderation/reasons')).status, 200);
  });
});

describe('reporter and network keys never leave the database', () => {
  let secrets: string[];
  beforeAll(async () => {
    const rows = await app.strapi.db.query('plugin::moderation.report').findMany({ select: ['reporterKey', 'networkKey'] });
    secrets = rows.flatMap((r: { reporterKey: string; networkKey: string }) => [r.reporterKey, r.networkKey]);
    assert.ok(secrets.length >= 4);
  });

  const assertClean = (label: string, res: { status: number; text: string }) => {
    assert.ok(res.status < 500, `${label}: ${res.status}`);
    for (const secret of secrets) assert.ok(!res.text.includes(secret), `${label} leaked a key`);
    assert.ok(!/"(ip|net):[0-9a-f]{64}"/.test(res.text), `${label} leaked something key-shaped`);
  };

  const restProbes = [
    '/api/upload/files?populate=*',
    '/api/upload/files?populate[related]=*',
    '/api/upload/files?populate[reports]=*',
    '/api/upload/files?populate[moderation]=*',
    '/api/upload/files?fields[0]=reporterKey&fields[1]=networkKey',
    '/api/upload/files?filters[reporterKey][$notNull]=true',
    '/api/upload/files?filters[reports][reporterKey][$notNull]=true',
    '/api/upload/files?filters[related][reporterKey][$notNull]=true',
    `/api/upload/files/${0}?populate=*`,
    '/api/articles?populate=*',
    '/api/articles?populate[cover][populate]=*',
    '/api/articles?populate[cover][fields][0]=reporterKey',
    '/api/articles?filters[cover][reporterKey][$notNull]=true&populate=cover',
    '/api/articles?filters[cover][reports][reporterKey][$startsWith]=ip:&populate=cover',
    '/api/articles?populate[cover][populate][related]=*',
    '/api/moderation/reports',
    '/api/moderation/media-states',
    '/api/moderation/audit-entries',
    '/api/reports',
    '/api/media-states',
  ];

  for (const probe of restProbes) {
    for (const withToken of [false, true]) {
      it(`${withToken ? 'with a token' : 'public'}: ${probe}`, async () => {
        const req = app.http().get(probe.replace('/0?', `/${file.id}?`));
        const res = withToken ? await req.set(ed.auth) : await req;
        assertClean(probe, res);
      });
    }
  }

  it('GraphQL exposes no moderation type or field', async () => {
    const introspection = await gql(app.http, '{ __schema { types { name fields { name } } } }', {}, ed.auth);
    assert.equal(introspection.body.errors, undefined);
    const names = introspection.body.data.__schema.types.flatMap((t: { name: string; fields?: Array<{ name: string }> | null }) => [t.name, ...(t.fields ?? []).map((f: { name: unknown }) => f.name)]);
    for (const forbidden of ['reporterKey', 'networkKey', 'Report', 'MediaState', 'AuditEntry', 'RateCounter', 'reports', 'mediaStates']) {
      assert.ok(!names.includes(forbidden), `${forbidden} is in the schema`);
    }
    for (const query of [
      '{ uploadFiles { documentId related { __typename } } }',
      `{ article(documentId: "${article.documentId}", locale: "ar") { cover { documentId url } } }`,
      '{ reports { reporterKey } }',
    ]) {
      const res = await gql(app.http, query, {}, ed.auth);
      assertClean(query, res);
    }
  });

  it('the report reply reveals no count, key or state', async () => {
    const res = await reporter(app.http)(file.id, ip(950, 1));
    assert.deepEqual(res.body, { data: { status: 'received' } });
    assertClean('receipt', res);
  });
});

describe('text that reaches the desk and the front ends is plain', () => {
  const HIDDEN = /[\p{Default_Ignorable_Code_Point}\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
  it('a comment is stored without bidi controls or invisible characters (generated comments)', async () => {
    let n = 0;
    const piece = fc.oneof(
      fc.constantFrom('انظر', ' ', 'هنا', 'exe.gpj', 'صورة', '\n', 'ok', '!'),
      fc.constantFrom('\u202E', '\u202D', '\u202A', '\u202B', '\u202C', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', '\u200B', '\u200D', '\uFEFF', '\u2060', '\u00AD', '\u{E0041}'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 30 }), async (pieces) => {
        const comment = pieces.join('');
        const res = await app.http().post('/api/moderation/reports').set('X-Forwarded-For', ip(1200 + ++n, 9)).send({ data: { file: file.id, reason: 'other', comment } });
        if (res.status !== 201) return false;
        const stored = await app.strapi.db.query('plugin::moderation.report').findMany({ where: { fileId: file.id }, orderBy: { id: 'desc' }, limit: 1, select: ['comment'] });
        const text = stored[0].comment ?? '';
        return !HIDDEN.test(text) && text === comment.replace(new RegExp(HIDDEN.source, 'gu'), '').trim();
      }),
      { numRuns: 8 },
    );
  });

  it('the admin settings API refuses a label with markup (400), and keeps the old labels', async () => {
    const jwt = await adminToken(app.http, await createAdminUser(app.strapi));
    const auth = { Authorization: `Bearer ${jwt}` };
    const current = (await app.http().get('/moderation/settings').set(auth)).body.data;
    for (const label of ['<b>عنف</b>', '<img src=x onerror=alert(1)>', 'Violence <script>alert(1)</script>', 'a > b']) {
      // any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
      const bad = { ...current, reasons: current.reasons.map((r: any, i: number) => (i === 0 ? { ...r, labels: { ...r.labels, fr: label } } : r)) };
      const res = await app.http().put('/moderation/settings').set(auth).send({ data: bad });
      assert.equal(res.status, 400, `${label}: ${res.status}`);
      assert.equal(res.body.error.name, 'ValidationError');
      assert.match(JSON.stringify(res.body.error.details), /"reasons\[0\]","labels","fr"\],"message":"must be plain text/);
    }
    assert.deepEqual((await app.http().get('/moderation/settings').set(auth)).body.data, current);
  });

  it('the public reasons endpoint never returns HTML, even for labels stored before the rule', async () => {
    const store = app.strapi.store({ type: 'plugin', name: 'moderation' });
    const saved = await store.get({ key: 'settings' });
    const base = saved ?? { threshold: 3, minNetworks: 2, windowDays: 7, rateLimit: { perMinute: 10, perDay: 50 }, reasons: [] };
    try {
      await store.set({
        key: 'settings',
        value: { ...base, reasons: [{ code: 'violence', labels: { ar: '<b>عنف</b>', fr: '<img src=x onerror=alert(1)>Violence', en: 'Violence\u202E' } }] },
      });
      await new Promise((r) => setTimeout(r, 250));
      for (const locale of ['ar', 'fr', 'en']) {
        const res = await app.http().get(`/api/moderation/reasons?locale=${locale}`);
        assert.equal(res.status, 200);
        assert.ok(res.body.data.length > 0);
        for (const reason of res.body.data) {
          assert.doesNotMatch(reason.label, /[<>]/, `${locale}: ${reason.label}`);
          assert.doesNotMatch(reason.label, HIDDEN, `${locale}: ${JSON.stringify(reason.label)}`);
        }
      }
    } finally {
      if (saved) await store.set({ key: 'settings', value: saved });
      else await store.delete({ key: 'settings' });
    }
  });
});

describe('expected client errors are one line at warn, not a stack at error', () => {
  const capture = async (work: () => Promise<unknown>) => {
    const log = app.strapi.log as unknown as Record<'error' | 'warn', (...args: unknown[]) => void>;
    const lines: Record<'error' | 'warn', unknown[][]> = { error: [], warn: [] };
    const originals = { error: log.error, warn: log.warn };
    log.error = (...args: unknown[]) => void lines.error.push(args);
    log.warn = (...args: unknown[]) => void lines.warn.push(args);
    try {
      await work();
    } finally {
      log.error = originals.error;
      log.warn = originals.warn;
    }
    return lines;
  };

  const cases: Array<[string, () => Promise<Response>, number]> = [
    ['a malformed JSON report', () => app.http().post('/api/moderation/reports').set('Content-Type', 'application/json').send('{"data": {"file": 1'), 400],
    ['a malformed JSON article write', () => app.http().post('/api/articles').set(ed.auth).set('Content-Type', 'application/json').send("{'data': 1}"), 400],
    ['a body over the size limit', () => app.http().post('/api/moderation/reports').set('Content-Type', 'application/json').send(`{"data":{"comment":"${'x'.repeat(2_000_000)}"}}`), 413],
  ];
  for (const [what, send, status] of cases) {
    it(`${what}: ${status} in Strapi's error format, one warn line, nothing at error`, async () => {
      let res!: Response;
      const lines = await capture(async () => (res = await send()));
      assert.equal(res.status, status, JSON.stringify(res.body).slice(0, 300));
      assert.equal(res.body.data, null);
      assert.equal(res.body.error.status, status);
      assert.equal(typeof res.body.error.name, 'string');
      assert.equal(lines.error.length, 0, `logged at error: ${String(lines.error[0]?.[0]).slice(0, 300)}`);
      assert.equal(lines.warn.length, 1, JSON.stringify(lines.warn));
      const [line] = lines.warn[0];
      assert.equal(typeof line, 'string');
      assert.doesNotMatch(line as string, /\n/, 'one line, no stack');
      assert.match(line as string, new RegExp(`-> ${status} `));
    });
  }
});
