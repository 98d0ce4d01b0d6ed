/**
 * Reports and hiding, end to end on one instance: the rule (3 distinct reporters from 2+
 * networks), dedupe, the network rule, unknown files, and "hidden means hidden" on every
 * public path while the admin still sees the file.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { startNashra, type Nashra } from '../helpers/strapi';
import { createAdminUser, fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';
import { MODERATION_ENV, adminToken, allUrls, gql, ip, reporter, uploadLarge } from '../helpers/moderation';

let app: Nashra;
let ed: ReturnType<typeof editor>;
let report: ReturnType<typeof reporter>;
let adminJwt: string;

beforeAll(async () => {
  app = await startNashra({ env: MODERATION_ENV });
  ed = editor(app.http, await fullAccessToken(app.strapi));
  report = reporter(app.http);
  adminJwt = await adminToken(app.http, await createAdminUser(app.strapi));
});

afterAll(async () => app?.stop());

const stateOf = (fileId: number) => app.strapi.db.query('plugin::moderation.media-state').findOne({ where: { fileId } });
const auditCount = (fileId: number, action = 'hide') => app.strapi.db.query('plugin::moderation.audit-entry').count({ where: { fileId, action } });

describe('reasons', () => {
  it('lists codes with labels in the asked locale, Arabic by default', async () => {
    const ar = await app.http().get('/api/moderation/reasons?locale=ar');
    assert.equal(ar.status, 200);
    assert.ok(ar.body.data.length >= 2);
    assert.deepEqual(Object.keys(ar.body.data[0]).sort(), ['code', 'label']);
    assert.equal(ar.body.data.find((r: { code: unknown }) => r.code === 'violence').label, 'محتوى عنيف أو صادم');
    const fr = await app.http().get('/api/moderation/reasons?locale=fr');
    assert.equal(fr.body.data.find((r: { code: unknown }) => r.code === 'violence').label, 'Contenu violent ou choquant');
    const none = await app.http().get('/api/moderation/reasons');
    assert.deepEqual(none.body.data, ar.body.data);
  });
});

describe('the rule', () => {
  let target: Awaited<ReturnType<typeof uploadLarge>>;
  let other: Awaited<ReturnType<typeof uploadLarge>>;
  let article: { documentId: string };
  let source: { documentId: string };

  beforeAll(async () => {
    target = await uploadLarge(app.http, ed.auth, 'target.jpg', 10);
    other = await uploadLarge(app.http, ed.auth, 'other.jpg', 120);
    source = await ed.create('sources', { name: 'مصدر', logo: target.id });
    article = await ed.create('articles', { title: 'خبر بصورة', cover: target.id, gallery: [target.id, other.id], source: source.documentId }, '?locale=ar');
    assert.ok(Object.keys(target.formats).length >= 4, `formats: ${Object.keys(target.formats)}`);
  });

  const publicViews = async () => {
    const a = await app.http().get(`/api/articles/${article.documentId}?populate[cover]=true&populate[gallery]=true&populate[source][populate]=logo`);
    const s = await app.http().get(`/api/sources/${source.documentId}?populate=logo`);
    // The public role may not list files in Nashra; front ends that do hold an API token,
    // which is still the content API and must not see hidden files either.
    const list = await app.http().get('/api/upload/files?pagination[pageSize]=100').set(ed.auth);
    const one = await app.http().get(`/api/upload/files/${target.id}`).set(ed.auth);
    const statics = await Promise.all(allUrls(target).map((u) => app.http().get(u)));
    const g = await gql(
      app.http,
      `query($id: ID!, $doc: ID!) {
        uploadFiles(pagination: { limit: 100 }) { documentId }
        uploadFile(documentId: $id) { documentId }
        article(documentId: $doc, locale: "ar") { cover { documentId } gallery { documentId } source { logo { documentId } } }
      }`,
      { id: target.documentId, doc: article.documentId },
      ed.auth,
    );
    assert.equal(g.body.errors, undefined, JSON.stringify(g.body.errors));
    return { a, s, list, one, statics, g: g.body.data };
  };

  it('two reporters leave the image public', async () => {
    for (const [n, from] of [ip(1, 1), ip(2, 1)].entries()) {
      const res = await report(target.id, from, n === 0 ? 'violence' : 'hate');
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.deepEqual(res.body, { data: { status: 'received' } });
    }
    const v = await publicViews();
    assert.equal(v.a.body.data.cover.id, target.id);
    assert.deepEqual(v.a.body.data.gallery.map((f: { id: unknown }) => f.id), [target.id, other.id]);
    assert.equal(v.s.body.data.logo.id, target.id);
    assert.ok(v.list.body.some((f: { id: unknown }) => f.id === target.id));
    assert.equal(v.one.status, 200);
    for (const res of v.statics) assert.equal(res.status, 200);
    assert.equal(v.g.uploadFile.documentId, target.documentId);
    assert.equal(v.g.article.cover.documentId, target.documentId);
    assert.equal((await stateOf(target.id)).status, 'queued');
  });

  it('the same reporter again is already-reported and counted once', async () => {
    const res = await report(target.id, ip(2, 1), 'violence');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { data: { status: 'already-reported' } });
    const byDocumentId = await report(target.documentId, ip(2, 1), 'violence');
    assert.deepEqual(byDocumentId.body, { data: { status: 'already-reported' } });
    assert.equal(await app.strapi.db.query('plugin::moderation.report').count({ where: { fileId: target.id } }), 2);
    assert.equal((await stateOf(target.id)).distinctReporters, 2);
  });

  it('the third distinct reporter hides it on every public path, with one audit entry', async () => {
    // Four-byte characters (emoji) too: MySQL's utf8mb4, not its three-byte utf8.
    const comment = 'صورة صادمة 😡🔞';
    const res = await report(target.documentId, ip(3, 1), 'violence', { comment });
    assert.equal(res.status, 201);
    const stored = await app.strapi.db.query('plugin::moderation.report').findOne({ where: { fileId: target.id, comment } });
    assert.equal(stored?.comment, comment);
    assert.deepEqual(res.body, { data: { status: 'received' } }, 'the reply does not reveal the hide');
    assert.equal((await stateOf(target.id)).status, 'hidden');
    assert.equal(await auditCount(target.id), 1);

    const v = await publicViews();
    assert.equal(v.a.status, 200);
    assert.equal(v.a.body.data.cover, null);
    assert.deepEqual(v.a.body.data.gallery.map((f: { id: unknown }) => f.id), [other.id]);
    assert.equal(v.a.body.data.source.logo, null);
    assert.equal(v.s.body.data.logo, null);
    assert.ok(!v.list.body.some((f: { id: unknown }) => f.id === target.id));
    assert.ok(v.list.body.some((f: { id: unknown }) => f.id === other.id));
    assert.equal(v.one.status, 404);
    for (const res of v.statics) {
      assert.equal(res.status, 404, (res as { req?: { path?: string } }).req?.path);
      assert.equal(res.headers['cache-control'], 'no-store');
    }
    assert.equal(v.g.uploadFile, null);
    assert.ok(!v.g.uploadFiles.some((f: { documentId: unknown }) => f.documentId === target.documentId));
    assert.equal(v.g.article.cover, null);
    assert.deepEqual(v.g.article.gallery.map((f: { documentId: unknown }) => f.documentId), [other.documentId]);
    assert.equal(v.g.article.source.logo, null);
    for (const u of allUrls(other)) assert.equal((await app.http().get(u)).status, 200);
  });

  it('a fourth report changes nothing more: still one hide', async () => {
    const res = await report(target.id, ip(4, 1), 'nudity');
    assert.equal(res.status, 201);
    assert.equal(await auditCount(target.id), 1);
  });

  it('the admin panel and admin API still see the hidden file', async () => {
    const res = await app.http().get(`/upload/files/${target.id}`).set('Authorization', `Bearer ${adminJwt}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.id, target.id);
    const list = await app.http().get('/upload/files?pageSize=100').set('Authorization', `Bearer ${adminJwt}`);
    assert.ok(list.body.results.some((f: { id: unknown }) => f.id === target.id));
  });
});

describe('the network rule', () => {
  it('five reporters from one /24 queue the file but do not hide it', async () => {
    const file = await ed.upload('same-net.jpg', 200);
    for (let host = 1; host <= 5; host++) assert.equal((await report(file.id, ip(50, host))).status, 201);
    const state = await stateOf(file.id);
    assert.equal(state.status, 'queued');
    assert.equal(state.distinctReporters, 5);
    assert.equal(state.distinctNetworks, 1);
    assert.equal((await app.http().get(`/api/upload/files/${file.id}`).set(ed.auth)).status, 200);
    assert.equal((await app.http().get(file.url)).status, 200);
    assert.equal(await auditCount(file.id), 0);
  });
});

describe('unknown files', () => {
  it('answers 404 for an id or documentId that is no file, and stores nothing', async () => {
    const before = await app.strapi.db.query('plugin::moderation.report').count();
    for (const file of [987654, '987654', 'zzzzzzzzzzzzzzzzzzzzzzzz']) {
      const res = await report(file, ip(60, 1));
      assert.equal(res.status, 404, JSON.stringify(res.body));
      assert.equal(res.body.error.name, 'NotFoundError');
    }
    assert.equal(await app.strapi.db.query('plugin::moderation.report').count(), before);
  });
});

describe('GraphQL reportMedia', () => {
  it('reports like REST: received, then already-reported; bad input is an error', async () => {
    const file = await ed.upload('gql.jpg', 300);
    const m = 'mutation($file: ID!, $reason: String!, $comment: String) { reportMedia(file: $file, reason: $reason, comment: $comment) { status } }';
    const first = await gql(app.http, m, { file: String(file.id), reason: 'hate', comment: null }, { 'X-Forwarded-For': ip(70, 1) });
    assert.equal(first.body.errors, undefined, JSON.stringify(first.body.errors));
    assert.deepEqual(first.body.data.reportMedia, { status: 'received' });
    const again = await gql(app.http, m, { file: file.documentId, reason: 'hate' }, { 'X-Forwarded-For': ip(70, 1) });
    assert.deepEqual(again.body.data.reportMedia, { status: 'already-reported' });
    const bad = await gql(app.http, m, { file: String(file.id), reason: 'no-such-reason' }, { 'X-Forwarded-For': ip(70, 2) });
    assert.ok(bad.body.errors?.length > 0);
    assert.equal(bad.body.data?.reportMedia ?? null, null);
    assert.equal(await app.strapi.db.query('plugin::moderation.report').count({ where: { fileId: file.id } }), 1);
  });
});

describe('signed-in readers', () => {
  it('count as their account wherever they report from', async () => {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    await app.strapi.plugin('users-permissions').service('user').add({
      username: 'qari', email: 'qari@nashra.test', password: 'Qari-pass-123', confirmed: true, blocked: false, provider: 'local', role: role.id,
    });
    const login = await app.http().post('/api/auth/local').send({ identifier: 'qari@nashra.test', password: 'Qari-pass-123' });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const file = await ed.upload('signed-in.jpg', 330);
    const send = (from: string) =>
      app.http().post('/api/moderation/reports').set('Authorization', `Bearer ${login.body.jwt}`).set('X-Forwarded-For', from).send({ data: { file: file.id, reason: 'privacy' } });
    assert.equal((await send(ip(80, 1))).status, 201);
    const elsewhere = await send(ip(81, 1));
    assert.equal(elsewhere.status, 200);
    assert.deepEqual(elsewhere.body, { data: { status: 'already-reported' } });
    const stored = await app.strapi.db.query('plugin::moderation.report').findMany({ where: { fileId: file.id } });
    // expect().toEqual: the rows come from the SQLite addon's realm (see tests/helpers/native-modules.ts).
    expect(stored.map((r: { accountKey: unknown }) => r.accountKey)).toEqual([`user:${login.body.user.id}`]);
    assert.match(stored[0].reporterKey, /^ip:[0-9a-f]{64}$/, 'the address is kept beside the account');
  });

  it('a bad or foreign bearer token reports as an anonymous reader', async () => {
    const file = await ed.upload('bad-token.jpg', 340);
    const res = await app.http().post('/api/moderation/reports').set('Authorization', 'Bearer not-a-jwt').set('X-Forwarded-For', ip(82, 1)).send({ data: { file: file.id, reason: 'privacy' } });
    assert.equal(res.status, 201);
    const withApiToken = await app.http().post('/api/moderation/reports').set(ed.auth).set('X-Forwarded-For', ip(82, 1)).send({ data: { file: file.id, reason: 'privacy' } });
    assert.equal(withApiToken.status, 200, 'same address, same anonymous reader');
  });
});

describe('files deleted elsewhere', () => {
  it('take their reports and state with them', async () => {
    const file = await ed.upload('deleted-elsewhere.jpg', 350);
    assert.equal((await report(file.id, ip(90, 1))).status, 201);
    const res = await app.http().delete(`/api/upload/files/${file.id}`).set(ed.auth);
    assert.equal(res.status, 200);
    assert.equal(await app.strapi.db.query('plugin::moderation.report').count({ where: { fileId: file.id } }), 0);
    assert.equal(await stateOf(file.id), null);
    assert.equal((await report(file.id, ip(90, 2))).status, 404);
  });
});
