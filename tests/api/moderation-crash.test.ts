/**
 * A crash loses nothing: `kill -9` a Strapi process during a burst of reports, start it
 * again on the same database, and every report acknowledged with 201 is stored, every
 * hide committed (its audit entry) is delivered to the webhook (at least once; a repeat
 * carries the same event id), including hides whose delivery the crash interrupted.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../helpers/strapi';
import { startInstance, type Instance } from '../helpers/instances';
import { MODERATION_ENV, adminToken, ip, uploadLarge, within } from '../helpers/moderation';
import { startReceiver } from '../helpers/receiver';

let database: TestDatabase;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let first: Instance;
let second: Instance | undefined;

const FILES = 8;
const READERS = 4;

beforeAll(async () => {
  database = await createTestDatabase();
  // Slow enough that deliveries are still under way when the process dies.
  receiver = await startReceiver({ delayMs: 700 });
  first = await startInstance(database, MODERATION_ENV, { NASHRA_CHILD_SETUP: 'true', NASHRA_CHILD_WEBHOOK: receiver.url });
});

afterAll(async () => {
  await first?.crash();
  await second?.stop();
  await receiver?.close();
  await database?.drop();
});

describe('kill -9 during a burst of reports', () => {
  it('keeps every acknowledged report and delivers every committed hide after the restart', async () => {
    const auth = { Authorization: `Bearer ${first.token!}` };
    const files: Array<{ id: number }> = [];
    for (let i = 0; i < FILES; i++) files.push(await uploadLarge(first.http, auth, `crash-${i}.jpg`, 15 + 40 * i));

    // Four readers per file from two networks each: enough to hide every file.
    const acked = new Map<number, number>();
    const unknown = new Map<number, number>();
    let answered = 0;
    let killing: Promise<void> | null = null;
    const sends = files.flatMap((file, f) =>
      Array.from({ length: READERS }, (_, r) =>
        first
          .http()
          .post('/api/moderation/reports')
          .set('X-Forwarded-For', ip(300 + f * 2 + (r % 2), 1 + r))
          .send({ data: { file: file.id, reason: 'violence' } })
          .then((res) => {
            if (res.status === 201) acked.set(file.id, (acked.get(file.id) ?? 0) + 1);
            else unknown.set(file.id, (unknown.get(file.id) ?? 0) + 1);
            // Crash in the middle of the burst, while later reports are in flight.
            if (++answered === Math.floor((FILES * READERS) / 2)) killing = first.crash();
          })
          .catch(() => unknown.set(file.id, (unknown.get(file.id) ?? 0) + 1)),
      ),
    );
    await Promise.all(sends);
    await (killing ?? first.crash());
    const deliveredBeforeRestart = receiver.of('moderation.hidden').length;

    second = await startInstance(database, MODERATION_ENV);
    const admin = { Authorization: `Bearer ${await adminToken(second.http, first.admin!)}` };

    // Every 201 is stored (reports whose answer the crash swallowed may or may not be).
    for (const file of files) {
      const item = await second.http().get(`/moderation/queue/${file.id}`).set(admin);
      const stored = item.status === 200 ? item.body.data.reportCount : 0;
      const ok = acked.get(file.id) ?? 0;
      assert.ok(stored >= ok && stored <= ok + (unknown.get(file.id) ?? 0), `file ${file.id}: ${stored} stored, ${ok} acknowledged`);
    }

    const audit = await second.http().get('/moderation/audit?pageSize=100').set(admin);
    // any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
    const hidden = new Set<number>(audit.body.data.filter((e: any) => e.action === 'hide').map((e: { fileId: unknown }) => e.fileId));
    assert.ok(hidden.size >= 1, 'the burst committed hides');
    assert.ok(deliveredBeforeRestart < hidden.size, `the crash interrupted deliveries (${deliveredBeforeRestart} of ${hidden.size} before the restart)`);

    const deliveredFor = () => new Set(receiver.of('moderation.hidden').map((d) => d.body.media.id));
    assert.ok(
      await within(20_000, async () => [...hidden].every((id) => deliveredFor().has(id))),
      `every committed hide delivered: ${[...hidden].filter((id) => !deliveredFor().has(id))} missing`,
    );
    // A repeat is the same event: one event id per hide, in the header and the body.
    for (const id of hidden) {
      const ids = new Set(receiver.of('moderation.hidden').filter((d) => d.body.media.id === id).map((d) => d.eventId));
      assert.equal(ids.size, 1, `file ${id}: event ids ${[...ids]}`);
    }
    for (const d of receiver.of('moderation.hidden')) assert.equal(d.body.eventId, d.eventId);
    // Nothing delivered that was not committed.
    for (const d of receiver.of('moderation.hidden')) assert.ok(hidden.has(d.body.media.id));
  });
});
