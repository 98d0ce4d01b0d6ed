// Integrity of the demo content (scripts/demo/content.ts) and the cover renderer.
// Run: node --import tsx --test tests/unit/demo-content.test.ts
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import sharp from 'sharp';

import {
  BASE_DATE,
  articles,
  categories,
  covers,
  sources,
  ticker,
  tickerItems,
} from '../../scripts/demo/content';
import { COVER_HEIGHT, COVER_WIDTH, coverSvg, renderCover } from '../../scripts/demo/covers';

const ARABIC = /[\u0600-\u06FF]/;
const TASHKEEL = /[\u064B-\u0652]/;
const TATWEEL = /\u0640/;
const HAMZA_FORMS = /[أإآؤئء]/;
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669]/;
const PERSIAN_OR_MAGHREBI = /[\u06A9\u06CC\u06AF\u06AD\u06A4]/; // ک ی گ ڭ ڤ
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/;

function assertUnique(name: string, keys: readonly string[]): void {
  const seen = new Set<string>();
  const dupes = keys.filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
  assert.deepEqual(dupes, [], `${name}: duplicate keys`);
}

function httpsUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    assert.fail(`${what}: not a URL: ${value}`);
  }
  assert.equal(url.protocol, 'https:', `${what}: not https: ${value}`);
  assert.ok(url.hostname.length > 0, `${what}: no host`);
  return url;
}

const sourceByKey = new Map<string, (typeof sources)[number]>(sources.map((s) => [s.key, s]));
const categoryKeys = new Set<string>(categories.map((c) => c.key));
const coverKeys = new Set<string>(covers.map((c) => c.key));
const articleKeys = new Set<string>(articles.map((a) => a.key));

describe('demo content', () => {
  it('keys are unique in every list', () => {
    assertUnique('sources', sources.map((s) => s.key));
    assertUnique('categories', categories.map((c) => c.key));
    assertUnique('covers', covers.map((c) => c.key));
    assertUnique('articles', articles.map((a) => a.key));
    assertUnique('source names', sources.map((s) => s.name));
    assertUnique('article originalUrls', articles.map((a) => a.originalUrl));
  });

  it('has enough sources, all well formed', () => {
    assert.ok(sources.length >= 5, `only ${sources.length} sources`);
    for (const s of sources) {
      assert.ok(s.name.trim(), `${s.key}: empty name`);
      assert.match(s.key, /^[a-z0-9-]+$/, `${s.key}: key not kebab-case`);
      httpsUrl(s.homepage, `${s.key}.homepage`);
      if (s.feedUrl !== null) {
        const feed = httpsUrl(s.feedUrl, `${s.key}.feedUrl`);
        assert.equal(feed.hostname, new URL(s.homepage).hostname, `${s.key}: feed on another host`);
      }
      assert.ok(['ar', 'fr', 'en'].includes(s.language), `${s.key}: language ${s.language}`);
      assert.match(s.country, /^[A-Z]{2}$/, `${s.key}: country`);
      assert.equal(s.active, true);
    }
    assert.ok(sources.some((s) => s.language === 'fr'), 'no French source');
    assert.ok(sources.some((s) => s.feedUrl === null), 'no source without a feed');
  });

  it('categories have ar, fr and en names', () => {
    assert.ok(categories.length >= 7);
    for (const c of categories) {
      assert.match(c.names.ar, ARABIC, `${c.key}: ar name`);
      assert.ok(c.names.fr.trim() && c.names.en.trim(), `${c.key}: fr/en name`);
    }
  });

  it('covers have a label and a hue in 0..360', () => {
    for (const c of covers) {
      assert.ok(c.label.trim(), `${c.key}: empty label`);
      assert.ok(c.hue >= 0 && c.hue <= 360, `${c.key}: hue ${c.hue}`);
    }
  });

  it('has >= 40 articles, >= 5 French, 5-6 breaking', () => {
    assert.ok(articles.length >= 40, `only ${articles.length} articles`);
    const fr = articles.filter((a) => a.locale === 'fr');
    const ar = articles.filter((a) => a.locale === 'ar');
    assert.ok(fr.length >= 5, `only ${fr.length} French articles`);
    assert.ok(ar.length >= 35, `only ${ar.length} Arabic articles`);
    const breaking = articles.filter((a) => a.breaking === true).length;
    assert.ok(breaking >= 5 && breaking <= 6, `${breaking} breaking articles`);
  });

  it('every article reference resolves and every field is well formed', () => {
    const base = Date.parse(BASE_DATE);
    const monthAgo = base - 30 * 24 * 3600 * 1000;
    for (const a of articles) {
      const where = `article ${a.key}`;
      assert.match(a.key, /^[a-z0-9-]+$/, `${where}: key not kebab-case`);
      const source = sourceByKey.get(a.sourceKey);
      assert.ok(source, `${where}: unknown source ${a.sourceKey}`);
      assert.ok(categoryKeys.has(a.categoryKey), `${where}: unknown category ${a.categoryKey}`);
      assert.ok(coverKeys.has(a.coverKey), `${where}: unknown cover ${a.coverKey}`);
      assert.ok(['ar', 'fr'].includes(a.locale), `${where}: locale ${a.locale}`);
      assert.equal(source.language, a.locale, `${where}: source language differs from locale`);

      assert.ok(a.title.trim(), `${where}: empty title`);
      assert.ok(a.excerpt.trim(), `${where}: empty excerpt`);
      assert.match(a.excerpt, /[.!?؟]$/, `${where}: excerpt does not end a sentence`);
      assert.doesNotMatch(a.excerpt, /[.!?؟]\s+\S/, `${where}: excerpt is more than one sentence`);
      assert.ok(a.paragraphs.length >= 2 && a.paragraphs.length <= 4, `${where}: ${a.paragraphs.length} paragraphs`);
      for (const p of a.paragraphs) assert.ok(p.trim().length >= 40, `${where}: short paragraph`);
      if (a.locale === 'ar') {
        assert.match(a.title, ARABIC, `${where}: Arabic title expected`);
        for (const p of a.paragraphs) assert.match(p, ARABIC, `${where}: Arabic body expected`);
      } else {
        assert.doesNotMatch(a.title, ARABIC, `${where}: French title has Arabic`);
      }

      const url = httpsUrl(a.originalUrl, `${where}.originalUrl`);
      assert.equal(url.hostname, new URL(source.homepage).hostname, `${where}: originalUrl not on the source's host`);

      assert.match(a.sourcePublishedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, `${where}: not ISO`);
      const t = Date.parse(a.sourcePublishedAt);
      assert.ok(t <= base && t >= monthAgo, `${where}: ${a.sourcePublishedAt} outside the 30 days before ${BASE_DATE}`);
      if (a.byline !== undefined) assert.ok(a.byline.trim(), `${where}: empty byline`);
    }
  });

  it('dates are spread over the month and deterministic', () => {
    const days = new Set(articles.map((a) => a.sourcePublishedAt.slice(0, 10)));
    assert.ok(days.size >= 20, `only ${days.size} distinct days`);
    const base = Date.parse(BASE_DATE);
    assert.ok(articles.some((a) => base - Date.parse(a.sourcePublishedAt) < 6 * 3600 * 1000), 'nothing recent');
    assert.ok(articles.some((a) => base - Date.parse(a.sourcePublishedAt) > 25 * 24 * 3600 * 1000), 'nothing old');
  });

  it('titles exercise Arabic normalisation and slugs', () => {
    const ar = articles.filter((a) => a.locale === 'ar').map((a) => a.title);
    for (const [name, re] of [
      ['tashkeel', TASHKEEL],
      ['tatweel', TATWEEL],
      ['hamza forms', HAMZA_FORMS],
      ['Arabic-Indic digits', ARABIC_INDIC_DIGITS],
      ['«guillemets»', /«[^»]+»/],
      ['Persian/Maghrebi letters', PERSIAN_OR_MAGHREBI],
      ['invisible/bidi marks', INVISIBLE],
      ['ASCII digits', /[0-9]/],
    ] as const) {
      assert.ok(ar.some((t) => re.test(t)), `no Arabic title with ${name}`);
    }
    // Two titles that only differ by tashkeel: the slug service must produce "-2".
    const folded = ar.map((t) => t.replace(/[\u064B-\u065F\u0670\u0640]/g, ''));
    assert.ok(folded.length > new Set(folded).size, 'no slug collision case');
  });

  it('ticker items are well formed and one is already expired', () => {
    assert.equal(ticker.slug, 'breaking');
    assert.equal(tickerItems.length, 3);
    for (const item of tickerItems) {
      assert.ok(item.headline.trim(), 'empty headline');
      httpsUrl(item.url, `ticker item ${item.headline}`);
      assert.ok(Number.isInteger(item.priority) && item.priority >= 0 && item.priority <= 100, `priority ${item.priority}`);
      if (item.startsAfterMinutes !== undefined) assert.ok(Number.isFinite(item.startsAfterMinutes));
      if (item.expiresAfterHours !== undefined) assert.ok(Number.isFinite(item.expiresAfterHours));
      if (item.startsAfterMinutes !== undefined && item.expiresAfterHours !== undefined) {
        assert.ok(item.startsAfterMinutes < item.expiresAfterHours * 60, 'expires before it starts');
      }
      if (item.articleKey !== undefined) {
        assert.ok(articleKeys.has(item.articleKey), `unknown article ${item.articleKey}`);
      }
    }
    assert.ok(tickerItems.some((i) => i.expiresAfterHours !== undefined && i.expiresAfterHours < 0), 'no expired item');
    assert.ok(
      tickerItems.some((i) => (i.expiresAfterHours === undefined || i.expiresAfterHours > 0) && (i.startsAfterMinutes ?? 0) <= 0),
      'no live item',
    );
  });
});

describe('renderCover', () => {
  const cover = covers.find((c) => c.key === 'tanger-med') ?? covers[0];

  it('returns a 1200x675 JPEG by default', async () => {
    const buf = await renderCover(cover);
    assert.ok(Buffer.isBuffer(buf));
    assert.deepEqual([...buf.subarray(0, 3)], [0xff, 0xd8, 0xff], 'JPEG magic');
    const meta = await sharp(buf).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.width, COVER_WIDTH);
    assert.equal(meta.height, COVER_HEIGHT);
    assert.equal(meta.width, 1200);
    assert.equal(meta.height, 675);
  });

  it('honours width/height and is deterministic', async () => {
    const a = await renderCover(cover, { width: 640, height: 360 });
    const b = await renderCover(cover, { width: 640, height: 360 });
    const meta = await sharp(a).metadata();
    assert.equal(meta.width, 640);
    assert.equal(meta.height, 360);
    assert.ok(a.equals(b), 'same input gave different bytes');
  });

  it('escapes labels and differs between covers', async () => {
    const svg = coverSvg({ key: 'x', label: 'A & B <c> «د»\u200f', hue: 10 });
    assert.ok(svg.includes('A &amp; B &lt;c&gt; «د»'));
    assert.ok(!svg.includes('\u200f'));
    const other = covers.find((c) => c.key !== cover.key)!;
    const [a, b] = await Promise.all([
      renderCover(cover, { width: 320, height: 180 }),
      renderCover(other, { width: 320, height: 180 }),
    ]);
    assert.ok(!a.equals(b));
  });

  it('renders every cover, with and without text', async () => {
    const sizes = await Promise.all(
      covers.map(async (c) => (await sharp(await renderCover(c, { width: 240, height: 135 })).metadata()).width),
    );
    assert.ok(sizes.every((w) => w === 240));
    const plain = await renderCover(cover, { width: 240, height: 135, text: false });
    assert.equal((await sharp(plain).metadata()).format, 'jpeg');
  });

  it('rejects bad sizes', async () => {
    await assert.rejects(renderCover(cover, { width: 0 }), RangeError);
    await assert.rejects(renderCover(cover, { height: 1.5 }), RangeError);
  });
});
