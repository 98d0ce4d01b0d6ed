/**
 * Block keeps the picture's fingerprint; uploading the same picture again (re-encoded and
 * resized) hides it on upload, by the system, while another picture, or the same layout in
 * other colours, stays public.
 */
import { after, before, describe, it } from 'node:test';
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
const state = (fileId: number) => app.strapi.db.query('plugin::moderation.media-state' as any).findOne({ where: { fileId } });

before(async () => {
  app = await startNashra({ env: MODERATION_ENV });
  ed = editor(app.http, await fullAccessToken(app.strapi));
  admin = { Authorization: `Bearer ${await adminToken(app.http, await createAdminUser(app.strapi))}` };
});
after(async () => app?.stop());

describe('a blocked picture uploaded again', () => {
  let original: { id: number; url: string };

  before(async () => {
    original = await upload(await picture(PORT, '#1d5c8c', 800), 'port.jpg');
    const res = await app.http().post(`/moderation/queue/${original.id}/block`).set(admin);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(String((await state(original.id)).phash), /^[0-9a-f]{16}:[0-9a-f]{6}$/);
  });

  it('is hidden on upload when re-encoded and resized, with an automatic audit entry', async () => {
    const copy = await upload(await sharp(await picture(PORT, '#1d5c8c', 800)).resize(500).jpeg({ quality: 50 }).toBuffer(), 'port-copy.jpg');
    assert.equal((await state(copy.id))?.status, 'hidden');
    assert.equal(await isPublic(copy), false);
    const asEditorSees = await app.http().get(`/api/upload/files/${copy.id}`).set(ed.auth);
    assert.equal(asEditorSees.status, 404);
    const audit = await app.http().get(`/moderation/audit?fileId=${copy.id}`).set(admin);
    assert.equal(audit.status, 200, JSON.stringify(audit.body));
    const entries = audit.body.data.filter((e: any) => e.fileId === copy.id);
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

  it('can still be restored by a moderator, as any hidden picture', async () => {
    const copy = await upload(await picture(PORT, '#1d5c8c', 800), 'port-again.jpg');
    assert.equal(await isPublic(copy), false);
    const res = await app.http().post(`/moderation/queue/${copy.id}/restore`).set(admin);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(await isPublic(copy), true);
  });
});
