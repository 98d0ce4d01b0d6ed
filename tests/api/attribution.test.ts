import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { startNashra, type Nashra } from '../helpers/strapi';
import { fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';

let app: Nashra;
let ed: ReturnType<typeof editor>;
let casablanca: { documentId: string };
let newYork: { documentId: string };
/** 23:30 UTC on 5 June 2025: already the 6th in Casablanca (UTC+1 outside Ramadan), still the 5th in New York. */
const NEAR_MIDNIGHT = '2025-06-05T23:30:00.000Z';

beforeAll(async () => {
  app = await startNashra();
  ed = editor(app.http, await fullAccessToken(app.strapi));
  casablanca = await ed.create('sources', { name: 'اليوم 24', homepage: 'https://alyaoum24.example' });
  newYork = await ed.create('sources', { name: 'Wire NY', homepage: 'https://wire.example', timeZone: 'America/New_York' });
});

afterAll(async () => app?.stop());

const article = (locale: string, source: { documentId: string } | null, extra: Record<string, unknown> = {}) =>
  ed.create('articles', { title: `خبر ${Math.random()}`, source: source?.documentId ?? null, originalUrl: 'https://alyaoum24.example/news/1', sourcePublishedAt: NEAR_MIDNIGHT, ...extra }, `?locale=${locale}`);

describe('attribution in REST', () => {
  it('labels an Arabic article in Arabic, dated in the source time zone (findOne, without populate)', async () => {
    const a = await article('ar', casablanca);
    const res = await app.http().get(`/api/articles/${a.documentId}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.data.attribution, {
      label: 'نشر في اليوم 24 يوم 06 - 06 - 2025',
      sourceName: 'اليوم 24',
      homepage: 'https://alyaoum24.example',
      originalUrl: 'https://alyaoum24.example/news/1',
      sourcePublishedAt: NEAR_MIDNIGHT,
    });
    assert.equal(res.body.data.source, undefined, 'the source itself is not populated unless asked for');
  });

  it('labels French and English articles in their language', async () => {
    const fr = await article('fr', casablanca);
    const en = await article('en', casablanca);
    const frRes = await app.http().get(`/api/articles/${fr.documentId}?locale=fr`);
    const enRes = await app.http().get(`/api/articles/${en.documentId}?locale=en`);
    assert.equal(frRes.body.data.attribution.label, 'Publié dans اليوم 24 le 06 - 06 - 2025');
    assert.equal(enRes.body.data.attribution.label, 'Published in اليوم 24 on 06 - 06 - 2025');
  });

  it('uses each source\'s own time zone', async () => {
    const a = await article('ar', newYork);
    const res = await app.http().get(`/api/articles/${a.documentId}`);
    assert.equal(res.body.data.attribution.label, 'نشر في Wire NY يوم 05 - 06 - 2025');
  });

  it('is in every item of the list, with or without populate, and in fields-limited lists', async () => {
    await article('ar', casablanca);
    for (const path of ['/api/articles?locale=ar', '/api/articles?locale=ar&populate=*', '/api/articles?locale=ar&fields[0]=title']) {
      const res = await app.http().get(path);
      assert.equal(res.status, 200);
      assert.ok(res.body.data.length >= 2);
      for (const item of res.body.data) {
        assert.ok(item.attribution, `${path}: ${JSON.stringify(item)}`);
        if (item.attribution.sourceName === 'اليوم 24') assert.match(item.attribution.label, /^نشر في اليوم 24 يوم 06 - 06 - 2025$/);
      }
    }
  });

  it('looks the sources up in one query for a whole list, not one per article', async () => {
    for (let i = 0; i < 6; i++) await article('ar', i % 2 ? casablanca : newYork);
    const knex = app.strapi.db.connection;
    const sourceQueries: string[] = [];
    // The attribution's lookup names the source's time zone column. Strapi's own event payloads
    // (entry.create/publish of the articles just written) may still be loading their sources in
    // the background with `select *`: those are not this request's and are left out.
    const listen = (q: { sql: string }) => {
      if (/\bsources\b/.test(q.sql) && /time_zone/.test(q.sql)) sourceQueries.push(q.sql);
    };
    knex.on('query', listen);
    try {
      const res = await app.http().get('/api/articles?locale=ar&pagination[pageSize]=50');
      assert.ok(res.body.data.length >= 8);
      assert.ok(res.body.data.every((a: { attribution: unknown }) => a.attribution));
    } finally {
      knex.off('query', listen);
    }
    assert.equal(sourceQueries.length, 1, sourceQueries.join('\n'));
  });

  it('gives an article without source a null label but its link', async () => {
    const a = await article('ar', null);
    const res = await app.http().get(`/api/articles/${a.documentId}`);
    assert.deepEqual(res.body.data.attribution, {
      label: null, sourceName: null, homepage: null, originalUrl: 'https://alyaoum24.example/news/1', sourcePublishedAt: NEAR_MIDNIGHT,
    });
  });

  it('labels without a date when the source date is unknown', async () => {
    const a = await article('ar', casablanca, { sourcePublishedAt: null });
    const res = await app.http().get(`/api/articles/${a.documentId}`);
    assert.equal(res.body.data.attribution.label, 'نشر في اليوم 24');
  });
});

describe('attribution in GraphQL', () => {
  it('is a field of Article, readable by the public, in each locale', async () => {
    const ar = await article('ar', casablanca, { title: 'مقال للغراف' });
    const fr = await article('fr', casablanca, { title: 'Article GraphQL' });
    const query = `query ($locale: I18NLocaleCode) { articles(locale: $locale, pagination: { limit: 100 }) {
      documentId attribution { label sourceName homepage originalUrl sourcePublishedAt } } }`;
    const arRes = await app.http().post('/graphql').send({ query, variables: { locale: 'ar' } });
    assert.equal(arRes.body.errors, undefined, JSON.stringify(arRes.body.errors));
    const found = arRes.body.data.articles.find((a: { documentId: unknown }) => a.documentId === ar.documentId);
    assert.deepEqual(found.attribution, {
      label: 'نشر في اليوم 24 يوم 06 - 06 - 2025',
      sourceName: 'اليوم 24',
      homepage: 'https://alyaoum24.example',
      originalUrl: 'https://alyaoum24.example/news/1',
      sourcePublishedAt: NEAR_MIDNIGHT,
    });
    const frRes = await app.http().post('/graphql').send({ query, variables: { locale: 'fr' } });
    const frFound = frRes.body.data.articles.find((a: { documentId: unknown }) => a.documentId === fr.documentId);
    assert.equal(frFound.attribution.label, 'Publié dans اليوم 24 le 06 - 06 - 2025');
    const one = await app.http().post('/graphql').send({ query: `{ article(documentId: "${ar.documentId}") { attribution { label } } }` });
    assert.equal(one.body.data.article.attribution.label, 'نشر في اليوم 24 يوم 06 - 06 - 2025');
  });
});
