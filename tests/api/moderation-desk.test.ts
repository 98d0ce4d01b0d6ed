/**
 * What the review desk (the admin pages) needs from the admin API beyond the review card:
 * the queue sorted by most reports, each row with the file's size and the entries using
 * it, and the picture of a hidden file served to moderators (the public gets 404).
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { startNashra, type Nashra } from '../helpers/strapi';
import { createAdminUser, fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';
import { MODERATION_ENV, adminToken, ip, reporter } from '../helpers/moderation';

let app: Nashra;
let ed: ReturnType<typeof editor>;
let report: ReturnType<typeof reporter>;
let moderator: Record<string, string>;
let editorJwt: Record<string, string>;
let many: { id: number; url: string };
let few: { id: number; url: string };
let article: { documentId: string };

beforeAll(async () => {
  app = await startNashra({ env: MODERATION_ENV });
  ed = editor(app.http, await fullAccessToken(app.strapi));
  report = reporter(app.http);
  moderator = { Authorization: `Bearer ${await adminToken(app.http, await createAdminUser(app.strapi, 'moderator'))}` };
  editorJwt = { Authorization: `Bearer ${await adminToken(app.http, await createAdminUser(app.strapi, 'strapi-editor'))}` };
  many = await ed.upload('many.jpg', 30);
  few = await ed.upload('few.jpg', 160);
  article = await ed.create('articles', { title: 'مقال بصورة مبلغ عنها', cover: many.id }, '?locale=ar');
  // `many` gets three reports from three networks (hidden), `few` one report, made last.
  for (let n = 0; n < 3; n++) assert.equal((await report(many.id, ip(500 + n, 1))).status, 201);
  assert.equal((await report(few.id, ip(510, 1))).status, 201);
});

afterAll(async () => app?.stop());

describe('the queue for the desk', () => {
  it('sorts by newest report by default and by most reports on request', async () => {
    const latest = await app.http().get('/moderation/queue').set(moderator);
    assert.equal(latest.status, 200);
    // any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
    assert.deepEqual(latest.body.data.map((i: any) => i.file.id), [few.id, many.id]);
    const most = await app.http().get('/moderation/queue?sort=reports').set(moderator);
    // any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
    assert.deepEqual(most.body.data.map((i: any) => i.file.id), [many.id, few.id]);
    assert.equal((await app.http().get('/moderation/queue?sort=size').set(moderator)).status, 400);
  });

  it('gives each row the file size and the entries that use the file', async () => {
    const res = await app.http().get('/moderation/queue?status=hidden').set(moderator);
    const [row] = res.body.data;
    assert.equal(row.file.id, many.id);
    assert.ok(typeof row.file.size === 'number' && row.file.size > 0, JSON.stringify(row.file));
    assert.equal(row.file.mime, 'image/jpeg');
    // The draft and the published version of the article both use it: one document.
    const uses = new Set(row.usedBy.map((u: { contentType: unknown; field: unknown; documentId: unknown; locale: unknown }) => JSON.stringify([u.contentType, u.field, u.documentId, u.locale])));
    assert.deepEqual([...uses], [JSON.stringify(['api::article.article', 'cover', article.documentId, 'ar'])]);
    const card = await app.http().get(`/moderation/queue/${many.id}`).set(moderator);
    assert.equal(card.body.data.file.size, row.file.size);
  });
});

describe('the audit list for the desk', () => {
  it('names the moderator who acted and the file; automatic decisions have no actor name', async () => {
    assert.equal((await app.http().post(`/moderation/queue/${few.id}/block`).set(moderator)).status, 200);
    const res = await app.http().get('/moderation/audit').set(moderator);
    const [block, hide] = res.body.data;
    assert.equal(block.action, 'block');
    assert.equal(block.actorName, 'Test Admin');
    assert.equal(block.fileName, 'few.jpg');
    assert.equal(hide.action, 'hide');
    assert.equal(hide.actor, 'system');
    assert.equal(hide.actorName, null);
  });
});

describe('the preview of a reported picture', () => {
  it('is served to moderators while the public URL answers 404', async () => {
    assert.equal((await app.http().get(many.url)).status, 404);
    const res = await app.http().get(`/moderation/queue/${many.id}/preview`).set(moderator).buffer(true);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'image/jpeg');
    assert.match(res.headers['cache-control'], /no-store/);
    assert.equal(res.body.subarray(0, 2).toString('hex'), 'ffd8', 'a JPEG');
  });

  it('needs the read action, and a file in the queue', async () => {
    assert.equal((await app.http().get(`/moderation/queue/${many.id}/preview`)).status, 401);
    assert.equal((await app.http().get(`/moderation/queue/${many.id}/preview`).set(editorJwt)).status, 403);
    const unreported = await ed.upload('quiet.jpg', 300);
    assert.equal((await app.http().get(`/moderation/queue/${unreported.id}/preview`).set(moderator)).status, 404);
  });
});
