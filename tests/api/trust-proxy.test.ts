/**
 * TRUST_PROXY over HTTP: the reader is the entry TRUST_PROXY hops from the right of
 * X-Forwarded-For, so what a client writes further left (rotated on every request) never
 * makes a new reader: the second report is already-reported and the per-reader rate limit
 * holds. With `false` the header is ignored altogether.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startNashra } from '../helpers/strapi';
import { fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';

const SECRET = { MODERATION_SECRET: 'p4O8i2U6y0T3r7E1w5Q9a3S7d1F5g9H3' };
const RATE = { MODERATION_RATE_PER_MINUTE: '4', MODERATION_RATE_PER_DAY: '100' };

/** What a client may write left of the trusted part: addresses, garbage, empty entries, spaces. */
const forgedEntry = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.constantFrom('', ' ', 'unknown', '127.0.0.1', '::1', '10.0.0.1', 'for=1.2.3.4', '[2001:db8::1]:443'),
  fc.stringMatching(/^[0-9a-zA-Z.:_ -]{0,24}$/),
);
const forgedLeft = fc.array(forgedEntry, { minLength: 1, maxLength: 6 });

async function boot(trustProxy: string) {
  const app = await startNashra({ env: { ...SECRET, ...RATE, TRUST_PROXY: trustProxy } });
  const ed = editor(app.http, await fullAccessToken(app.strapi));
  const report = (file: number, xff: string | null) => {
    const req = app.http().post('/api/moderation/reports');
    if (xff !== null) req.set('X-Forwarded-For', xff);
    return req.send({ data: { file, reason: 'violence' } });
  };
  return { app, ed, report };
}

type Booted = Awaited<ReturnType<typeof boot>>;

for (const one of ['true', '1']) describe(`TRUST_PROXY=${one}: one trusted proxy, the rightmost entry is the reader`, () => {
  let b: Booted;
  beforeAll(async () => (b = await boot(one)));
  afterAll(async () => b?.app.stop());

  it('rotated left parts from one client are one reader: every later report is already-reported', async () => {
    const file = await b.ed.upload('proxy-one.jpg', 10);
    assert.equal((await b.report(file.id, '198.51.100.7')).status, 201);
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(forgedLeft, async (left) => {
        runs++;
        const res = await b.report(file.id, [...left, '198.51.100.7'].join(','));
        return res.status === 200 && res.body.data.status === 'already-reported';
      }),
      { numRuns: 3 },
    );
    assert.equal(runs, 3);
    const stored = await b.app.strapi.db.query('plugin::moderation.report').count({ where: { fileId: file.id } });
    assert.equal(stored, 1);
  });

  it('the per-reader rate limit holds however the left part rotates (429 with Retry-After)', async () => {
    const files = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => b.ed.upload(`proxy-rate-${i}.jpg`, 30 + 40 * i)));
    const statuses: number[] = [];
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(forgedLeft, async (left) => {
        const header = [...left, '198.51.100.9'].join(', ');
        seen.add(header);
        const res = await b.report(files[statuses.length % files.length].id, header);
        statuses.push(res.status);
        if (res.status === 429) assert.ok(Number(res.headers['retry-after']) >= 1, 'Retry-After');
        return true;
      }),
      { numRuns: 6 },
    );
    // RATE: four a minute. Four reports accepted, the rest refused, whatever the left parts said.
    assert.deepEqual(statuses, [201, 201, 201, 201, 429, 429], `${statuses} for ${[...seen].join(' | ')}`);
  });

  it('a different rightmost entry is a different reader', async () => {
    const file = await b.ed.upload('proxy-two-readers.jpg', 70);
    assert.equal((await b.report(file.id, '203.0.113.5, 198.51.100.20')).status, 201);
    assert.equal((await b.report(file.id, '203.0.113.5, 198.51.100.21')).status, 201);
  });
});

describe('TRUST_PROXY=2: the second entry from the right is the reader', () => {
  let b: Booted;
  beforeAll(async () => (b = await boot('2')));
  afterAll(async () => b?.app.stop());

  it('rotating the left part and the last hop keeps one reader; the second from the right decides', async () => {
    const file = await b.ed.upload('proxy-hops.jpg', 110);
    assert.equal((await b.report(file.id, '1.1.1.1, 198.51.100.30, 10.9.9.9')).status, 201);
    let same = 0;
    await fc.assert(
      fc.asyncProperty(forgedLeft, fc.ipV4(), async (left, lastHop) => {
        const res = await b.report(file.id, [...left, '198.51.100.30', lastHop].join(','));
        if (res.status === 200) same++;
        return res.status === 200;
      }),
      { numRuns: 2 },
    );
    assert.equal(same, 2);
    // Another address in the second place from the right: another reader.
    assert.equal((await b.report(file.id, '1.1.1.1, 198.51.100.31, 10.9.9.9')).status, 201);
  });
});

describe('TRUST_PROXY=false: X-Forwarded-For is ignored', () => {
  let b: Booted;
  beforeAll(async () => (b = await boot('false')));
  afterAll(async () => b?.app.stop());

  it('every header value is the same reader (the socket address)', async () => {
    const file = await b.ed.upload('proxy-off.jpg', 150);
    assert.equal((await b.report(file.id, '198.51.100.40')).status, 201);
    assert.equal((await b.report(file.id, '198.51.100.41')).status, 200);
    assert.equal((await b.report(file.id, null)).status, 200);
    assert.equal((await b.report(file.id, '203.0.113.1, 198.51.100.42')).status, 200);
  });
});
