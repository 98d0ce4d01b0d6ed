/**
 * Block keeps the picture's fingerprint; uploading the same picture again (re-encoded and
 * resized) hides it on upload, by the system, while another picture, or the same layout in
 * other colours, stays public. The block outlives the file, and a moderator lifts it.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { UID } from '@strapi/strapi';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { startNashra, type Nashra } from '../helpers/strapi';
import { createAdminUser, fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';
import { MODERATION_ENV, adminToken } from '../helpers/moderation';
import { CROWD, PORT, picture } from '../helpers/pictures';

let app: Nashra;
let ed: ReturnType<typeof editor>;
let admin: Record<string, string>;

async function upload(image: Buffer, name: string): Promise<{ id: number; url: string }> {
  const res = await app.http().post('/api/upload').set(ed.auth).attach('files', image, name);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body[0];
}

const isPublic = async (file: { url: string }) => (await app.http().get(file.url)).status === 200;
const state = (fileId: number) => app.strapi.db.query('plugin::moderation.media-state' as UID.Schema).findOne({ where: { fileId } });

beforeAll(async () => {
  app = await startNashra({ env: MODERATION_ENV });
  ed = editor(app.http, await fullAccessToken(app.strapi));
  admin = { Authorization: `Bearer ${await adminToken(app.http, await createAdminUser(app.strapi))}` };
});
afterAll(async () => app?.stop());

describe('a blocked picture uploaded again', () => {
  let original: { id: number; url: string };

  beforeAll(async () => {
    original = await upload(await picture(PORT, '#1d5c8c', 800), 'port.jpg');
    const res = await app.http().post(`/moderation/queue/${original.id}/block`).set(admin);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const blocks = await app.strapi.db.query('plugin::moderation.blocked-picture' as UID.Schema).findMany({ where: { fileId: original.id } });
    assert.equal(blocks.length, 1);
    assert.match(String(blocks[0].fingerprint), /^[0-9a-f]{16}:[0-9a-f]{6}$/);
  });

  it('is hidden on upload when re-encoded and resized, with an automatic audit entry', async () => {
    const copy = await upload(await sharp(await picture(PORT, '#1d5c8c', 800)).resize(500).jpeg({ quality: 50 }).toBuffer(), 'port-copy.jpg');
    assert.equal((await state(copy.id))?.status, 'hidden');
    assert.equal(await isPublic(copy), false);
    const asEditorSees = await app.http().get(`/api/upload/files/${copy.id}`).set(ed.auth);
    assert.equal(asEditorSees.status, 404);
    const audit = await app.http().get(`/moderation/audit?fileId=${copy.id}`).set(admin);
    assert.equal(audit.status, 200, JSON.stringify(audit.body));
    const entries = audit.body.data.filter((e: { fileId: unknown }) => e.fileId === copy.id);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].actor, 'system');
    assert.equal(entries[0].after.sameAs, original.id);
  });

  it('leaves another picture, and the same layout in other colours, public', async () => {
    const other = await upload(await picture(CROWD, '#1d5c8c', 800), 'crowd.jpg');
    const recoloured = await upload(await picture(PORT, '#8c1d3a', 800), 'port-red.jpg');
    for (const file of [other, recoloured]) {
      assert.equal(await state(file.id), null);
      assert.equal(await isPublic(file), true);
    }
  });

  // any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
  it('can still be restored by a moderator, like every hidden picture', async () => {
    const copy = await upload(await picture(PORT, '#1d5c8c', 800), 'port-again.jpg');
    assert.equal(await isPublic(copy), false);
    const res = await app.http().post(`/moderation/queue/${copy.id}/restore`).set(admin);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(await isPublic(copy), true);
  });
});

describe('a block outlives the file', () => {
  it('block, delete, upload again: hidden; lift: a new upload is public', async () => {
    const first = await upload(await picture(CROWD, '#2e7d32', 800), 'crowd-green.jpg');
    assert.equal((await app.http().post(`/moderation/queue/${first.id}/block`).set(admin)).status, 200);
    const removed = await app.http().delete(`/moderation/queue/${first.id}`).set(admin);
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    assert.equal(await state(first.id), null, 'the file and its state are gone');

    const list = await app.http().get('/moderation/blocks').set(admin);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const block = list.body.data.find((b: { fileId: unknown }) => b.fileId === first.id);
    assert.ok(block, 'the block is still listed after delete');
    assert.equal(block.fileExists, false);
    assert.equal(block.fileName, 'crowd-green.jpg');

    const again = await upload(await sharp(await picture(CROWD, '#2e7d32', 800)).resize(600).jpeg({ quality: 60 }).toBuffer(), 'crowd-green-again.jpg');
    assert.equal((await state(again.id))?.status, 'hidden');
    assert.equal(await isPublic(again), false);

    assert.equal((await app.http().delete('/moderation/blocks/abc').set(admin)).status, 400);
    assert.equal((await app.http().delete('/moderation/blocks/999999').set(admin)).status, 404);
    assert.equal((await app.http().delete(`/moderation/blocks/${block.id}`)).status, 401);
    // Lifting is the review permission: an editor without it may neither list nor lift; a moderator may.
    const editorAdmin = { Authorization: `Bearer ${await adminToken(app.http, await createAdminUser(app.strapi, 'strapi-editor'))}` };
    assert.equal((await app.http().get('/moderation/blocks').set(editorAdmin)).status, 403);
    assert.equal((await app.http().delete(`/moderation/blocks/${block.id}`).set(editorAdmin)).status, 403);
    const moderator = { Authorization: `Bearer ${await adminToken(app.http, await createAdminUser(app.strapi, 'moderator'))}` };
    assert.equal((await app.http().get('/moderation/blocks').set(moderator)).status, 200);
    const lifted = await app.http().delete(`/moderation/blocks/${block.id}`).set(moderator);
    assert.equal(lifted.status, 200, JSON.stringify(lifted.body));
    assert.equal((await app.http().delete(`/moderation/blocks/${block.id}`).set(admin)).status, 404, 'lifted once');
    const audit = await app.http().get(`/moderation/audit?fileId=${first.id}`).set(admin);
    assert.deepEqual(audit.body.data.map((e: { action: unknown }) => e.action), ['lift', 'delete', 'block']);

    const afterLift = await upload(await picture(CROWD, '#2e7d32', 800), 'crowd-green-third.jpg');
    assert.equal(await state(afterLift.id), null);
    assert.equal(await isPublic(afterLift), true);
    // What was hidden while the block stood stays hidden until a moderator looks at it.
    assert.equal(await isPublic(again), false);
  });

  it('restoring a blocked picture lifts its block', async () => {
    const file = await upload(await picture(PORT, '#6a1b9a', 800), 'port-purple.jpg');
    assert.equal((await app.http().post(`/moderation/queue/${file.id}/block`).set(admin)).status, 200);
    assert.equal((await app.http().post(`/moderation/queue/${file.id}/restore`).set(admin)).status, 200);
    assert.equal(await app.strapi.db.query('plugin::moderation.blocked-picture' as UID.Schema).count({ where: { fileId: file.id } }), 0);
    const copy = await upload(await picture(PORT, '#6a1b9a', 800), 'port-purple-copy.jpg');
    assert.equal(await isPublic(copy), true);
  });
});
