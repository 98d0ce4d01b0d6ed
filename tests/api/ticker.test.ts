import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { startNashra, type Nashra } from '../helpers/strapi';
import { fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';
import { freezeDate } from '../helpers/clock';

let app: Nashra;
let ed: ReturnType<typeof editor>;
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

beforeAll(async () => {
  app = await startNashra();
  ed = editor(app.http, await fullAccessToken(app.strapi));
});
afterAll(async () => app?.stop());

const items = (slug: string, query = '') => app.http().get(`/api/tickers/${slug}/items${query}`);

describe('GET /api/tickers/:slug/items', () => {
  let sport: { documentId: string };
  let yaoum: { documentId: string };
  let pinned: { documentId: string };

  beforeAll(async () => {
    yaoum = await ed.create('sources', { name: 'اليوم 24' });
    const other = await ed.create('sources', { name: 'هسبريس' });
    sport = await ed.create('categories', { name: 'رياضة' }, '?locale=ar');
    // Oldest first, so publishedAt gives a known recency order.
    await ed.create('articles', { title: 'خبر قديم من اليوم 24', source: yaoum.documentId }, '?locale=ar');
    await ed.create('articles', { title: 'خبر من مصدر آخر', source: other.documentId }, '?locale=ar');
    pinned = await ed.create('articles', { title: 'الجيش الملكي يهزم يانغ أفريكانز', source: yaoum.documentId, category: sport.documentId }, '?locale=ar');
    await ed.create('articles', { title: 'خبر حديث من اليوم 24', source: yaoum.documentId }, '?locale=ar');
    await ed.create('articles', { title: 'مسودة من اليوم 24', source: yaoum.documentId }, '?locale=ar&status=draft');
    await ed.create('articles', { title: 'Article en français', source: yaoum.documentId }, '?locale=fr');

    await ed.create(
      'tickers',
      {
        name: 'عاجل',
        slug: 'breaking',
        limit: 5,
        autoSources: [yaoum.documentId],
        items: [
          { headline: 'عاصفة "مارتا" تعلق الربط البحري', url: 'https://example.com/marta', priority: 90, expiresAt: inHours(2) },
          { headline: 'خبر انتهت صلاحيته', priority: 100, expiresAt: inHours(-1) },
          { headline: 'خبر لم يبدأ بعد', priority: 100, startsAt: inHours(1) },
          { headline: 'هدف في الدقيقة 90', article: pinned.documentId, priority: 70 },
          { headline: 'بلا أولوية' },
        ],
      },
      '?locale=ar'
    );
    await ed.create('tickers', { name: 'Flash', slug: 'breaking', items: [{ headline: 'Flash info', priority: 60 }] }, '?locale=fr');
    await ed.create('tickers', { name: 'مسودة', slug: 'draft-ticker', items: [{ headline: 'لا يظهر' }] }, '?locale=ar&status=draft');
  });

  it('merges live manual items with the rule\'s published articles, by priority then recency, up to the limit', async () => {
    const res = await items('breaking', '?locale=ar');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(
      res.body.data.map((i: { kind: unknown; headline: unknown }) => [i.kind, i.headline]),
      [
        ['manual', 'عاصفة "مارتا" تعلق الربط البحري'],
        ['manual', 'هدف في الدقيقة 90'],
        ['manual', 'بلا أولوية'],
        ['auto', 'خبر حديث من اليوم 24'],
        ['auto', 'خبر قديم من اليوم 24'],
      ]
    );
    const pinnedItem = res.body.data[1];
    assert.equal(pinnedItem.article.documentId, pinned.documentId);
    assert.equal(pinnedItem.source.name, 'اليوم 24');
    assert.equal(res.body.data[0].url, 'https://example.com/marta');
    for (const item of res.body.data) assert.ok(!Number.isNaN(Date.parse(item.publishedAt)));
    assert.equal(res.body.meta.ticker.slug, 'breaking');
  });

  it('answers a cached ticker exactly as the route does, security headers included', async () => {
    await ed.create('tickers', { name: 'نسخة', slug: 'cached-copy', items: [{ headline: 'خبر' }] }, '?locale=ar');
    const miss = await items('cached-copy', '?locale=ar');
    const hit = await items('cached-copy', '?locale=ar');
    assert.equal(hit.status, 200);
    assert.equal(hit.text, miss.text);
    for (const header of ['etag', 'cache-control', 'content-type', 'x-content-type-options', 'x-frame-options', 'x-powered-by']) {
      assert.equal(hit.headers[header], miss.headers[header], header);
    }
    assert.equal(hit.headers['x-content-type-options'], 'nosniff');
    const head = await app.http().head('/api/tickers/cached-copy/items?locale=ar');
    assert.equal(head.status, 200);
    assert.equal(head.headers.etag, miss.headers.etag);
  });

  it('defaults to Arabic and serves each locale its own ticker', async () => {
    const ar = await items('breaking');
    assert.equal(ar.body.meta.ticker.locale, 'ar');
    const fr = await items('breaking', '?locale=fr');
    assert.equal(fr.status, 200);
    assert.deepEqual(fr.body.data.map((i: { headline: unknown }) => i.headline), ['Flash info', 'Article en français']);
  });

  it('sets an ETag and a short Cache-Control, and answers 304 to If-None-Match', async () => {
    const first = await items('breaking', '?locale=ar');
    assert.match(first.headers.etag, /^"[\w-]+"$/);
    assert.match(first.headers['cache-control'], /max-age=\d+/);
    const again = await items('breaking', '?locale=ar').set('If-None-Match', first.headers.etag);
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
    const stale = await items('breaking', '?locale=ar').set('If-None-Match', '"not-the-etag"');
    assert.equal(stale.status, 200);
  });

  it('changes its answer (and ETag) as soon as an article is published', async () => {
    const before = await items('breaking', '?locale=ar');
    await ed.create('articles', { title: 'أحدث خبر عاجل', source: yaoum.documentId }, '?locale=ar');
    const after = await items('breaking', '?locale=ar');
    assert.notEqual(after.headers.etag, before.headers.etag);
    assert.ok(after.body.data.some((i: { headline: unknown }) => i.headline === 'أحدث خبر عاجل'));
    const revalidate = await items('breaking', '?locale=ar').set('If-None-Match', before.headers.etag);
    assert.equal(revalidate.status, 200);
  });

  it('drops a manual item when it expires', async () => {
    // A frozen clock: the item is live until the clock is moved past its expiry, however slow the machine.
    const clock = freezeDate(Date.now());
    try {
      const ticker = await ed.create(
        'tickers',
        { name: 'قصير', slug: 'short-lived', autoEnabled: false, items: [{ headline: 'ينتهي قريبا', expiresAt: new Date(clock.now() + 1500).toISOString() }, { headline: 'يبقى' }] },
        '?locale=ar'
      );
      assert.ok(ticker.documentId);
      const now = await items('short-lived', '?locale=ar');
      assert.deepEqual(now.body.data.map((i: { headline: unknown }) => i.headline), ['ينتهي قريبا', 'يبقى']);
      clock.advance(1499);
      const before = await items('short-lived', '?locale=ar');
      assert.deepEqual(before.body.data.map((i: { headline: unknown }) => i.headline), ['ينتهي قريبا', 'يبقى'], 'still live 1 ms before it expires');
      clock.advance(2);
      const later = await items('short-lived', '?locale=ar');
      assert.deepEqual(later.body.data.map((i: { headline: unknown }) => i.headline), ['يبقى']);
    } finally {
      clock.restore();
    }
  });

  it('filters the rule by category', async () => {
    await ed.create('tickers', { name: 'رياضة', slug: 'sport', autoCategories: [sport.documentId] }, '?locale=ar');
    const res = await items('sport', '?locale=ar');
    assert.deepEqual(res.body.data.map((i: { headline: unknown }) => i.headline), ['الجيش الملكي يهزم يانغ أفريكانز']);
  });

  it('never shows drafts: neither a draft ticker nor draft articles', async () => {
    const draft = await items('draft-ticker', '?locale=ar');
    assert.equal(draft.status, 404);
    const res = await items('breaking', '?locale=ar');
    assert.ok(!res.body.data.some((i: { headline: unknown }) => i.headline === 'مسودة من اليوم 24'));
  });

  it('answers 404 for an unknown slug and 400 for a bad slug or locale, in Strapi\'s error format', async () => {
    const unknown = await items('no-such-ticker');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.name, 'NotFoundError');
    const badLocale = await items('breaking', '?locale=xx');
    assert.equal(badLocale.status, 400);
    assert.equal(badLocale.body.error.name, 'ValidationError');
    const arrayLocale = await items('breaking', '?locale[]=ar&locale[]=fr');
    assert.equal(arrayLocale.status, 400);
    const badSlug = await items('BAD%20SLUG');
    assert.equal(badSlug.status, 400);
  });

  it('is public but read-only', async () => {
    const res = await app.http().post('/api/tickers/breaking/items').send({});
    assert.ok([404, 405].includes(res.status), String(res.status));
  });
});
