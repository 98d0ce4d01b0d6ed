/**
 * moderation.hidden / .restored / .blocked: registered as webhook events, delivered once
 * per change to a local receiver, with what a CDN purge needs (every URL) and why.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startNashra, type Nashra } from '../helpers/strapi';
import { createAdminUser, fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';
import { MODERATION_ENV, adminToken, allUrls, ip, reporter, uploadLarge, within } from '../helpers/moderation';
import { startReceiver } from '../helpers/receiver';

let app: Nashra;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let admin: Record<string, string>;

before(async () => {
  receiver = await startReceiver();
  app = await startNashra({ env: MODERATION_ENV });
  admin = { Authorization: `Bearer ${await adminToken(app.http, await createAdminUser(app.strapi))}` };
});

after(async () => {
  await app?.stop();
  await receiver?.close();
});

// Deliveries are asynchronous: wait for them, bounded by the 5-second promise.
const arrived = (event: string, count: number) => within(5000, async () => receiver.of(event).length >= count);

describe('webhook events', () => {
  it('are registered with the webhook store', () => {
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
  });
});
