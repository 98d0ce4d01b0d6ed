/**
 * The per-reporter rate limit: counted in the database (so every instance shares it),
 * answered with 429 and Retry-After, and nothing stored for a refused report.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { startNashra, type Nashra } from '../helpers/strapi';
import { fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';
import { MODERATION_ENV, ip, reporter } from '../helpers/moderation';
import { freezeDate } from '../helpers/clock';

let app: Nashra;
let ed: ReturnType<typeof editor>;
let report: ReturnType<typeof reporter>;

beforeAll(async () => {
  app = await startNashra({ env: { ...MODERATION_ENV, MODERATION_RATE_PER_MINUTE: '3', MODERATION_RATE_PER_DAY: '5' } });
  ed = editor(app.http, await fullAccessToken(app.strapi));
  report = reporter(app.http);
});

afterAll(async () => app?.stop());

const reports = () => app.strapi.db.query('plugin::moderation.report').count();

describe('rate limit', () => {
  it('refuses the fourth report in a minute with 429 and Retry-After, and stores nothing', async () => {
    // A chosen clock, moved by hand: reports at :00, :20, :40 and :59.5 of one minute, whenever the test runs.
    const clock = freezeDate(Date.UTC(2030, 0, 15, 10, 0, 0));
    try {
      const files: Array<{ id: number; documentId: string; url: string }> = [];
      for (let i = 0; i < 4; i++) files.push(await ed.upload(`rate-${i}.jpg`, 40 * i));
      for (let i = 0; i < 3; i++) {
        if (i > 0) clock.advance(20_000);
        assert.equal((await report(files[i].id, ip(200, 1))).status, 201);
      }
      const before = await reports();
      clock.advance(19_500);
      const res = await report(files[3].id, ip(200, 1));
      assert.equal(res.status, 429, JSON.stringify(res.body));
      assert.equal(res.body.error.name, 'RateLimitError');
      // Half a second is left of the minute: retry in one second.
      assert.equal(res.headers['retry-after'], '1');
      assert.equal(await reports(), before);
      assert.equal(await app.strapi.db.query('plugin::moderation.media-state').count({ where: { fileId: files[3].id } }), 0);

      // Another reader is not affected, and the reply to them does not mention the other.
      assert.equal((await report(files[3].id, ip(201, 1))).status, 201);
      // The next minute, the first reader may report again.
      clock.advance(1_000);
      assert.equal((await report(files[3].id, ip(200, 1))).status, 201);
    } finally {
      clock.restore();
    }
  });

  it('limits per day across minutes (service level, with a chosen clock)', async () => {
    const limiter = app.strapi.plugin('moderation').service('rateLimit');
    const limits = { perMinute: 3, perDay: 5 };
    const day = 86_400_000;
    const start = Math.floor(Date.now() / day) * day + 1000;
    const at = (minute: number, second = 0) => start + minute * 60_000 + second * 1000;
    // any: an upload or service answer read as JSON; the assertions check its shape
    const outcomes: any[] = [];
    for (const t of [at(0), at(0, 1), at(1), at(1, 1), at(2), at(3)]) outcomes.push(await limiter.hit('test:day-reader', limits, t));
    assert.deepEqual(outcomes.slice(0, 5).map((o: { ok: unknown }) => o.ok), [true, true, true, true, true]);
    assert.equal(outcomes[5].ok, false);
    // Refused by the day window: retry when the day ends, not in a minute.
    assert.ok(outcomes[5].retryAfterSeconds > 60 * 60, String(outcomes[5].retryAfterSeconds));
    const nextDay = await limiter.hit('test:day-reader', limits, start + day);
    assert.equal(nextDay.ok, true);
  });

  it('counts concurrent reports exactly (atomic upsert)', async () => {
    const limiter = app.strapi.plugin('moderation').service('rateLimit');
    const t = Date.now();
    const results = await Promise.all(Array.from({ length: 20 }, () => limiter.hit('test:burst', { perMinute: 7, perDay: 100 }, t)));
    assert.equal(results.filter((r: { ok: unknown }) => r.ok).length, 7);
  });
});
