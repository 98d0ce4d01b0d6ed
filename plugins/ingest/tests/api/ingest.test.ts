/**
 * Feed ingestion end to end: a real Nashra on a real database fetching fixture feeds from a local
 * HTTP server through the admin API (POST /ingest/sources/:documentId/fetch).
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { startNashra, type Nashra } from '../../../../tests/helpers/strapi';
import { createAdminUser } from '../../../../tests/helpers/auth';
import { adminToken } from '../../../../tests/helpers/moderation';
import { startFeedServer, type FeedServer } from '../feed-server';

let app: Nashra;
let feeds: FeedServer;
let auth: Record<string, string>;
let editorAuth: Record<string, string>;

beforeAll(async () => {
  feeds = await startFeedServer();
  app = await startNashra({ env: { INGEST_ALLOW_PRIVATE_NETWORKS: 'true', INGEST_POLL: 'false', INGEST_TIMEOUT_MS: '1500', INGEST_MAX_BYTES: '200000', MODERATION_ENABLED: 'false' } });
  auth = { Authorization: `Bearer ${await adminToken(app.http, await createAdminUser(app.strapi))}` };
  editorAuth = { Authorization: `Bearer ${await adminToken(app.http, await createAdminUser(app.strapi, 'strapi-editor'))}` };
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await feeds?.close();
});

const source = async (name: string, feedPath: string, extra: Record<string, unknown> = {}) =>
  (await app.strapi.documents('api::source.source').create({ data: { name, feedUrl: `${feeds.url}${feedPath}`, ...extra } as never, status: 'published' } as never)) as unknown as { documentId: string };

const fetchNow = async (documentId: string, headers = auth) => app.http().post(`/ingest/sources/${documentId}/fetch`).set(headers);

type Article = { documentId: string; title: string; excerpt: string | null; body: unknown; originalUrl: string; sourcePublishedAt: string; locale: string; publishedAt: string | null; cover?: { mime: string } | null; slug?: string };
const articlesOf = async (sourceDocumentId: string, locale = '*') =>
  (await app.strapi.documents('api::article.article').findMany({ filters: { source: { documentId: sourceDocumentId } }, locale, status: 'draft', populate: ['cover'], sort: 'id:asc' } as never)) as unknown as Article[];

describe('formats and encodings', () => {
  it('RSS 2.0 in windows-1256 (declared in the XML only): Arabic titles, sanitized blocks, absolute links, cover through the upload service', async () => {
    const s = await source('اليوم 24', '/ar.xml');
    const res = await fetchNow(s.documentId);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'ok', httpStatus: 200, fetched: 2, created: 2, updated: 0, duplicates: 0, errors: [] });
    const [a, b] = await articlesOf(s.documentId);
    expect(a!.title).toBe('الحكومة تصادق على مشروع قانون الصحافة & النشر');
    expect(a!.locale).toBe('ar');
    expect(a!.publishedAt).toBeNull();
    expect(a!.originalUrl).toBe(`${feeds.url}/ar/news/1001?utm_source=rss&utm_medium=feed`);
    expect(a!.sourcePublishedAt).toBe('2015-02-05T10:00:00.000Z');
    const body = JSON.stringify(a!.body);
    expect(body).toContain('رقم 88.13');
    expect(body).not.toMatch(/javascript|alert|steal|data:|iframe|onerror|script/i);
    expect(body).toContain(`"url":"${feeds.url}/ar/more"`);
    expect(a!.cover?.mime).toBe('image/jpeg');
    expect(a!.slug).toBeTruthy();
    expect(b!.sourcePublishedAt).toBe('2015-02-05T00:00:00.000Z');
    expect(JSON.stringify(b!.body)).toContain('"type":"list"');
  });

  it('Atom 1.0 in French with xml:base, ETag and Last-Modified kept: the second fetch is a 304', async () => {
    const s = await source('Le Journal', '/fr.atom', { language: 'fr' });
    const first = await fetchNow(s.documentId);
    expect(first.body.data).toMatchObject({ status: 'ok', created: 1 });
    const [a] = await articlesOf(s.documentId);
    expect(a).toMatchObject({ title: 'Le gouvernement adopte la réforme de la presse', locale: 'fr', originalUrl: `${feeds.url}/fr/articles/5001` });
    expect(JSON.stringify(a!.body)).toContain('"type":"heading"');
    expect(JSON.stringify(a!.body)).toContain('"type":"quote"');
    const second = await fetchNow(s.documentId);
    expect(second.body.data).toMatchObject({ status: 'not-modified', httpStatus: 304, fetched: 0, created: 0 });
  });

  it('JSON Feed 1.1 over gzip, RSS 1.0 in ISO-8859-6, RSS 0.91 in UTF-16 with a BOM', async () => {
    const json = await source('JSON Wire', '/feed.json');
    expect((await fetchNow(json.documentId)).body.data).toMatchObject({ status: 'ok', created: 2 });
    expect((await articlesOf(json.documentId)).map((a) => a.title)).toEqual(['خبر عاجل من الوكالة', 'خبر ثان']);
    const rdf = await source('RDF', '/rss1.rdf');
    expect((await fetchNow(rdf.documentId)).body.data).toMatchObject({ created: 1 });
    expect((await articlesOf(rdf.documentId))[0]!.title).toBe('مقال بترميز ISO');
    const u16 = await source('UTF16', '/utf16.xml');
    expect((await fetchNow(u16.documentId)).body.data).toMatchObject({ created: 1 });
    expect((await articlesOf(u16.documentId))[0]!.title).toBe('مقال بترميز UTF-16');
  });

  it('pictures of the body are stored through the upload service and become image blocks', async () => {
    const s = await source('JSON pictures', '/feed.json');
    expect((await fetchNow(s.documentId)).body.data.created).toBe(2);
    const [a] = await articlesOf(s.documentId);
    const image = (a!.body as { type: string; image?: { mime: string; url: string; alternativeText: string } }[]).find((b) => b.type === 'image');
    expect(image?.image).toMatchObject({ mime: 'image/jpeg', alternativeText: 'صورة الاجتماع' });
    expect(image!.image!.url).toMatch(/^\/uploads\//);
  });

  it('fullText: a summary-only item gets its page\'s main text (a short Arabic wire story, page in windows-1256)', async () => {
    const s = await source('Summaries', '/summary.xml', { fullText: true });
    expect((await fetchNow(s.documentId)).body.data.created).toBe(1);
    const [a] = await articlesOf(s.documentId);
    const body = JSON.stringify(a!.body);
    expect(body).toContain('إطلاق برنامج جديد لدعم المقاولات الصغرى');
    expect(body).not.toContain('جميع الحقوق محفوظة');
    expect(a!.excerpt).toBe('ملخص قصير.');
  });

  it('a feed labelled UTF-8 that is windows-1256 is decoded anyway, and the status says so', async () => {
    const s = await source('Mislabelled', '/mislabelled.xml');
    const res = await fetchNow(s.documentId);
    expect(res.body.data.created).toBe(2);
    expect(res.body.data.warnings.join(' ')).toMatch(/windows-1256/);
    expect((await articlesOf(s.documentId))[0]!.title).toContain('الحكومة تصادق');
  });

  it('a malformed, truncated feed gives what can be read, as a partial run', async () => {
    const s = await source('Broken', '/malformed.xml');
    const res = await fetchNow(s.documentId);
    expect(res.body.data).toMatchObject({ status: 'partial', created: 2 });
    expect(res.body.data.warnings.join(' ')).toMatch(/truncated|malformed/);
    expect((await articlesOf(s.documentId)).map((a) => a.title)).toEqual(['عنوان سليم & أمبرساند عار', 'الثاني']);
  });
});

describe('once each', () => {
  it('dedupes by GUID: a second fetch creates nothing', async () => {
    const s = await source('Again', '/ar.xml');
    expect((await fetchNow(s.documentId)).body.data.created).toBe(2);
    expect((await fetchNow(s.documentId)).body.data).toMatchObject({ created: 0, duplicates: 2 });
    expect(await articlesOf(s.documentId)).toHaveLength(2);
  });

  it('dedupes by normalized URL (tracking parameters change) and by title + date (no GUID, no link)', async () => {
    const s = await source('No GUIDs', '/by-url.xml');
    feeds.vars.VARIANT = 'first';
    feeds.vars.VARIANT_BODY = 'a';
    expect((await fetchNow(s.documentId)).body.data.created).toBe(2);
    feeds.vars.VARIANT = 'second';
    feeds.vars.VARIANT_BODY = 'b';
    const again = await fetchNow(s.documentId);
    expect(again.body.data.created).toBe(0);
    expect(again.body.data.duplicates + again.body.data.updated).toBe(2);
    expect(await articlesOf(s.documentId)).toHaveLength(2);
  });

  it('a changed item updates its draft; a published article is updated unless an editor edited it', async () => {
    feeds.vars.TITLE_VERSION = 'النسخة الأولى';
    feeds.vars.BODY_VERSION = 'نص أول';
    const s = await source('Changing', '/changing.xml', { autoPublish: true });
    expect((await fetchNow(s.documentId)).body.data.created).toBe(1);
    const [a] = await articlesOf(s.documentId);
    const live = await app.strapi.documents('api::article.article').findOne({ documentId: a!.documentId, locale: 'ar', status: 'published' } as never);
    expect(live).not.toBeNull();
    feeds.vars.TITLE_VERSION = 'النسخة الثانية';
    expect((await fetchNow(s.documentId)).body.data).toMatchObject({ updated: 1, created: 0 });
    const published = (await app.strapi.documents('api::article.article').findOne({ documentId: a!.documentId, locale: 'ar', status: 'published' } as never)) as unknown as Article;
    expect(published.title).toBe('النسخة الثانية');
    // The body's picture is still the one stored the first time (not a link, not a second upload).
    const imageUrl = (body: unknown) => (body as { type: string; image?: { url: string } }[]).find((b) => b.type === 'image')?.image?.url;
    expect(imageUrl(published.body)).toBeTruthy();
    expect(imageUrl(published.body)).toBe(imageUrl(a!.body));
    // An editor edits it; the source changes it again: the editor's version stays.
    await new Promise((r) => setTimeout(r, 2100));
    await app.strapi.documents('api::article.article').update({ documentId: a!.documentId, locale: 'ar', data: { title: 'عنوان المحرر' } } as never);
    feeds.vars.TITLE_VERSION = 'النسخة الثالثة';
    const third = await fetchNow(s.documentId);
    expect(third.body.data).toMatchObject({ updated: 0, created: 0, duplicates: 1 });
    expect(third.body.data.warnings.join(' ')).toMatch(/editor/);
    const draft = (await app.strapi.documents('api::article.article').findOne({ documentId: a!.documentId, locale: 'ar', status: 'draft' } as never)) as unknown as Article;
    expect(draft.title).toBe('عنوان المحرر');
  }, 30_000);

  it('a crash between claim and save loses nothing and doubles nothing', async () => {
    const s = await source('Crashy', '/feed.json');
    // The second article's write fails mid-transaction, as a crash would leave it: its claim rolls back.
    let failOn: string | null = 'خبر ثان';
    app.strapi.documents.use(async (ctx, next) => {
      const data = (ctx.params as { data?: { title?: string } }).data;
      if (ctx.uid === 'api::article.article' && ctx.action === 'create' && failOn && data?.title === failOn) throw new Error('simulated crash');
      return next();
    });
    const first = await fetchNow(s.documentId);
    expect(first.body.data).toMatchObject({ created: 1, status: 'partial' });
    failOn = null;
    const second = await fetchNow(s.documentId);
    expect(second.body.data).toMatchObject({ created: 1, duplicates: 1 });
    expect((await articlesOf(s.documentId)).map((a) => a.title).sort()).toEqual(['خبر ثان', 'خبر عاجل من الوكالة']);
    // The state write fails after the items were stored (crash before saving the ETag): the next run finds them all.
    const store = app.strapi.plugin('ingest').service('store') as { release: (...a: unknown[]) => Promise<void> };
    const release = store.release;
    store.release = async () => {
      store.release = release;
      throw new Error('simulated crash before the state is saved');
    };
    await fetchNow(s.documentId);
    // The lease is still held by the "crashed" run until it expires.
    expect((await fetchNow(s.documentId)).status).toBe(409);
    await app.strapi.db.query('plugin::ingest.feed-state' as never).update({ where: { sourceDocumentId: s.documentId }, data: { leaseUntil: 0 } });
    expect((await fetchNow(s.documentId)).body.data).toMatchObject({ created: 0, duplicates: 2 });
    expect(await articlesOf(s.documentId)).toHaveLength(2);
  });
});

describe('fetching politely and safely', () => {
  it('429 with Retry-After backs the source off for at least that long', async () => {
    const s = await source('Limited', '/limited.xml');
    const res = await fetchNow(s.documentId);
    expect(res.body.data).toMatchObject({ status: 'rate-limited', httpStatus: 429, created: 0 });
    const list = await app.http().get('/ingest/sources').set(auth);
    const row = list.body.data.find((x: { documentId: string }) => x.documentId === s.documentId);
    expect(new Date(row.nextPollAt).getTime()).toBeGreaterThanOrEqual(Date.now() + 110_000);
    expect(row).toMatchObject({ httpStatus: 429, status: 'rate-limited', failures: 1 });
    expect(row.lastError).toMatch(/429/);
  });

  it('follows a permanent redirect and keeps the new address', async () => {
    const s = await source('Moved', '/moved.xml');
    const res = await fetchNow(s.documentId);
    expect(res.body.data).toMatchObject({ status: 'ok', created: 1 });
    const state = (await app.strapi.db.query('plugin::ingest.feed-state' as never).findOne({ where: { sourceDocumentId: s.documentId } })) as { feedUrl: string };
    expect(state.feedUrl).toBe(`${feeds.url}/fr.atom`);
  });

  it('a slow feed times out, an oversized one is refused; both are errors with a reason', async () => {
    const slow = await source('Slow', '/slow.xml');
    expect((await fetchNow(slow.documentId)).body.data).toMatchObject({ status: 'error', errors: [expect.stringMatching(/within 1500 ms/)] });
    const huge = await source('Huge', '/huge.xml');
    expect((await fetchNow(huge.documentId)).body.data).toMatchObject({ status: 'error', errors: [expect.stringMatching(/exceeds 200000 bytes/)] });
  });

  it('a second fetch while one is running answers 409', async () => {
    const s = await source('Slow twice', '/slow.xml');
    const [a, b] = await Promise.all([fetchNow(s.documentId), new Promise((r) => setTimeout(r, 200)).then(() => fetchNow(s.documentId))]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(b.body.error).toMatchObject({ status: 409 });
  });

  it('refuses private and loopback addresses unless allowed', async () => {
    const s = await source('Private', '/fr.atom');
    app.strapi.config.set('plugin::ingest.allowPrivateNetworks', false);
    try {
      const res = await fetchNow(s.documentId);
      expect(res.body.data).toMatchObject({ status: 'blocked', created: 0, errors: [expect.stringMatching(/private, loopback or link-local/)] });
    } finally {
      app.strapi.config.set('plugin::ingest.allowPrivateNetworks', true);
    }
    expect(feeds.hits.get('/fr.atom')).toBe(3);
  });
});

describe('admin API', () => {
  it('lists sources with their feed status and the items of the last run', async () => {
    const list = await app.http().get('/ingest/sources').set(auth);
    expect(list.status).toBe(200);
    const row = list.body.data.find((x: { name: string }) => x.name === 'JSON Wire');
    expect(row).toMatchObject({ httpStatus: 200, status: 'ok', seen: 2, created: 2, duplicates: 0, lastError: null });
    expect(row.lastRun.map((i: { outcome: string }) => i.outcome)).toEqual(['created', 'created']);
    const items = await app.http().get(`/ingest/sources/${row.documentId}/items`).set(auth);
    expect(items.status).toBe(200);
    expect(items.body.data).toHaveLength(2);
    expect(items.body.data[0].articleDocumentId).toBeTruthy();
  });

  it('answers 4xx in Strapi error format: unknown source, bad id, no permission, no token', async () => {
    expect((await fetchNow('nosuchsourcexxxxxxxxxxxx')).status).toBe(404);
    const bad = await app.http().post('/ingest/sources/BAD!/fetch').set(auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect((await app.http().get('/ingest/sources').set(editorAuth)).status).toBe(403);
    expect((await app.http().get('/ingest/sources')).status).toBe(401);
  });
});
