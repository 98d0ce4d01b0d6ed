import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { UID } from '@strapi/strapi';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startNashra, type Nashra } from '../helpers/strapi';
import { fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';

let app: Nashra;
let ed: ReturnType<typeof editor>;
let source: { documentId: string };
let category: { documentId: string };

beforeAll(async () => {
  app = await startNashra();
  ed = editor(app.http, await fullAccessToken(app.strapi));
  source = await ed.create('sources', { name: 'اليوم 24', homepage: 'https://alyaoum24.example', language: 'ar', country: 'MA' });
  category = await ed.create('categories', { name: 'سياسة' }, '?locale=ar');
});

afterAll(async () => app?.stop());

// any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
const expectError = (res: { status: number; body: any }, status: number, name: string) => {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.data, null);
  assert.equal(res.body.error.status, status);
  assert.equal(res.body.error.name, name);
  assert.equal(typeof res.body.error.message, 'string');
};

describe('text round-trips unchanged (utf8mb4 on MySQL)', () => {
  it('Arabic with diacritics and four-byte emoji, through REST and GraphQL', async () => {
    const title = 'عاجلٌ 🔥 مُباراة الوداد والرجاء 👍🏽 ⚽';
    const created = await ed.create('articles', { title, source: source.documentId }, '?locale=ar');
    const rest = await app.http().get(`/api/articles/${created.documentId}?locale=ar`);
    assert.equal(rest.status, 200, JSON.stringify(rest.body));
    assert.equal(rest.body.data.title, title);
    const gql = await app.http().post('/graphql').send({ query: `{ article(documentId: "${created.documentId}", locale: "ar") { title } }` });
    assert.equal(gql.body.data?.article?.title, title, JSON.stringify(gql.body));
    const row = await app.strapi.db.query('api::article.article').findOne({ where: { documentId: created.documentId } });
    assert.equal(row.title, title);
  });
});

describe('locales', () => {
  it('has ar (default), fr and en after boot, and a second bootstrap changes nothing', async () => {
    const locales = app.strapi.plugin('i18n').service('locales');
    const snapshot = async () => ({
      // Array.from: the rows come from another realm (the database driver's), which strict deepEqual tells apart.
      rows: Array.from(await locales.find(), (l: { id: number; code: string }): [number, string] => [l.id, l.code]).sort(),
      defaultLocale: await locales.getDefaultLocale(),
    });
    const first = await snapshot();
    assert.deepEqual(first.rows.map(([, code]) => code).sort(), ['ar', 'en', 'fr']);
    assert.equal(first.defaultLocale, 'ar');
    const { ensureLocales } = require('../../dist/src/bootstrap/locales.js');
    await ensureLocales(app.strapi);
    assert.deepEqual(await snapshot(), first);
  });

  it('serves each locale its own articles, Arabic by default', async () => {
    await ed.create('articles', { title: 'مؤتمر استثنائي بالجديدة', source: source.documentId }, '?locale=ar');
    await ed.create('articles', { title: 'Le Maroc en tête', source: source.documentId }, '?locale=fr');
    const ar = await app.http().get('/api/articles');
    assert.equal(ar.status, 200);
    assert.ok(ar.body.data.length > 0);
    assert.ok(ar.body.data.every((a: { locale: unknown }) => a.locale === 'ar'));
    const fr = await app.http().get('/api/articles?locale=fr');
    assert.deepEqual(fr.body.data.map((a: { title: unknown }) => a.title), ['Le Maroc en tête']);
    const en = await app.http().get('/api/articles?locale=en');
    assert.deepEqual(en.body.data, []);
  });
});

describe('public access', () => {
  it('reads the four types without a token', async () => {
    for (const collection of ['articles', 'sources', 'categories', 'tickers']) {
      const res = await app.http().get(`/api/${collection}`);
      assert.equal(res.status, 200, `${collection}: ${JSON.stringify(res.body)}`);
      assert.ok(Array.isArray(res.body.data));
      assert.equal(typeof res.body.meta.pagination.total, 'number');
    }
  });

  it('refuses every write without a token and stores nothing', async () => {
    const article = await ed.create('articles', { title: 'نص محمي' }, '?locale=ar');
    const count = async () => (await app.http().get('/api/articles?locale=ar')).body.meta.pagination.total;
    const total = await count();
    for (const collection of ['articles', 'sources', 'categories', 'tickers']) {
      expectError(await app.http().post(`/api/${collection}`).send({ data: { title: 'x', name: 'x' } }), 403, 'ForbiddenError');
    }
    expectError(await app.http().put(`/api/articles/${article.documentId}`).send({ data: { title: 'مخترق' } }), 403, 'ForbiddenError');
    expectError(await app.http().delete(`/api/articles/${article.documentId}`), 403, 'ForbiddenError');
    expectError(await app.http().post('/api/upload').attach('files', Buffer.from('x'), 'x.txt'), 403, 'ForbiddenError');
    assert.equal(await count(), total);
    const still = await app.http().get(`/api/articles/${article.documentId}`);
    assert.equal(still.body.data.title, 'نص محمي');
  });

  it('grants the public role nothing beyond reading and the account flows', async () => {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' }, populate: ['permissions'] });
    const actions = role.permissions.map((p: { action: unknown }) => p.action).filter((a: string) => !a.startsWith('plugin::users-permissions.auth.'));
    assert.deepEqual(actions.sort(), ['article', 'category', 'source', 'ticker'].flatMap((n) => [`api::${n}.${n}.find`, `api::${n}.${n}.findOne`]).sort());
  });
});

describe('draft and publish', () => {
  it('hides drafts from the public, in lists, by id and through GraphQL', async () => {
    const draft = await ed.create('articles', { title: 'مسودة لم تنشر بعد' }, '?locale=ar&status=draft');
    const list = await app.http().get('/api/articles?locale=ar&pagination[pageSize]=100');
    assert.ok(!list.body.data.some((a: { documentId: unknown }) => a.documentId === draft.documentId));
    const one = await app.http().get(`/api/articles/${draft.documentId}`);
    assert.equal(one.status, 404);
    const asksForDraft = await app.http().get(`/api/articles/${draft.documentId}?status=draft`);
    assert.equal(asksForDraft.status, 404, 'the public may not ask for drafts');
    for (const query of [
      '{ articles(pagination: { limit: 100 }) { documentId } }',
      '{ articles(status: DRAFT, pagination: { limit: 100 }) { documentId } }',
    ]) {
      const gql = await app.http().post('/graphql').send({ query });
      assert.equal(gql.body.errors, undefined, JSON.stringify(gql.body.errors));
      assert.ok(!gql.body.data.articles.some((a: { documentId: unknown }) => a.documentId === draft.documentId), query);
    }
    // Any spelling of the status parameter but `published` itself: never the draft.
    const spelling = fc.oneof(
      fc.constantFrom('status=DRAFT', 'status=Draft', 'status=draft%20', 'status=x', 'status=', 'status[0]=draft', 'status[]=draft', 'status[a]=draft'),
      fc.string({ maxLength: 12 }).filter((s) => s !== 'published').map((s) => `status=${encodeURIComponent(s)}`),
      fc.string({ maxLength: 8 }).map((s) => `status[${encodeURIComponent(s)}]=draft`),
    );
    await fc.assert(
      fc.asyncProperty(spelling, async (q) => {
        const byId = await app.http().get(`/api/articles/${draft.documentId}?${q}`);
        assert.ok(byId.status === 404 || byId.status === 400, `${q}: ${byId.status} ${JSON.stringify(byId.body).slice(0, 200)}`);
        const inList = await app.http().get(`/api/articles?locale=ar&pagination[pageSize]=100&${q}`);
        assert.ok(inList.status === 400 || !inList.body.data.some((a: { documentId: unknown }) => a.documentId === draft.documentId), `${q} lists the draft`);
      }),
      { numRuns: 60 },
    );
    const withToken = await app.http().get(`/api/articles/${draft.documentId}?status=draft`).set(ed.auth);
    assert.equal(withToken.status, 200, 'an API token (a preview front end) may read drafts');

    await ed.update('articles', draft.documentId, { title: 'مسودة نشرت' }, '?locale=ar');
    const published = await app.http().get(`/api/articles/${draft.documentId}`);
    assert.equal(published.status, 200);
    assert.equal(published.body.data.title, 'مسودة نشرت');
  });
});

describe('validation', () => {
  const bad: Array<[string, string, Record<string, unknown>]> = [
    ['articles', 'a title is required', { excerpt: 'بلا عنوان' }],
    ['articles', 'an empty title', { title: '' }],
    ['articles', 'a title over 300 characters', { title: 'أ'.repeat(301) }],
    ['articles', 'a javascript: originalUrl', { title: 'عنوان', originalUrl: 'javascript:alert(1)' }],
    ['articles', 'an ftp originalUrl', { title: 'عنوان', originalUrl: 'ftp://example.com/x' }],
    ['articles', 'a relative originalUrl', { title: 'عنوان', originalUrl: '/news/1' }],
    ['articles', 'a title that is an object', { title: { $ne: null } }],
    ['sources', 'a source without name', { homepage: 'https://x.example' }],
    ['sources', 'a data: homepage', { name: 'س', homepage: 'data:text/html,hi' }],
    ['sources', 'a feedUrl without scheme', { name: 'س', feedUrl: 'www.example.com/rss' }],
    ['sources', 'an unknown language', { name: 'س', language: 'de' }],
    ['tickers', 'a ticker item url that is not http', { name: 'ت', slug: 'bad-url', items: [{ headline: 'خبر', url: 'mailto:a@b.c' }] }],
    ['tickers', 'a ticker item without headline', { name: 'ت', slug: 'no-headline', items: [{ url: 'https://x.example' }] }],
    ['tickers', 'a priority over 100', { name: 'ت', slug: 'prio', items: [{ headline: 'خبر', priority: 101 }] }],
    ['tickers', 'a ticker slug with spaces', { name: 'ت', slug: 'two words' }],
  ];
  for (const [collection, what, data] of bad) {
    it(`answers 400 for ${what} and stores nothing`, async () => {
      const count = async () => (await app.strapi.db.query(`api::${collection.replace(/ies$/, 'y').replace(/s$/, '')}.${collection.replace(/ies$/, 'y').replace(/s$/, '')}` as UID.Schema).count());
      const total = await count();
      const res = await app.http().post(`/api/${collection}?locale=ar`).set(ed.auth).send({ data });
      expectError(res, 400, 'ValidationError');
      assert.equal(await count(), total);
    });
  }

  it('accepts http and https URLs', async () => {
    const a = await ed.create('articles', { title: 'رابط صحيح', originalUrl: 'http://alyaoum24.example/news/1?x=1' }, '?locale=ar');
    assert.equal(a.originalUrl, 'http://alyaoum24.example/news/1?x=1');
  });
});

describe('GraphQL', () => {
  it('lists articles with their source and cover', async () => {
    const cover = await ed.upload('gql-cover.jpg', 30);
    const created = await ed.create(
      'articles',
      { title: 'طنجة المتوسط يعزز موقعه', source: source.documentId, category: category.documentId, cover: cover.id, originalUrl: 'https://alyaoum24.example/1' },
      '?locale=ar'
    );
    const res = await app
      .http()
      .post('/graphql')
      .send({
        query: `query ($locale: I18NLocaleCode) { articles(locale: $locale, sort: "publishedAt:desc", pagination: { limit: 50 }) {
          documentId title originalUrl locale source { name homepage } category { name } cover { url width height mime } } }`,
        variables: { locale: 'ar' },
      });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    const found = res.body.data.articles.find((a: { documentId: unknown }) => a.documentId === created.documentId);
    assert.equal(found.title, 'طنجة المتوسط يعزز موقعه');
    assert.deepEqual(found.source, { name: 'اليوم 24', homepage: 'https://alyaoum24.example' });
    assert.equal(found.category.name, 'سياسة');
    assert.match(found.cover.url, /^\/uploads\/.+\.jpg$/);
    assert.equal(found.cover.mime, 'image/jpeg');
  });

  it('refuses a query deeper than the configured limit', async () => {
    const res = await app.http().post('/graphql').send({
      query: '{ articles { source { articles { source { articles { source { articles { source { articles { source { articles { title } } } } } } } } } } } }',
    });
    assert.ok(res.status >= 400 || res.body.errors?.length > 0, JSON.stringify(res.body));
    assert.match(JSON.stringify(res.body.errors), /depth/i);
  });

  it('does not serve the Apollo landing page', async () => {
    const res = await app.http().get('/graphql').set('Accept', 'text/html');
    assert.doesNotMatch(res.text ?? '', /apollo-server-landing-page|embeddable-sandbox|cdn\.apollographql/i);
  });
});

describe('REST populate', () => {
  it('returns Arabic articles with populate=*', async () => {
    const res = await app.http().get('/api/articles?locale=ar&populate=*');
    assert.equal(res.status, 200);
    const withSource = res.body.data.find((a: { source: unknown }) => a.source);
    assert.equal(withSource.source.name, 'اليوم 24');
  });
});

/**
 * Every SQL statement the app runs while `request` is answered. Strapi's webhook payloads of
 * earlier writes load their entries in the background: wait until the database is quiet first.
 */
/**
 * Statements less the periodic work that lands in whichever request runs when it is due: the
 * moderation plugin's hidden set (once per MODERATION_CACHE_TTL_MS) and its outbox poll (once a
 * second), and the response cache's shared version (once a second, in the core store, which
 * nothing else reads per request), and transaction brackets (mysql logs them too). None of
 * them grows with the rows.
 */
const counted = (list: string[]) =>
  list.filter((sql) => !/moderation_media_states|moderation_outbox_events|strapi_core_store_settings|^BEGIN|^COMMIT/.test(sql));

async function statementsOf(request: () => Promise<unknown>): Promise<string[]> {
  const knex = app.strapi.db.connection;
  let last = Date.now();
  const tick = () => (last = Date.now());
  knex.on('query', tick);
  while (Date.now() - last < 300) await new Promise((r) => setTimeout(r, 50));
  knex.off('query', tick);
  const seen: string[] = [];
  const listen = (q: { sql: string }) => seen.push(q.sql);
  knex.on('query', listen);
  try {
    await request();
  } finally {
    knex.off('query', listen);
  }
  return seen;
}

describe('read path: statements per list request do not grow with the rows', () => {
  const graphqlList = (limit: number) => app.http().post('/graphql').send({
    query: `{ articles(locale: "ar", sort: "publishedAt:desc", pagination: { limit: ${limit} }) {
      documentId title cover { url } source { name } category { name } attribution { label } } }`,
  });
  const restList = (size: number) => app.http().get(`/api/articles?locale=ar&pagination[pageSize]=${size}&populate[cover]=true&populate[source]=true&sort=publishedAt:desc`);

  beforeAll(async () => {
    const covers = [await ed.upload('rp-a.jpg', 10), await ed.upload('rp-b.jpg', 120)];
    const other = await ed.create('sources', { name: 'هسبريس', homepage: 'https://hespress.example', timeZone: 'Africa/Casablanca' });
    for (let i = 0; i < 30; i++) {
      await ed.create('articles', {
        title: `خبر القائمة ${i}`, source: (i % 2 ? source : other).documentId, category: category.documentId,
        cover: covers[i % 2]!.id, sourcePublishedAt: '2025-02-05T10:00:00.000Z',
      }, '?locale=ar');
    }
  });

  // 30: more rows than GraphQL's default limit (25), which a relation batch must not apply to all rows together.
  it('GraphQL: a list of 30 with cover, source, category and attribution costs what a list of 2 costs', async () => {
    // any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
    let small: any;
    // any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
    let large: any;
    const few = await statementsOf(async () => (small = await graphqlList(2)));
    const many = await statementsOf(async () => (large = await graphqlList(30)));
    assert.equal(large.body.errors, undefined, JSON.stringify(large.body.errors));
    assert.equal(small.body.data.articles.length, 2);
    assert.equal(large.body.data.articles.length, 30);
    for (const a of large.body.data.articles) {
      assert.match(a.cover?.url ?? '', /^\/uploads\/.+\.jpg$/, JSON.stringify(a));
      assert.ok(['اليوم 24', 'هسبريس'].includes(a.source?.name), JSON.stringify(a));
      assert.equal(a.category?.name, 'سياسة');
      assert.match(a.attribution.label, /^نشر في .+ يوم 05 - 02 - 2025$/);
    }
    assert.equal(counted(many).length, counted(few).length, `2 rows: ${few.length} statements, 30 rows: ${many.length}\n${many.join('\n')}`);
    assert.ok(many.length <= 16, many.join('\n'));
  });

  it('REST: the attribution of a list with its source populated reads nothing more', async () => {
    // any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
    let res: any;
    const few = await statementsOf(() => restList(2));
    const many = await statementsOf(async () => (res = await restList(20)));
    assert.equal(res.body.data.length, 20);
    // any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
    assert.ok(res.body.data.every((a: any) => a.attribution?.label?.startsWith('نشر في')));
    assert.equal(counted(many).length, counted(few).length, `2 rows:\n${few.join("\n")}\n20 rows:\n${many.join("\n")}`);
    const sourceReads = many.filter((sql) => /\bsources\b/.test(sql));
    assert.equal(sourceReads.length, 1, `only the populate reads sources:\n${sourceReads.join('\n')}`);
    const articleReads = many.filter((sql) => /from (?:[`"]\w+[`"]\.)?[`"]articles[`"]/.test(sql));
    assert.equal(articleReads.length, 2, `the page and its count:\n${articleReads.join('\n')}`);
    assert.ok(many.every((sql) => !/search/.test(sql)), 'no search text is read');
  });

  it('REST: without the source populated, the attribution costs one query for the whole list', async () => {
    // any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
    let res: any;
    const many = await statementsOf(async () => (res = await app.http().get('/api/articles?locale=ar&pagination[pageSize]=20&sort=publishedAt:desc')));
    assert.equal(res.body.data.length, 20);
    // any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
    assert.ok(res.body.data.every((a: any) => a.attribution?.label?.startsWith('نشر في')));
    const sourceReads = many.filter((sql) => /\bsources\b/.test(sql));
    assert.equal(sourceReads.length, 1, sourceReads.join('\n'));
  });
});
