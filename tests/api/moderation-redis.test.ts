/**
 * With REDIS_URL: rate-limit windows are Redis keys (nothing written to the counters
 * table) and a change of the hidden set is announced on a channel that every instance
 * listens to (here the instance hears its own hide, and a change announced by "another
 * instance", i.e. this test).
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { startNashra, type Nashra } from '../helpers/strapi';
import { fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';
import { MODERATION_ENV, ip, reporter, within } from '../helpers/moderation';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
let app: Nashra;
let ed: ReturnType<typeof editor>;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  // A secret of its own: reporter keys (and so Redis keys) never collide with another run.
  app = await startNashra({
    env: { ...MODERATION_ENV, MODERATION_SECRET: randomBytes(16).toString('hex'), REDIS_URL, MODERATION_RATE_PER_MINUTE: '3' },
  });
  ed = editor(app.http, await fullAccessToken(app.strapi));
});

afterAll(async () => {
  await app?.stop();
  await redis?.quit();
});

const stats = () => app.strapi.plugin('moderation').service('redis').stats().remoteInvalidations as number;

describe('with Redis', () => {
  it('keeps the rate limit in Redis', async () => {
    const files: Array<{ id: number; documentId: string; url: string }> = [];
    for (let i = 0; i < 4; i++) files.push(await ed.upload(`redis-rate-${i}.jpg`, 60 + i));
    const statuses: number[] = [];
    for (const file of files) statuses.push((await reporter(app.http)(file.id, ip(600, 1))).status);
    assert.deepEqual(statuses, [201, 201, 201, 429]);
    assert.equal(await app.strapi.db.query('plugin::moderation.rate-counter').count(), 0);
    assert.ok((await redis.keys('nashra:moderation:rate:m:*')).length > 0);
  });

  it('announces its own hide on the channel', async () => {
    const before = stats();
    const file = await ed.upload('redis-hide.jpg', 90);
    for (let n = 0; n < 3; n++) assert.equal((await reporter(app.http)(file.id, ip(610 + n, 1))).status, 201);
    assert.ok(await within(5000, async () => stats() > before), 'the instance heard the announcement');
    assert.equal((await app.http().get(file.url)).status, 404);
  });

  it('refreshes when another instance announces a change', async () => {
    const file = await ed.upload('redis-remote.jpg', 100);
    const before = stats();
    // What another instance does: commit the hide, then publish.
    await app.strapi.db.query('plugin::moderation.media-state').create({ data: { fileId: file.id, status: 'hidden' } });
    await redis.publish('nashra:moderation:hidden-set', 'test');
    assert.ok(await within(5000, async () => stats() > before));
    assert.ok(await within(5000, async () => (await app.http().get(file.url)).status === 404));
  });
});
