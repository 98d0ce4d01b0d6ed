/**
 * The review desk API with real admin JWTs: RBAC per action, the queue and its paging,
 * the review card (reports by reason, where the file is used), restore (visible again
 * and immune), block, delete, settings and the audit trail.
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
const jwt: Record<'superAdmin' | 'moderator' | 'editor', string> = {} as Record<'superAdmin' | 'moderator' | 'editor', string>;
const ids: Record<'moderator', number> = {} as Record<'moderator', number>;

beforeAll(async () => {
  app = await startNashra({ env: MODERATION_ENV });
  ed = editor(app.http, await fullAccessToken(app.strapi));
  report = reporter(app.http);
  jwt.superAdmin = await adminToken(app.http, await createAdminUser(app.strapi));
  const mod = await createAdminUser(app.strapi, 'moderator');
  jwt.moderator = await adminToken(app.http, mod);
  ids.moderator = (await app.strapi.db.query('admin::user').findOne({ where: { email: mod.email } })).id;
  jwt.editor = await adminToken(app.http, await createAdminUser(app.strapi, 'strapi-editor'));
});

afterAll(async () => app?.stop());

const as = (who: keyof typeof jwt) => ({ Authorization: `Bearer ${jwt[who]}` });
const hide = async (fileId: number, network: number) => {
  for (let n = 0; n < 3; n++) assert.equal((await report(fileId, ip(network + n, 1), n === 2 ? 'hate' : 'violence', { comment: `تعليق ${n}` })).status, 201);
};
const publicStatus = async (file: { id: number; url: string }) => ({
  api: (await app.http().get(`/api/upload/files/${file.id}`).set(ed.auth)).status,
  statik: (await app.http().get(file.url)).status,
});

describe('the Moderator role', () => {
  it('exists after bootstrap with read and review only, and a second bootstrap changes nothing', async () => {
    const roles = () => app.strapi.db.query('admin::role').findMany({ where: { code: 'moderator' }, populate: ['permissions'] });
    const first = await roles();
    assert.equal(first.length, 1);
    assert.deepEqual(first[0].permissions.map((p: { action: unknown }) => p.action).sort(), ['plugin::moderation.read', 'plugin::moderation.review']);
    await app.strapi.plugin('moderation').service('setup').ensureModeratorRole();
    const second = await roles();
    assert.equal(second.length, 1);
    assert.equal(second[0].permissions.length, 2);
    assert.ok(await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } }));
  });
});

describe('RBAC', () => {
  it('refuses admins without the action, and anonymous callers', async () => {
    assert.equal((await app.http().get('/moderation/queue')).status, 401);
    assert.equal((await app.http().get('/moderation/queue').set(as('editor'))).status, 403);
    assert.equal((await app.http().get('/moderation/audit').set(as('editor'))).status, 403);
    assert.equal((await app.http().put('/moderation/settings').set(as('moderator')).send({ data: {} })).status, 403);
    assert.equal((await app.http().get('/moderation/queue').set(as('moderator'))).status, 200);
    assert.equal((await app.http().get('/moderation/settings').set(as('moderator'))).status, 200);
    assert.equal((await app.http().post('/moderation/queue/1/restore').set(as('editor'))).status, 403);
    // An API token is not an admin session.
    assert.equal((await app.http().get('/moderation/queue').set(ed.auth)).status, 401);
  });

  it('answers 400 for bad parameters and 404 for a file with no moderation item', async () => {
    assert.equal((await app.http().get('/moderation/queue?status=bogus').set(as('moderator'))).status, 400);
    assert.equal((await app.http().get('/moderation/queue?page=0').set(as('moderator'))).status, 400);
    assert.equal((await app.http().get('/moderation/queue?pageSize=1000').set(as('moderator'))).status, 400);
    assert.equal((await app.http().get('/moderation/queue/abc').set(as('moderator'))).status, 400);
    assert.equal((await app.http().get('/moderation/queue/999999').set(as('moderator'))).status, 404);
    assert.equal((await app.http().post('/moderation/queue/999999/restore').set(as('moderator'))).status, 404);
  });
});

describe('queue, review card, restore, block, delete', () => {
  let a: { id: number; documentId: string; url: string };
  let b: { id: number; documentId: string; url: string };
  let article: { documentId: string };

  beforeAll(async () => {
    a = await ed.upload('queue-a.jpg', 15);
    b = await ed.upload('queue-b.jpg', 95);
    const source = await ed.create('sources', { name: 'مصدر الصورة', logo: a.id });
    article = await ed.create('articles', { title: 'مقال يستعمل الصورة', cover: a.id, gallery: [b.id, a.id], source: source.documentId }, '?locale=ar');
    await hide(a.id, 300);
    assert.equal((await report(b.id, ip(310, 1))).status, 201);
  });

  it('lists the queue with a status filter and paging', async () => {
    const hidden = await app.http().get('/moderation/queue?status=hidden').set(as('moderator'));
    assert.equal(hidden.status, 200);
    // any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
    assert.deepEqual(hidden.body.data.map((i: any) => i.file.id), [a.id]);
    assert.equal(hidden.body.data[0].status, 'hidden');
    assert.equal(hidden.body.data[0].distinctReporters, 3);
    assert.deepEqual(hidden.body.data[0].countsByReason, { violence: 2, hate: 1 });
    const both = await app.http().get('/moderation/queue?status=hidden,queued&pageSize=1').set(as('moderator'));
    assert.equal(both.body.meta.pagination.total, 2);
    assert.equal(both.body.meta.pagination.pageCount, 2);
    assert.equal(both.body.data.length, 1);
    const page2 = await app.http().get('/moderation/queue?status=hidden,queued&pageSize=1&page=2').set(as('moderator'));
    assert.notEqual(page2.body.data[0].file.id, both.body.data[0].file.id);
  });

  it('shows one item with its reports grouped by reason and the entries that use it, without reporter keys', async () => {
    const res = await app.http().get(`/moderation/queue/${a.id}?locale=ar`).set(as('moderator'));
    assert.equal(res.status, 200);
    const item = res.body.data;
    assert.equal(item.file.id, a.id);
    assert.deepEqual(item.reasons.map((g: { reason: unknown; count: unknown }) => [g.reason, g.count]), [['violence', 2], ['hate', 1]]);
    assert.equal(item.reasons[0].label, 'محتوى عنيف أو صادم');
    assert.ok(item.reasons[0].reports.every((r: { comment: unknown }) => typeof r.comment === 'string'));
    const uses = item.usedBy.map((u: { contentType: unknown; field: unknown }) => `${u.contentType}.${u.field}`).sort();
    assert.ok(uses.includes('api::article.article.cover'), JSON.stringify(item.usedBy));
    assert.ok(uses.includes('api::article.article.gallery'));
    assert.ok(uses.includes('api::source.source.logo'));
    assert.ok(item.usedBy.some((u: { documentId: unknown; title: unknown }) => u.documentId === article.documentId && u.title === 'مقال يستعمل الصورة'));
    assert.ok(!/reporterKey|networkKey|"(ip|net):[0-9a-f]{64}"/.test(res.text));
  });

  it('restore makes the file visible again and immune to new reports', async () => {
    assert.deepEqual(await publicStatus(a), { api: 404, statik: 404 });
    const res = await app.http().post(`/moderation/queue/${a.id}/restore`).set(as('moderator'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.data.status, 'restored');
    assert.equal(res.body.data.reviewedBy, ids.moderator);
    assert.deepEqual(await publicStatus(a), { api: 200, statik: 200 });
    const populated = await app.http().get(`/api/articles/${article.documentId}?populate=cover`);
    assert.equal(populated.body.data.cover.id, a.id);

    for (let n = 0; n < 4; n++) assert.equal((await report(a.id, ip(320 + n, 1))).status, 201);
    const after = await app.http().get(`/moderation/queue/${a.id}`).set(as('moderator'));
    assert.equal(after.body.data.status, 'restored');
    assert.deepEqual(await publicStatus(a), { api: 200, statik: 200 });

    const again = await app.http().post(`/moderation/queue/${a.id}/restore`).set(as('moderator'));
    assert.equal(again.status, 200);
    const audit = await app.http().get(`/moderation/audit?fileId=${a.id}`).set(as('moderator'));
    assert.deepEqual(audit.body.data.map((e: { action: unknown }) => e.action), ['restore', 'hide'], 'a repeated restore leaves no second entry');
    assert.equal(audit.body.data[0].actor, String(ids.moderator));
    assert.equal(audit.body.data[1].actor, 'system');
    assert.deepEqual(audit.body.data[0].before, { status: 'hidden' });
  });

  it('block hides the file for good', async () => {
    const res = await app.http().post(`/moderation/queue/${b.id}/block`).set(as('moderator'));
    assert.equal(res.status, 200);
    assert.equal(res.body.data.status, 'blocked');
    assert.deepEqual(await publicStatus(b), { api: 404, statik: 404 });
    const populated = await app.http().get(`/api/articles/${article.documentId}?populate=gallery`);
    assert.deepEqual(populated.body.data.gallery.map((f: { id: unknown }) => f.id), [a.id]);
    for (let n = 0; n < 3; n++) await report(b.id, ip(330 + n, 1));
    assert.equal((await app.http().get(`/moderation/queue/${b.id}`).set(as('moderator'))).body.data.status, 'blocked');
    const adminView = await app.http().get(`/upload/files/${b.id}`).set(as('superAdmin'));
    assert.equal(adminView.status, 200);
  });

  it('delete removes the file through the upload service, keeps the audit entry', async () => {
    const res = await app.http().delete(`/moderation/queue/${b.id}`).set(as('moderator'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal((await app.http().get(`/upload/files/${b.id}`).set(as('superAdmin'))).status, 404);
    assert.equal((await app.http().get(b.url)).status, 404);
    assert.equal((await app.http().get(`/moderation/queue/${b.id}`).set(as('moderator'))).status, 404);
    assert.equal(await app.strapi.db.query('plugin::moderation.report').count({ where: { fileId: b.id } }), 0);
    const audit = await app.http().get(`/moderation/audit?fileId=${b.id}`).set(as('moderator'));
    assert.deepEqual(audit.body.data.map((e: { action: unknown }) => e.action), ['delete', 'block']);
    assert.equal((await app.http().delete(`/moderation/queue/${b.id}`).set(as('moderator'))).status, 404);
  });
});

describe('settings', () => {
  const read = async () => (await app.http().get('/moderation/settings').set(as('superAdmin'))).body;

  it('reads the environment defaults', async () => {
    const body = await read();
    assert.equal(body.data.threshold, 3);
    assert.equal(body.data.minNetworks, 2);
    assert.deepEqual(body.data.rateLimit, { perMinute: 10, perDay: 50 });
    assert.deepEqual(body.meta.defaults, body.data);
  });

  it('rejects invalid settings with 400 and keeps the old ones', async () => {
    const current = (await read()).data;
    for (const bad of [
      { ...current, threshold: 0 },
      { ...current, minNetworks: current.threshold + 1 },
      { ...current, surprise: true },
      { threshold: 2 },
      { ...current, reasons: [] },
      { ...current, rateLimit: { perMinute: 10, perDay: 1 } },
      'threshold=2',
      null,
    ]) {
      const res = await app.http().put('/moderation/settings').set(as('superAdmin')).send({ data: bad });
      assert.equal(res.status, 400, JSON.stringify(bad));
      assert.equal(res.body.error.name, 'ValidationError');
    }
    assert.deepEqual((await read()).data, current);
  });

  it('applies valid settings to the next reports and records the change', async () => {
    const current = (await read()).data;
    const res = await app.http().put('/moderation/settings').set(as('superAdmin')).send({ data: { ...current, threshold: 2 } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal((await read()).data.threshold, 2);
    const file = await ed.upload('two-is-enough.jpg', 250);
    assert.equal((await report(file.id, ip(400, 1))).status, 201);
    assert.equal((await report(file.id, ip(401, 1))).status, 201);
    assert.equal((await app.http().get(`/moderation/queue/${file.id}`).set(as('moderator'))).body.data.status, 'hidden');
    const audit = await app.http().get('/moderation/audit?pageSize=100').set(as('moderator'));
    const change = audit.body.data.find((e: { action: unknown }) => e.action === 'settings');
    assert.equal(change.before.threshold, 3);
    assert.equal(change.after.threshold, 2);
  });

  it('pages the audit list', async () => {
    const one = await app.http().get('/moderation/audit?pageSize=1').set(as('moderator'));
    assert.equal(one.body.data.length, 1);
    assert.ok(one.body.meta.pagination.total >= 5);
  });
});
