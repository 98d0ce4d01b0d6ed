import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { startNashra, type Nashra } from '../helpers/strapi';
import { fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';

let app: Nashra;
let ed: ReturnType<typeof editor>;
let source: { documentId: string };

const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];
const search = (query: string) => app.http().get(`/api/articles/search?${query}`);
const q = (text: string, extra = '') => search(`q=${encodeURIComponent(text)}${extra}`);
// any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
const titles = (res: { body: any }) => res.body.data.map((a: { title: unknown }) => a.title);

/** Published one after another so "newer first" has something to order. */
async function publish(data: Record<string, unknown>, locale = 'ar') {
  const created = await ed.create('articles', { source: source.documentId, ...data }, `?locale=${locale}`);
  await new Promise((r) => setTimeout(r, 15));
  return created;
}

beforeAll(async () => {
  app = await startNashra();
  ed = editor(app.http, await fullAccessToken(app.strapi));
  source = await ed.create('sources', { name: 'اليوم 24', homepage: 'https://alyaoum24.example' });
  await publish({ title: 'تقرير عن الأمنُ الغذائي', excerpt: 'ملخص', body: paragraph('نص') });
  await publish({ title: 'أخبار متفرقة', body: paragraph('تحدث الوزير عن الأمن في المدن') });
  await publish({ title: 'الأمن الوطني يعلن حصيلة', body: paragraph('حصيلة السنة') });
  await publish({ title: 'مدرسة جديدة في طنجة', body: paragraph('افتتحت مدرسه بالمدينة') });
  await publish({ title: 'إصلاح المستشفى الإقليمي', body: paragraph('مستشفى جديد') });
  await publish({ title: 'زيارة إلى كوردستان', body: paragraph('وفد من ایران') });
  await publish({ title: 'حصيلة ٢٠٢٤ الاقتصادية', body: paragraph('أرقام') });
  await publish({ title: 'الأمطار في الشمال', excerpt: 'تساقطات مهمة' });
  await ed.create('articles', { title: 'مسودة عن الأمن لم تنشر', source: source.documentId }, '?locale=ar&status=draft');
  await publish({ title: 'La sécurité alimentaire', body: paragraph('الأمن الغذائي') }, 'fr');
});

afterAll(async () => app?.stop());

describe('GET /api/articles/search', () => {
  it('finds "الأمنُ" for q=الامن, title matches before body matches, newer first', async () => {
    const res = await q('الامن');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(titles(res), ['الأمن الوطني يعلن حصيلة', 'تقرير عن الأمنُ الغذائي', 'أخبار متفرقة']);
  });

  for (const [what, query, expected] of [
    ['hamza forms (إ for ا)', 'اصلاح', 'إصلاح المستشفى الإقليمي'],
    ['tashkeel in the query', 'الأَمْطَار', 'الأمطار في الشمال'],
    ['tatweel in the query', 'الأمـــطار', 'الأمطار في الشمال'],
    ['ة/ه (مدرسه finds مدرسة)', 'مدرسه', 'مدرسة جديدة في طنجة'],
    ['ى/ي (مستشفي finds المستشفى)', 'مستشفي', 'إصلاح المستشفى الإقليمي'],
    ['Persian letters (ک finds ك)', 'کوردستان', 'زيارة إلى كوردستان'],
    ['Persian ی in the body (ايران finds ایران)', 'ايران', 'زيارة إلى كوردستان'],
    ['Arabic-Indic digits (2024 finds ٢٠٢٤)', '2024', 'حصيلة ٢٠٢٤ الاقتصادية'],
    ['Persian digits (۲۰۲۴ finds ٢٠٢٤)', '۲۰۲۴', 'حصيلة ٢٠٢٤ الاقتصادية'],
    ['the excerpt', 'تساقطات', 'الأمطار في الشمال'],
  ] as const) {
    it(`matches across ${what}`, async () => {
      const res = await q(query);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(titles(res), [expected]);
    });
  }

  it('serves published articles only, in the requested locale', async () => {
    const res = await q('الامن', '&pagination[pageSize]=100');
    assert.ok(!titles(res).includes('مسودة عن الأمن لم تنشر'));
    const fr = await q('الامن', '&locale=fr');
    assert.deepEqual(titles(fr), ['La sécurité alimentaire']);
    const after = await q('مسودة');
    assert.deepEqual(after.body.data, []);
    assert.equal(after.body.meta.pagination.total, 0);
  });

  it('keeps searchText current when an article is edited', async () => {
    const a = await publish({ title: 'عنوان مؤقت' });
    assert.deepEqual(titles(await q('مكناس')), []);
    await ed.update('articles', a.documentId, { excerpt: 'زلزال خفيف في مكناس' }, '?locale=ar');
    assert.deepEqual(titles(await q('مكناس')), ['عنوان مؤقت']);
    await app.http().delete(`/api/articles/${a.documentId}?locale=ar`).set(ed.auth);
    assert.deepEqual(titles(await q('مكناس')), []);
  });

  it('keeps the search text right through publish, unpublish, discard and a new locale', async () => {
    const draft = await ed.create('articles', { title: 'مسودة عن الزلزال', source: source.documentId }, '?locale=ar&status=draft');
    assert.deepEqual(titles(await q('الزلزال')), [], 'a draft is not found');
    const publishAction = (id: string, action: 'publish' | 'unpublish' | 'discardDraft', locale = 'ar') =>
      // any: no generated content-type typings (types/generated): the document service knows no article attribute
      (app.strapi.documents('api::article.article') as any)[action]({ documentId: id, locale });
    await publishAction(draft.documentId, 'publish');
    assert.deepEqual(titles(await q('الزلزال')), ['مسودة عن الزلزال'], 'found once published');
    await ed.update('articles', draft.documentId, { title: 'مسودة عن الفيضان' }, '?locale=ar&status=draft');
    assert.deepEqual(titles(await q('الزلزال')), ['مسودة عن الزلزال'], 'the published version is still what is found');
    assert.deepEqual(titles(await q('الفيضان')), [], 'an unpublished edit is not found');
    await publishAction(draft.documentId, 'discardDraft');
    await publishAction(draft.documentId, 'unpublish');
    assert.deepEqual(titles(await q('الزلزال')), [], 'not found once unpublished');
    await ed.update('articles', draft.documentId, { title: 'Le séisme' }, '?locale=fr');
    await publishAction(draft.documentId, 'publish', 'fr');
    assert.deepEqual(titles(await q('séisme', '&locale=fr')), ['Le séisme']);
    assert.deepEqual(titles(await q('séisme')), [], 'the French version is not in the Arabic results');
  });

  it('takes concurrent edits of one article without an error, one search text per row', async () => {
    const a = await publish({ title: 'خبر يعدل مرات' });
    const words = ['أكادير', 'وجدة', 'فاس', 'تطوان', 'العيون'];
    const results = await Promise.all(words.map((w) => app.http().put(`/api/articles/${a.documentId}?locale=ar`).set(ed.auth).send({ data: { excerpt: `زيارة إلى ${w}` } })));
    assert.deepEqual(results.map((r) => r.status), words.map(() => 200), JSON.stringify(results.map((r) => r.body?.error)));
    const { excerpt } = (await app.http().get(`/api/articles/${a.documentId}?locale=ar&status=draft`).set(ed.auth)).body.data;
    const last = words.find((w) => excerpt.includes(w))!;
    // any: no generated content-type typings (types/generated): the document service knows no article attribute
    await app.strapi.documents('api::article.article').publish({ documentId: a.documentId, locale: 'ar' } as any);
    assert.deepEqual(titles(await q(last)), ['خبر يعدل مرات']);
    const rows = await app.strapi.db.connection('arabic_search_texts').where({ document_id: a.documentId });
    const articleRows = await app.strapi.db.query('api::article.article').findMany({ where: { documentId: a.documentId } });
    // expect().toEqual: the rows come from the SQLite addon's realm (see tests/helpers/native-modules.ts).
    expect(rows.map((r: { row_id: number | string }) => Number(r.row_id)).sort()).toEqual(articleRows.map((r: { id: unknown }) => r.id).sort());
  });

  it('shapes items like the REST list: source and cover populated, attribution, no private fields', async () => {
    const cover = await ed.upload('search-cover.jpg', 90);
    await publish({ title: 'صورة من الرباط', cover: cover.id, originalUrl: 'https://alyaoum24.example/rabat' });
    const res = await q('الرباط');
    const [item] = res.body.data;
    assert.equal(item.source.name, 'اليوم 24');
    assert.match(item.cover.url, /^\/uploads\/.+\.jpg$/);
    assert.equal(typeof item.documentId, 'string');
    assert.equal(item.attribution.sourceName, 'اليوم 24');
    assert.equal(item.attribution.originalUrl, 'https://alyaoum24.example/rabat');
    assert.ok(!('searchText' in item) && !('searchTitle' in item));
    const list = await app.http().get('/api/articles?populate[source]=true&populate[cover]=true&filters[title][$eq]=صورة من الرباط');
    assert.deepEqual(Object.keys(item).sort(), Object.keys(list.body.data[0]).sort());
  });

  it('paginates like any list', async () => {
    for (let i = 1; i <= 5; i++) await publish({ title: `نشرة الطقس رقم ${i}` });
    const first = await q('نشره الطقس', '&pagination[page]=1&pagination[pageSize]=2');
    assert.deepEqual(first.body.meta, { pagination: { page: 1, pageSize: 2, pageCount: 3, total: 5 } });
    assert.deepEqual(titles(first), ['نشرة الطقس رقم 5', 'نشرة الطقس رقم 4']);
    const last = await q('نشره الطقس', '&pagination[page]=3&pagination[pageSize]=2');
    assert.deepEqual(titles(last), ['نشرة الطقس رقم 1']);
    const beyond = await q('نشره الطقس', '&pagination[page]=9&pagination[pageSize]=2');
    assert.deepEqual(beyond.body.data, []);
    assert.equal(beyond.body.meta.pagination.total, 5);
    const defaults = await q('نشره الطقس');
    assert.deepEqual(defaults.body.meta.pagination, { page: 1, pageSize: 25, pageCount: 1, total: 5 });
  });

  for (const [what, query] of [
    ['no q', ''],
    ['an empty q', 'q='],
    ['a blank q', 'q=%20%20'],
    ['a q of symbols only', `q=${encodeURIComponent('!!! ؟')}`],
    ['a q over 200 characters', `q=${encodeURIComponent('ا'.repeat(201))}`],
    ['two q', 'q=a&q=b'],
    ['page 0', 'q=x&pagination[page]=0'],
    ['a page that is not a number', 'q=x&pagination[page]=abc'],
    ['pageSize over the maximum', 'q=x&pagination[pageSize]=101'],
    ['a negative pageSize', 'q=x&pagination[pageSize]=-5'],
    ['an unknown locale', 'q=x&locale=xx'],
  ] as const) {
    it(`answers 400 for ${what}`, async () => {
      const res = await search(query);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.data, null);
      assert.equal(res.body.error.name, 'ValidationError');
    });
  }
});

describe('searchText stays private', () => {
  it('is never in REST responses, even with populate=* or fields asked for', async () => {
    for (const path of ['/api/articles?populate=*', '/api/articles?locale=ar', '/api/sources?populate=*']) {
      const res = await app.http().get(path);
      assert.doesNotMatch(JSON.stringify(res.body), /searchText|searchTitle/, path);
    }
    const withFields = await app.http().get('/api/articles?fields[0]=title&fields[1]=searchText');
    assert.ok(withFields.status === 400 || !JSON.stringify(withFields.body).includes('searchText'), JSON.stringify(withFields.body));
    const one = (await app.http().get('/api/articles')).body.data[0];
    const single = await app.http().get(`/api/articles/${one.documentId}?fields[0]=searchText`);
    assert.equal(single.status, 400, 'asking for the field is an invalid key, as for any private field');
    assert.doesNotMatch(JSON.stringify(single.body), /الامن/);
  });

  it('is not a filter or a sort key for the public', async () => {
    for (const path of [
      `/api/articles?filters[searchText][$contains]=${encodeURIComponent('الامن')}`,
      `/api/articles?filters[searchTitle][$contains]=${encodeURIComponent('الامن')}`,
      `/api/articles?filters[$or][0][searchText][$null]=true`,
      '/api/articles?sort=searchText:asc',
      `/api/sources?populate[articles][filters][searchText][$contains]=x`,
    ]) {
      const res = await app.http().get(path);
      assert.equal(res.status, 400, `${path}: ${JSON.stringify(res.body).slice(0, 200)}`);
    }
  });

  it('is not writable through the API: 400, and nothing created', async () => {
    const res = await app
      .http()
      .post('/api/articles?locale=ar')
      .set(ed.auth)
      .send({ data: { title: 'عنوان بريء', searchText: 'كلمة مدسوسة' } });
    // Refused like every private field, in Strapi's error format; nothing is created or indexed.
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.name, 'ValidationError');
    assert.equal(res.body.error.details.key, 'searchText');
    assert.deepEqual(titles(await q('كلمة مدسوسة')), []);
    assert.deepEqual(titles(await q('عنوان بريء')), []);
  });

  it('is not in the GraphQL schema', async () => {
    const res = await app.http().post('/graphql').send({ query: '{ articles { searchText } }' });
    assert.ok(res.body.errors?.length > 0, JSON.stringify(res.body));
    assert.match(JSON.stringify(res.body.errors), /Cannot query field/);
  });
});

describe('the database does the matching', () => {
  it('has its index: FTS5 trigram on SQLite, pg_trgm GIN on PostgreSQL, used by the search query (MySQL: a LIKE scan, no index)', async () => {
    const knex = app.strapi.db.connection;
    // With statistics, as a database that has seen writes has them (autovacuum analyzes on PostgreSQL).
    const client = app.strapi.db.dialect.client;
    await knex.raw({ sqlite: 'ANALYZE', mysql: 'ANALYZE TABLE arabic_search_texts' }[client] ?? 'ANALYZE arabic_search_texts');
    const plan = await app.strapi.plugin('arabic').service('search').explain('الامن', 'ar');
    if (client === 'mysql') {
      // MariaDB has no trigram index: the LIKE reads every search text of the join (docs/arabic.md), in utf8mb4.
      const steps: Array<{ table: string; type: string }> = JSON.parse(plan);
      assert.deepEqual(steps.map((s) => s.table).sort(), ['a', 's'], plan);
      const [[column]] = await knex.raw(
        `SELECT CHARACTER_SET_NAME AS charset FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'arabic_search_texts' AND COLUMN_NAME = 'text'`,
      );
      assert.equal(column.charset, 'utf8mb4');
    } else if (client === 'sqlite') {
      assert.match(plan, /VIRTUAL TABLE INDEX/);
      const [{ n }] = await knex.raw('SELECT count(*) AS n FROM arabic_search_fts');
      assert.equal(Number(n), await app.strapi.db.query('api::article.article').count());
    } else {
      const { rows } = await knex.raw(`SELECT indexdef FROM pg_indexes WHERE indexname = 'arabic_search_texts_trgm'`);
      assert.match(rows[0].indexdef, /gin \(text gin_trgm_ops\)/);
      // On a handful of rows the planner rightly starts from articles; what matters is that the match can use the index.
      const bare = await knex.transaction(async (trx): Promise<{ rows: unknown[] }> => {
        await trx.raw('SET LOCAL enable_seqscan = off');
        return trx.raw(`EXPLAIN SELECT row_id FROM arabic_search_texts WHERE text LIKE ?`, ['%الامن%']);
      });
      assert.match(JSON.stringify(bare.rows), /arabic_search_texts_trgm/);
      assert.match(plan, /arabic_search_texts/);
    }
    const [{ n }] = await knex('arabic_search_texts').count({ n: '*' });
    assert.equal(Number(n), await app.strapi.db.query('api::article.article').count(), 'one search text per article row, drafts and locales included');
  });

  it('keeps the search text out of the article rows a list reads', async () => {
    const columns = Object.keys(await app.strapi.db.connection('articles').columnInfo());
    assert.ok(!columns.some((c) => /search/.test(c)), columns.join(', '));
  });
});
