/** RESPONSE_CACHE=false: every read is computed (the uncached bench cases rely on it); the ticker keeps its validators. */
import { afterAll, beforeAll, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { startNashra, type Nashra } from '../helpers/strapi';
import { fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';

let app: Nashra;
let ed: ReturnType<typeof editor>;

beforeAll(async () => {
  app = await startNashra({ env: { RESPONSE_CACHE: 'false' } });
  ed = editor(app.http, await fullAccessToken(app.strapi));
});
afterAll(async () => app?.stop());

it('answers no read from the cache, and still serves the ticker with its ETag and 304', async () => {
  const src = await ed.create('sources', { name: 'مصدر' });
  await ed.create('articles', { title: 'خبر', source: src.documentId }, '?locale=ar');
  for (const url of ['/api/articles?locale=ar', '/api/articles?locale=ar']) {
    const res = await app.http().get(url);
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-cache'], undefined);
    assert.equal(res.headers.etag, undefined);
  }
  const gql = await app.http().post('/graphql').send({ query: '{ articles(locale: "ar") { title } }' });
  assert.equal(gql.headers['x-cache'], undefined);

  await ed.create('tickers', { name: 'عاجل', slug: 'off-breaking', autoSources: [src.documentId] }, '?locale=ar');
  const ticker = await app.http().get('/api/tickers/off-breaking/items?locale=ar');
  assert.equal(ticker.status, 200);
  assert.deepEqual(ticker.body.data.map((i: { headline: unknown }) => i.headline), ['خبر']);
  assert.equal((await app.http().get('/api/tickers/off-breaking/items?locale=ar').set('If-None-Match', ticker.headers.etag)).status, 304);
  await ed.create('articles', { title: 'خبر ثان', source: src.documentId }, '?locale=ar');
  assert.equal((await app.http().get('/api/tickers/off-breaking/items?locale=ar')).body.data[0].headline, 'خبر ثان');
});
