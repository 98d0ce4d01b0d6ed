/**
 * Two Strapi processes on one database (PostgreSQL, or one SQLite file shared by both
 * processes), a storm of 100 distinct readers reporting one image across both at once:
 * exactly 100 reports, exactly one hide (one audit entry, one webhook delivery), and both
 * instances refuse the file within 5 seconds; restore and block propagate the same way.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../helpers/strapi';
import { startInstance, type Instance } from '../helpers/instances';
import { MODERATION_ENV, adminToken, allUrls, ip, uploadLarge, within } from '../helpers/moderation';
import { startReceiver } from '../helpers/receiver';

let database: TestDatabase;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let a: Instance;
let b: Instance;
let adminAuth: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startReceiver();
  // One after the other: the first creates the schema, the second finds it in place.
  a = await startInstance(database, MODERATION_ENV, { NASHRA_CHILD_SETUP: 'true', NASHRA_CHILD_WEBHOOK: receiver.url });
  b = await startInstance(database, MODERATION_ENV);
  adminAuth = { Authorization: `Bearer ${await adminToken(a.http, a.admin!)}` };
});

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await receiver?.close();
  await database?.drop();
});

const refused = async (instance: Instance, file: { id: number; url: string; formats: Record<string, { url: string }> }, token: string) => {
  const statics = await Promise.all(allUrls(file).map((u) => instance.http().get(u)));
  const api = await instance.http().get(`/api/upload/files/${file.id}`).set('Authorization', `Bearer ${token}`);
  return statics.every((r) => r.status === 404) && api.status === 404;
};
const served = async (instance: Instance, file: { id: number; url: string }, token: string) =>
  (await instance.http().get(file.url)).status === 200 &&
  (await instance.http().get(`/api/upload/files/${file.id}`).set('Authorization', `Bearer ${token}`)).status === 200;

describe('two instances, one database', () => {
  it('100 concurrent reporters across both: 100 reports, one hide, one webhook, 404 on both within 5 s', async () => {
    const token = a.token!;
    const file = await uploadLarge(a.http, { Authorization: `Bearer ${token}` }, 'storm.jpg', 5);
    assert.ok(await served(b, file, token), 'the second instance serves the upload');

    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 === 0 ? a : b)
          .http()
          .post('/api/moderation/reports')
          .set('X-Forwarded-For', ip(700 + (i % 20), 1 + Math.floor(i / 20)))
          .send({ data: { file: i % 3 === 0 ? file.documentId : file.id, reason: i % 4 === 0 ? 'hate' : 'violence' } }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    assert.deepEqual([...new Set(statuses)], [201], JSON.stringify(responses.find((r) => r.status !== 201)?.body));

    const item = await a.http().get(`/moderation/queue/${file.id}`).set(adminAuth);
    assert.equal(item.body.data.status, 'hidden');
    assert.equal(item.body.data.reportCount, 100);
    // any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
    assert.equal(item.body.data.reasons.reduce((n: number, g: any) => n + g.count, 0), 100);
    const audit = await a.http().get(`/moderation/audit?fileId=${file.id}`).set(adminAuth);
    assert.deepEqual(audit.body.data.map((e: { action: unknown }) => e.action), ['hide']);

    assert.ok(await within(5000, () => refused(a, file, token)), 'instance A refuses the file within 5 s');
    assert.ok(await within(5000, () => refused(b, file, token)), 'instance B refuses the file within 5 s');
    assert.ok(await within(5000, async () => receiver.of('moderation.hidden').length >= 1), 'moderation.hidden delivered');

    // Barriers: each instance's webhook queue is in order, so once B's restore and A's block
    // have been delivered, any second hide from either instance would have been too.
    assert.equal((await b.http().post(`/moderation/queue/${file.id}/restore`).set(adminAuth)).status, 200);
    assert.ok(await within(5000, () => served(a, file, token)), 'a restore on B reaches A within 5 s');
    assert.equal((await a.http().post(`/moderation/queue/${file.id}/block`).set(adminAuth)).status, 200);
    assert.ok(await within(5000, () => refused(b, file, token)), 'a block on A reaches B within 5 s');
    assert.ok(await within(5000, async () => receiver.of('moderation.restored').length >= 1 && receiver.of('moderation.blocked').length >= 1));
    assert.equal(receiver.of('moderation.hidden').length, 1, 'exactly one moderation.hidden delivery');
    assert.equal(receiver.of('moderation.restored').length, 1);
    assert.equal(receiver.of('moderation.blocked').length, 1);
  });

  it('shares the rate limit between instances', async () => {
    const token = a.token!;
    const files: Array<Awaited<ReturnType<typeof uploadLarge>>> = [];
    for (let i = 0; i < 11; i++) files.push(await uploadLarge(a.http, { Authorization: `Bearer ${token}` }, `rate-${i}.jpg`, 20 + i));
    const from = ip(800, 9);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await (i % 2 === 0 ? a : b).http().post('/api/moderation/reports').set('X-Forwarded-For', from).send({ data: { file: files[i].id, reason: 'other' } });
      statuses.push(res.status);
    }
    assert.deepEqual(statuses, [...Array(10).fill(201), 429]);
  });
});
