/**
 * moderation.hidden / .restored / .blocked: registered as webhook events, delivered once
 * per change to a local receiver, with what a CDN purge needs (every URL) and why.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { UID } from '@strapi/strapi';
import assert from 'node:assert/strict';
import { startNashra, type Nashra } from '../helpers/strapi';
import { createAdminUser, fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';
import { MODERATION_ENV, adminToken, allUrls, ip, reporter, uploadLarge, within } from '../helpers/moderation';
import { startReceiver } from '../helpers/receiver';

let app: Nashra;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let admin: Record<string, string>;

beforeAll(async () => {
  receiver = await startReceiver();
  app = await startNashra({ env: MODERATION_ENV });
  admin = { Authorization: `Bearer ${await adminToken(app.http, await createAdminUser(app.strapi))}` };
});

afterAll(async () => {
  await app?.stop();
  await receiver?.close();
});

// Deliveries are asynchronous: wait for them, bounded by the 5-second promise.
const arrived = (event: string, count: number) => within(5000, async () => receiver.of(event).length >= count);

describe('webhook events', () => {
  it('are registered with the webhook store', () => {
    // any: Strapi's types name no webhookStore/webhookRunner service
    const store = app.strapi.get('webhookStore') as any;
    assert.equal(store.getAllowedEvent('MODERATION_HIDDEN'), 'moderation.hidden');
    assert.equal(store.getAllowedEvent('MODERATION_RESTORED'), 'moderation.restored');
    assert.equal(store.getAllowedEvent('MODERATION_BLOCKED'), 'moderation.blocked');
  });

  it('deliver hidden once, then restored, then blocked, with the file, its URLs, status and counts', async () => {
    const created = await app
      .http()
      .post('/admin/webhooks')
      .set(admin)
      .send({ name: 'cdn purge', url: receiver.url, headers: {}, events: ['moderation.hidden', 'moderation.restored', 'moderation.blocked'] });
    assert.equal(created.status, 201, JSON.stringify(created.body));

    const ed = editor(app.http, await fullAccessToken(app.strapi));
    const file = await uploadLarge(app.http, ed.auth, 'hook.jpg', 45);
    const report = reporter(app.http);
    const sent = await Promise.all([1, 2, 3, 4, 5].map((n) => report(file.id, ip(500 + n, 1), n % 2 ? 'violence' : 'privacy')));
    assert.ok(sent.every((r) => r.status === 201));

    assert.ok(await arrived('moderation.hidden', 1), 'moderation.hidden delivered');
    const hidden = receiver.of('moderation.hidden')[0].body;
    assert.equal(hidden.event, 'moderation.hidden');
    assert.equal(hidden.media.id, file.id);
    assert.equal(hidden.media.documentId, file.documentId);
    assert.deepEqual([...hidden.media.urls].sort(), allUrls(file).sort());
    assert.equal(hidden.status, 'hidden');
    const counted = hidden.countsByReason.violence + (hidden.countsByReason.privacy ?? 0);
    assert.ok(counted >= 3, JSON.stringify(hidden.countsByReason));
    assert.ok(!JSON.stringify(hidden).match(/"(ip|net):[0-9a-f]{64}"/), 'no reporter keys in the payload');
    // What a CDN purges: every public path of the file, original and formats.
    assert.deepEqual([...hidden.purge].sort(), allUrls(file).sort());
    // The event id, in the body and a header, lets a receiver drop repeats.
    assert.match(hidden.eventId, /^[0-9a-f-]{36}$/);
    assert.equal(receiver.of('moderation.hidden')[0].eventId, hidden.eventId);

    const restore = await app.http().post(`/moderation/queue/${file.id}/restore`).set(admin);
    assert.equal(restore.status, 200);
    assert.ok(await arrived('moderation.restored', 1));
    assert.equal(receiver.of('moderation.restored')[0].body.status, 'restored');
    // The restore went out after the hide; had the hide been emitted twice, both would be here by now.
    assert.equal(receiver.of('moderation.hidden').length, 1);

    const block = await app.http().post(`/moderation/queue/${file.id}/block`).set(admin);
    assert.equal(block.status, 200);
    assert.ok(await arrived('moderation.blocked', 1));
    assert.equal(receiver.of('moderation.blocked')[0].body.media.id, file.id);
    assert.equal(receiver.of('moderation.blocked')[0].body.status, 'blocked');
    assert.equal(await app.strapi.db.query('plugin::moderation.audit-entry').count({ where: { fileId: file.id, action: 'hide' } }), 1);
    const ids = new Set(receiver.deliveries.map((d) => d.eventId));
    assert.equal(ids.size, receiver.deliveries.length, 'three events, three event ids');
  });

  it('retry with back-off until a failing receiver answers 2xx, without repeating to the one that already did', async () => {
    const flaky = await startReceiver({ failFirst: 3 });
    try {
      const created = await app.http().post('/admin/webhooks').set(admin).send({ name: 'flaky', url: flaky.url, headers: { 'X-Portal': 'nashra' }, events: ['moderation.hidden'] });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const ed = editor(app.http, await fullAccessToken(app.strapi));
      const file = await uploadLarge(app.http, ed.auth, 'flaky.jpg', 200);
      const report = reporter(app.http);
      for (const n of [1, 2, 3]) assert.equal((await report(file.id, ip(600 + n, 1))).status, 201);

      const hiddenOf = (r: typeof receiver) => r.of('moderation.hidden').filter((d) => d.body.media.id === file.id);
      assert.ok(await within(5000, async () => hiddenOf(receiver).length === 1), 'the healthy receiver gets it at once');
      // Three refusals, then back-off of about 1 s, 2 s, 4 s: well within 25 s, and not before 1 s + 2 s + 4 s minus jitter.
      const started = Date.now();
      assert.ok(await within(25_000, async () => hiddenOf(flaky).length === 1), `the flaky receiver gets it after ${flaky.refused()} refusals`);
      assert.equal(flaky.refused(), 3);
      assert.ok(Date.now() - started >= 5000, `retries were spaced out (${Date.now() - started} ms)`);
      assert.equal(hiddenOf(flaky)[0].eventId, hiddenOf(receiver)[0].eventId, 'one event, one id, for every receiver');
      assert.equal(hiddenOf(receiver).length, 1, 'no repeat to the receiver that answered 2xx');
      // The outbox records the delivery after the receiver has answered: wait for that write.
      const eventRow = () => app.strapi.db.query('plugin::moderation.outbox-event' as UID.Schema).findOne({ where: { eventId: hiddenOf(flaky)[0].eventId } });
      assert.ok(await within(5000, async () => Boolean((await eventRow())?.deliveredAt)), 'recorded as delivered');
      const row = await eventRow();
      assert.equal(row.attempts, 3);
    } finally {
      await flaky.close();
    }
  });

  it('go out once each when two instances deliver the same pending events at once (the lease)', async () => {
    const own = app.strapi.plugin('moderation').service('outbox');
    await own.stop();
    const counting = await startReceiver();
    try {
      const created = await app.http().post('/admin/webhooks').set(admin).send({ name: 'counting', url: counting.url, headers: {}, events: ['moderation.blocked'] });
      assert.equal(created.status, 201);
      const ed = editor(app.http, await fullAccessToken(app.strapi));
      for (let i = 0; i < 8; i++) {
        const file = await ed.upload(`lease-${i}.jpg`, 20 * i);
        assert.equal((await app.http().post(`/moderation/queue/${file.id}/block`).set(admin)).status, 200);
      }
      assert.equal(counting.deliveries.length, 0, 'pending while no instance delivers');
      // Two dispatchers, as two instances would run, racing over the same rows.
      const { default: createOutbox } = await import('../../plugins/moderation/server/src/store/outbox');
      const one = createOutbox({ strapi: app.strapi }, { owner: 'instance-a:101:a' });
      const two = createOutbox({ strapi: app.strapi }, { owner: 'instance-b:102:b' });
      await Promise.all([one.flush(), two.flush()]);
      assert.equal(counting.deliveries.length, 8, `${counting.deliveries.length} deliveries of 8 events`);
      assert.equal(new Set(counting.deliveries.map((d) => d.eventId)).size, 8);
    } finally {
      own.start();
      await counting.close();
    }
  });

  it('keep one file\'s events in order for a failing receiver (a restore never overtakes its hide), while one that is down delays only itself', async () => {
    const flaky = await startReceiver({ failFirst: 1 });
    try {
      const created = await app.http().post('/admin/webhooks').set(admin).send({ name: 'ordered', url: flaky.url, headers: {}, events: ['moderation.hidden', 'moderation.restored'] });
      assert.equal(created.status, 201);
      const ed = editor(app.http, await fullAccessToken(app.strapi));
      const file = await uploadLarge(app.http, ed.auth, 'ordered.jpg', 250);
      const report = reporter(app.http);
      // Both events pending before delivery starts, so the restore is there to overtake the failed hide.
      const own = app.strapi.plugin('moderation').service('outbox');
      await own.stop();
      try {
        for (const n of [1, 2, 3]) assert.equal((await report(file.id, ip(650 + n, 1))).status, 201);
        assert.equal((await app.http().post(`/moderation/queue/${file.id}/restore`).set(admin)).status, 200);
      } finally {
        own.start();
      }
      const mine = () => flaky.deliveries.filter((d) => d.body.media?.id === file.id).map((d) => d.event);
      assert.ok(await within(15_000, async () => mine().length >= 2), `got ${mine()}`);
      assert.equal(flaky.refused(), 1);
      assert.deepEqual(mine(), ['moderation.hidden', 'moderation.restored']);
      // The receiver of the first test, closed since, still fails this hide: it holds back nobody else.
      assert.ok(receiver.of('moderation.restored').some((d) => d.body.media.id === file.id), 'a healthy receiver has the restore');
    } finally {
      await flaky.close();
    }
  });
});
