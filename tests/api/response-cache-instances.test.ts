/**
 * Two Strapi processes on one database, each with its response cache: a change made on
 * one (publish, edit, delete, hide, restore) is in the other's next reads within the
 * bound (a second through the shared version row without Redis; pub/sub with it), and at
 * once on the one that made it. The same data give the same ETag on both.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../helpers/strapi';
import { startInstance, type Instance } from '../helpers/instances';
import { editor } from '../helpers/content';
import { MODERATION_ENV, adminToken, ip, reporter, within } from '../helpers/moderation';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The bound for document writes: the shared version is read at most every second; the margin is for a loaded machine. */
const WRITE_BOUND_MS = 3000;
/** Hides: the hidden set's own bound (MODERATION_CACHE_TTL_MS, 2 s by default) plus the same margin. */
const HIDE_BOUND_MS = 5000;

const LIST = '/api/articles?locale=ar&populate[cover]=true&sort=publishedAt:desc';
const QUERY = '{ articles(locale: "ar", sort: "publishedAt:desc") { title } }';

for (const mode of ['database', 'redis'] as const) {
  describe(`two instances, ${mode === 'redis' ? 'Redis' : 'no Redis (shared version row)'}`, () => {
    let database: TestDatabase;
    let a: Instance;
    let b: Instance;
    let ed: ReturnType<typeof editor>;
    let moderator: Record<string, string>;
    // any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
    let source: any;
    let cover: { id: number };

    beforeAll(async () => {
      database = await createTestDatabase();
      const env: Record<string, string> = { ...MODERATION_ENV, ...(mode === 'redis' ? { REDIS_URL } : {}) };
      a = await startInstance(database, env, { NASHRA_CHILD_SETUP: 'true' });
      b = await startInstance(database, env);
      ed = editor(a.http, a.token!);
      moderator = { Authorization: `Bearer ${await adminToken(a.http, a.admin!)}` };
      source = await ed.create('sources', { name: 'اليوم 24' });
      cover = await ed.upload('two-cover.jpg', 120);
      await ed.create('articles', { title: 'الأول', source: source.documentId, cover: cover.id }, '?locale=ar');
    });

    afterAll(async () => {
      await a?.stop();
      await b?.stop();
      await database?.drop();
    });

    /** b has the list cached (a hit), so what follows tests invalidation, not a first read. */
    // any: JSON answer: supertest leaves res.body untyped; the assertions check its shape
    async function cachedOnB(url: string, send?: (i: Instance) => Promise<any>) {
      const read = send ?? ((i: Instance) => i.http().get(url));
      // A few tries: writes that follow an upload (its fingerprint) may still be moving the generation.
      for (let attempt = 0; attempt < 20; attempt++) {
        const res = await read(b);
        if (res.headers['x-cache'] === 'HIT') return res.body;
      }
      assert.fail(`no cached answer on b for ${url}`);
    }
    const titlesOn = async (i: Instance) => (await i.http().get(LIST)).body.data.map((x: { title: unknown }) => x.title);

    it('a publish, an edit and a delete on one instance are in the other\'s next reads within the bound', async () => {
      await cachedOnB(LIST);
      const second = await ed.create('articles', { title: 'الثاني', source: source.documentId }, '?locale=ar');
      assert.deepEqual(await titlesOn(a), ['الثاني', 'الأول']);
      assert.ok(await within(WRITE_BOUND_MS, async () => (await titlesOn(b))[0] === 'الثاني'), 'publish not seen on b');

      await cachedOnB(LIST);
      await ed.update('articles', second.documentId, { title: 'الثاني معدلا' }, '?locale=ar');
      assert.ok(await within(WRITE_BOUND_MS, async () => (await titlesOn(b))[0] === 'الثاني معدلا'), 'edit not seen on b');

      await cachedOnB(LIST);
      assert.equal((await a.http().delete(`/api/articles/${second.documentId}?locale=ar`).set(ed.auth)).status, 204);
      assert.ok(await within(WRITE_BOUND_MS, async () => (await titlesOn(b)).length === 1), 'delete not seen on b');
    });

    it('a hide and a restore are gone from / back in every cached answer: at once here, within the bound there', async () => {
      const coverOn = async (i: Instance) => (await i.http().get(LIST)).body.data.at(-1).cover;
      await cachedOnB(LIST);
      await a.http().get(LIST);
      assert.equal((await a.http().get(LIST)).headers['x-cache'], 'HIT');
      const report = reporter(a.http);
      for (let n = 0; n < 3; n++) assert.equal((await report(cover.id, ip(70 + n, 1))).status, 201);
      assert.equal(await coverOn(a), null);
      assert.ok(await within(HIDE_BOUND_MS, async () => (await coverOn(b)) === null), 'hide not seen on b');

      await cachedOnB(LIST);
      assert.equal((await a.http().post(`/moderation/queue/${cover.id}/restore`).set(moderator)).status, 200);
      assert.equal((await coverOn(a))?.id, cover.id);
      assert.ok(await within(HIDE_BOUND_MS, async () => (await coverOn(b))?.id === cover.id), 'restore not seen on b');
    });

    it('GraphQL, the search and the ticker on the other instance are fresh within the bound', async () => {
      const gqlTitles = async (i: Instance) => (await i.http().post('/graphql').send({ query: QUERY })).body.data.articles.map((x: { title: unknown }) => x.title);
      await cachedOnB('', (i) => i.http().post('/graphql').send({ query: QUERY }));
      const search = `/api/articles/search?q=${encodeURIComponent('زلزال')}&locale=ar`;
      assert.equal((await cachedOnB(search)).data.length, 0);
      await ed.create('tickers', { name: 'عاجل', slug: 'two-breaking', autoSources: [source.documentId] }, '?locale=ar');
      const ticker = '/api/tickers/two-breaking/items?locale=ar';
      await b.http().get(ticker);

      await ed.create('articles', { title: 'زلزال بقوة 5 درجات', source: source.documentId }, '?locale=ar');
      assert.ok(await within(WRITE_BOUND_MS, async () => (await gqlTitles(b))[0] === 'زلزال بقوة 5 درجات'), 'GraphQL not fresh on b');
      assert.ok(await within(WRITE_BOUND_MS, async () => (await b.http().get(search)).body.data.length === 1), 'search not fresh on b');
      assert.ok(
        await within(WRITE_BOUND_MS, async () => (await b.http().get(ticker)).body.data[0]?.headline === 'زلزال بقوة 5 درجات'),
        'ticker not fresh on b'
      );
    });

    it('the same data give the same ETag on both instances, and either revalidates the other\'s', async () => {
      for (const url of [LIST, '/api/tickers/two-breaking/items?locale=ar']) {
        const onA = await a.http().get(url);
        const onB = await b.http().get(url);
        assert.equal(onA.text, onB.text);
        assert.equal(onA.headers.etag, onB.headers.etag, url);
        assert.equal((await b.http().get(url).set('If-None-Match', onA.headers.etag)).status, 304);
        assert.equal((await a.http().get(url).set('If-None-Match', onB.headers.etag)).status, 304);
      }
    });
  });
}
