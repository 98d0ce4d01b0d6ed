/**
 * MODERATION_ENABLED=false is the stock-Strapi baseline of the benchmark: no public
 * route, no filtering of files the database says are hidden, static files served.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { startNashra, type Nashra } from '../helpers/strapi';
import { fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';
import { MODERATION_ENV, gql } from '../helpers/moderation';

let app: Nashra;

beforeAll(async () => {
  app = await startNashra({ env: { ...MODERATION_ENV, MODERATION_ENABLED: 'false' } });
});

afterAll(async () => app?.stop());

describe('moderation disabled', () => {
  it('has no public moderation routes and no reportMedia mutation', async () => {
    assert.equal((await app.http().get('/api/moderation/reasons')).status, 404);
    // Answered like any unknown path of that shape (koa-router's 405 when a GET route pattern matches).
    const body = { data: { file: 1, reason: 'violence' } };
    const unknown = await app.http().post('/api/no-such-plugin/reports').send(body);
    const post = await app.http().post('/api/moderation/reports').send(body);
    assert.ok(post.status >= 400 && post.status < 500);
    assert.equal(post.status, unknown.status);
    assert.equal(await app.strapi.db.query('plugin::moderation.report').count(), 0);
    const res = await gql(app.http, 'mutation { reportMedia(file: "1", reason: "violence") { status } }');
    assert.ok(res.body.errors?.length > 0);
    const schema = await gql(app.http, '{ __schema { queryType { fields { name } } } }');
    const queries = schema.body.data.__schema.queryType.fields.map((f: { name: unknown }) => f.name);
    assert.ok(!queries.some((q: string) => /report|mediaState|auditEntr|rateCounter/i.test(q)), queries.join(','));
  });

  it('serves a file the database marks hidden exactly as stock Strapi would', async () => {
    const ed = editor(app.http, await fullAccessToken(app.strapi));
    const file = await ed.upload('baseline.jpg', 77);
    const article = await ed.create('articles', { title: 'خط الأساس', cover: file.id }, '?locale=ar');
    await app.strapi.db.query('plugin::moderation.media-state').create({ data: { fileId: file.id, status: 'hidden' } });
    assert.equal((await app.http().get(file.url)).status, 200);
    assert.equal((await app.http().get(`/api/upload/files/${file.id}`).set(ed.auth)).status, 200);
    const a = await app.http().get(`/api/articles/${article.documentId}?populate=cover`);
    assert.equal(a.body.data.cover.id, file.id);
    const g = await gql(app.http, `{ article(documentId: "${article.documentId}", locale: "ar") { cover { documentId } } }`);
    assert.equal(g.body.data.article.cover.documentId, file.documentId);
  });
});
