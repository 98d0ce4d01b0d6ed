/**
 * The response cache on one instance: anonymous reads are answered from it (X-Cache: HIT),
 * and every change a reader could see (publish, edit, delete, hide, restore) makes the
 * very next read fresh, for REST, GraphQL, the search and the ticker. Requests with a
 * token and drafts are never answered from it. ETags depend on the data only; the byte
 * bound holds over many distinct URLs.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, startNashra, type Nashra } from '../helpers/strapi';
import { createAdminUser, fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';
import { MODERATION_ENV, adminToken, ip, reporter } from '../helpers/moderation';

const MAX_MB = 1;
let app: Nashra;
let ed: ReturnType<typeof editor>;
let report: ReturnType<typeof reporter>;
let moderatorJwt: string;

beforeAll(async () => {
  app = await startNashra({ env: { ...MODERATION_ENV, RESPONSE_CACHE_MAX_MB: String(MAX_MB) } });
  ed = editor(app.http, await fullAccessToken(app.strapi));
  report = reporter(app.http);
  moderatorJwt = await adminToken(app.http, await createAdminUser(app.strapi, 'moderator'));
});
afterAll(async () => app?.stop());

const get = (url: string) => app.http().get(url);
const gqlPost = (query: string, variables: Record<string, unknown> = {}) => app.http().post('/graphql').send({ query, variables });
const hide = async (fileId: number, network: number) => {
  for (let n = 0; n < 3; n++) assert.equal((await report(fileId, ip(network + n, 1))).status, 201);
};
const restore = async (fileId: number) =>
  assert.equal((await app.http().post(`/moderation/queue/${fileId}/restore`).set({ Authorization: `Bearer ${moderatorJwt}` })).status, 200);

/** Reads twice: the second read must be a hit with the same bytes. Returns the body. */
// any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
async function cachedRead(read: () => Promise<any>) {
  let previous = await read();
  assert.equal(previous.status, 200, JSON.stringify(previous.body));
  // A few tries: the writes that follow an upload (its fingerprint, after the reply) may still be moving the generation.
  for (let attempt = 0; attempt < 20; attempt++) {
    const next = await read();
    if (next.headers['x-cache'] === 'HIT') {
      assert.equal(next.text, previous.text);
      assert.equal(next.headers.etag, previous.headers.etag);
      return next.body;
    }
    previous = next;
  }
  assert.fail('no cached answer after 20 reads');
}

const LIST = '/api/articles?locale=ar&populate[cover]=true&populate[source]=true&sort=publishedAt:desc';
// any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
const titles = (body: any) => body.data.map((a: { title: unknown }) => a.title);

describe('REST', () => {
  // any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
  let source: any;
  let cover: { id: number };
  // any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
  let first: any;

  beforeAll(async () => {
    source = await ed.create('sources', { name: 'اليوم 24' });
    cover = await ed.upload('cache-cover.jpg', 30);
    first = await ed.create('articles', { title: 'الخبر الأول', source: source.documentId, cover: cover.id }, '?locale=ar');
  });

  it('answers a list from the cache, and a publish, an edit and a delete are in the next read', async () => {
    assert.deepEqual(titles(await cachedRead(() => get(LIST))), ['الخبر الأول']);

    const second = await ed.create('articles', { title: 'الخبر الثاني', source: source.documentId }, '?locale=ar');
    assert.deepEqual(titles((await get(LIST)).body), ['الخبر الثاني', 'الخبر الأول']);

    await cachedRead(() => get(LIST));
    await ed.update('articles', second.documentId, { title: 'الخبر الثاني معدلا' }, '?locale=ar');
    assert.deepEqual(titles((await get(LIST)).body), ['الخبر الثاني معدلا', 'الخبر الأول']);

    await cachedRead(() => get(`/api/articles/${second.documentId}?locale=ar`));
    await cachedRead(() => get(LIST));
    assert.equal((await app.http().delete(`/api/articles/${second.documentId}?locale=ar`).set(ed.auth)).status, 204);
    assert.deepEqual(titles((await get(LIST)).body), ['الخبر الأول']);
    assert.equal((await get(`/api/articles/${second.documentId}?locale=ar`)).status, 404);
  });

  it('a write through the document service from code (a scheduled publish, an ingestion), inside a transaction too, is in the next read', async () => {
    await cachedRead(() => get(LIST));
    const documents = app.strapi.documents('api::article.article');
    const draft = await documents.create({ data: { title: 'خبر مجدول' }, locale: 'ar' });
    assert.notEqual((await get(LIST)).headers['x-cache'], 'HIT', 'a draft created from code moves the generation too');
    await cachedRead(() => get(LIST));
    await documents.publish({ documentId: draft.documentId, locale: 'ar' });
    assert.equal(titles((await get(LIST)).body)[0], 'خبر مجدول');

    await cachedRead(() => get(LIST));
    await app.strapi.db.transaction(async () => {
      // Without generated content-type typings (types/generated), update's data type knows no attribute of the article.
      const edit = { title: 'خبر مجدول معدل' } as unknown as NonNullable<Parameters<typeof documents.update>[0]['data']>;
      await documents.update({ documentId: draft.documentId, locale: 'ar', data: edit });
      await documents.publish({ documentId: draft.documentId, locale: 'ar' });
    });
    assert.equal(titles((await get(LIST)).body)[0], 'خبر مجدول معدل');
    await documents.delete({ documentId: draft.documentId, locale: 'ar' });
  });

  it('keys on the query as Strapi parses it: the order of parameters does not matter, values do', async () => {
    await cachedRead(() => get('/api/articles?locale=ar&populate[source]=true&populate[cover]=true'));
    const reordered = await get('/api/articles?populate[cover]=true&locale=ar&populate[source]=true');
    assert.equal(reordered.headers['x-cache'], 'HIT');
    const other = await get('/api/articles?populate[cover]=true&locale=fr&populate[source]=true');
    assert.notEqual(other.headers['x-cache'], 'HIT');
    assert.deepEqual(other.body.data, []);
  });

  it('a hide and a restore are in the next read of the list and the entry', async () => {
    const entry = `/api/articles/${first.documentId}?locale=ar&populate=cover`;
    assert.equal((await cachedRead(() => get(LIST))).data[0].cover.id, cover.id);
    assert.equal((await cachedRead(() => get(entry))).data.cover.id, cover.id);

    await hide(cover.id, 40);
    assert.equal((await get(LIST)).body.data[0].cover, null);
    assert.equal((await get(entry)).body.data.cover, null);

    await cachedRead(() => get(LIST));
    await restore(cover.id);
    assert.equal((await get(LIST)).body.data[0].cover?.id, cover.id);
    assert.equal((await get(entry)).body.data.cover?.id, cover.id);
  });

  it('never answers a request with a token from the cache, and marks its answer private', async () => {
    const draft = await ed.create('articles', { title: 'مسودة سرية' }, '?locale=ar&status=draft');
    const url = `/api/articles?locale=ar&status=draft`;
    // An anonymous reader asking for drafts gets published entries, uncached.
    const anonymous = await get(url);
    assert.equal(anonymous.status, 200);
    assert.equal(anonymous.headers['x-cache'], undefined);
    assert.ok(!titles(anonymous.body).includes('مسودة سرية'));
    assert.equal((await get(url)).headers['x-cache'], undefined);

    await cachedRead(() => get(LIST));
    const withToken = await get(LIST).set(ed.auth);
    assert.equal(withToken.headers['x-cache'], undefined);
    assert.equal(withToken.headers['cache-control'], 'private, no-store');
    const drafts = await get(url).set(ed.auth);
    assert.ok(titles(drafts.body).includes('مسودة سرية'));
    assert.equal((await get(url).set(ed.auth)).headers['x-cache'], undefined);
    assert.equal((await get(`/api/articles/${draft.documentId}?status=draft`)).headers['x-cache'], undefined);
    // What the token saw never reaches an anonymous reader.
    assert.ok(!titles((await get(url)).body).includes('مسودة سرية'));
  });

  it('sends a strong ETag of the data, 304 on If-None-Match, and public Cache-Control with Vary', async () => {
    const res = await get(LIST);
    assert.match(res.headers.etag, /^"[A-Za-z0-9_-]+"$/);
    assert.match(res.headers['cache-control'], /^public, max-age=\d+, stale-while-revalidate=\d+$/);
    assert.match(res.headers.vary, /Accept-Encoding/);
    assert.match(res.headers.vary, /Authorization/);
    const revalidated = await get(LIST).set('If-None-Match', res.headers.etag);
    assert.equal(revalidated.status, 304);
    assert.equal(revalidated.text, '');
    assert.equal((await get(LIST).set('If-None-Match', `W/${res.headers.etag}`)).status, 304);
    assert.equal((await get(LIST).set('If-None-Match', '"other"')).status, 200);
  });
});

describe('GraphQL, search and ticker', () => {
  const QUERY = 'query List($locale: I18NLocaleCode) { articles(locale: $locale, sort: "publishedAt:desc") { title cover { url } } }';

  it('answers a GraphQL query from the cache, whatever its spacing; an edit and a hide are in the next read', async () => {
    const src = await ed.create('sources', { name: 'هسبريس' });
    const cover = await ed.upload('gql-cover.jpg', 200);
    const art = await ed.create('articles', { title: 'خبر غراف', source: src.documentId, cover: cover.id }, '?locale=ar');
    const read = () => gqlPost(QUERY, { locale: 'ar' });
    const body = await cachedRead(read);
    assert.equal(body.data.articles[0].title, 'خبر غراف');
    const respaced = await gqlPost(QUERY.replace(/ /g, '  \n'), { locale: 'ar' });
    assert.equal(respaced.headers['x-cache'], 'HIT');
    const viaGet = await get(`/graphql?query=${encodeURIComponent(QUERY)}&variables=${encodeURIComponent('{"locale":"ar"}')}`).set('apollo-require-preflight', 'true');
    assert.equal(viaGet.status, 200, viaGet.text);
    const viaGetAgain = await get(`/graphql?query=${encodeURIComponent(QUERY)}&variables=${encodeURIComponent('{"locale":"ar"}')}`).set('apollo-require-preflight', 'true');
    assert.equal(viaGetAgain.headers['x-cache'], 'HIT');
    // Without the preflight header Apollo refuses a GET (CSRF prevention); the cache does not answer it either.
    const simple = await get(`/graphql?query=${encodeURIComponent(QUERY)}&variables=${encodeURIComponent('{"locale":"ar"}')}`);
    assert.equal(simple.status, 400);
    assert.equal(simple.headers['x-cache'], undefined);

    await ed.update('articles', art.documentId, { title: 'خبر غراف معدل' }, '?locale=ar');
    assert.equal((await read()).body.data.articles[0].title, 'خبر غراف معدل');

    assert.ok((await cachedRead(read)).data.articles[0].cover);
    await hide(cover.id, 60);
    assert.equal((await read()).body.data.articles[0].cover, null);
  });

  it('never caches a mutation, a draft query or a request with a token', async () => {
    const mutation = 'mutation { reportMedia(file: "999999", reason: "violence") { status } }';
    assert.equal((await gqlPost(mutation)).headers['x-cache'], undefined);
    assert.equal((await gqlPost(mutation)).headers['x-cache'], undefined);
    const drafts = '{ articles(status: DRAFT) { title } }';
    await gqlPost(drafts);
    assert.equal((await gqlPost(drafts)).headers['x-cache'], undefined);
    await cachedRead(() => gqlPost(QUERY, { locale: 'ar' }));
    const withToken = await app.http().post('/graphql').set(ed.auth).send({ query: QUERY, variables: { locale: 'ar' } });
    assert.equal(withToken.headers['x-cache'], undefined);
    assert.equal(withToken.headers['cache-control'], 'private, no-store');
  });

  it('answers the search from the cache, and a publish is in the next search', async () => {
    const url = `/api/articles/search?q=${encodeURIComponent('الامطار')}&locale=ar`;
    await ed.create('articles', { title: 'الأمطار تغمر المدينة' }, '?locale=ar');
    assert.equal((await cachedRead(() => get(url))).data.length, 1);
    await ed.create('articles', { title: 'أمطار وعواصف: الامطار مستمرة' }, '?locale=ar');
    assert.equal((await get(url)).body.data.length, 2);
  });

  it('the ticker: ETag of the data only (the same when recomputed), and a publish is in the next read', async () => {
    const src = await ed.create('sources', { name: 'مصدر الشريط' });
    await ed.create('articles', { title: 'خبر الشريط الأول', source: src.documentId }, '?locale=ar');
    await ed.create('tickers', { name: 'عاجل', slug: 'cache-breaking', autoSources: [src.documentId], limit: 5 }, '?locale=ar');
    const url = '/api/tickers/cache-breaking/items?locale=ar';
    const first = await get(url);
    assert.equal(first.status, 200);
    // A write elsewhere clears the copy; recomputed from the same data, the ETag is the same.
    await ed.create('categories', { name: 'غير ذي صلة' }, '?locale=ar');
    const recomputed = await get(url);
    assert.equal(recomputed.headers.etag, first.headers.etag);
    assert.equal((await get(url).set('If-None-Match', first.headers.etag)).status, 304);

    await ed.create('articles', { title: 'خبر الشريط الثاني', source: src.documentId }, '?locale=ar');
    const fresh = await get(url);
    assert.deepEqual(fresh.body.data.map((i: { headline: unknown }) => i.headline), ['خبر الشريط الثاني', 'خبر الشريط الأول']);
    assert.notEqual(fresh.headers.etag, first.headers.etag);
  });
});

describe('the byte bound', () => {
  it('holds over many distinct URLs', async () => {
    const runtime = require(path.join(ROOT, 'dist', 'src', 'cache', 'runtime.js'));
    const cache = runtime.responseCache(app.strapi);
    for (let i = 0; i < 8; i++) await ed.create('articles', { title: `خبر للحجم ${i}`, excerpt: 'نص طويل '.repeat(120), body: [{ type: 'paragraph', children: [{ type: 'text', text: 'فقرة طويلة '.repeat(1000) }] }] }, '?locale=ar');
    let seen = 0;
    for (let i = 0; i < 120; i++) {
      const res = await get(`/api/articles?locale=ar&pagination[pageSize]=${10 + (i % 40)}&filters[title][$notContains]=${i}`);
      assert.equal(res.status, 200);
      seen += res.text.length;
      assert.ok(cache.store.stats().bytes <= MAX_MB * 1024 * 1024, `cache holds ${cache.store.stats().bytes} bytes`);
    }
    assert.ok(seen > 2 * MAX_MB * 1024 * 1024, `the answers (${seen} bytes) exceed the bound`);
    assert.ok(cache.store.stats().entries > 0);
  });
});
