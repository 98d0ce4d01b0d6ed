import { describe, it, expect } from '@jest/globals';
import { parseFeed } from '../../server/src/core/parse';
import { toArticleDraft } from '../../server/src/core/draft';

const ctx = { feedUrl: 'https://news.example/feed', feedLanguage: null, sourceLanguage: 'ar', timeZone: 'Africa/Casablanca', now: new Date('2024-06-01T12:00:00Z') };

describe('parseFeed', () => {
  it('reads RSS 2.0 with CDATA, entities, xml:base, enclosures and media', async () => {
    const f = await parseFeed(`<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xml:base="https://news.example/ar/"><channel><title>أخبار</title><link>https://news.example/</link><language>ar-MA</language>
      <item><title>خبر &amp; تعليق&hellip;</title><link>article/1</link><guid isPermaLink="false">id-1</guid><pubDate>Wed, 29 May 2024 10:00:00 GMT</pubDate>
      <description><![CDATA[<p>نص <a href="../rel">رابط</a></p>]]></description><media:content url="https://cdn.example/1.jpg" medium="image" type="image/jpeg"/></item>
      <item><title>ثان</title><link>https://news.example/2</link><enclosure url="https://cdn.example/2.png" type="image/png" length="100"/></item>
      </channel></rss>`, 'https://news.example/feed');
    expect(f.format).toBe('rss');
    expect(f.language).toBe('ar-MA');
    expect(f.items).toHaveLength(2);
    const [a, b] = f.items;
    expect(a!.title).toBe('خبر & تعليق…');
    expect(a!.link).toBe('https://news.example/ar/article/1');
    expect(a!.guid).toBe('id-1');
    expect(a!.contentHtml).toContain('href="https://news.example/rel"');
    expect(b!.guid).toBeNull();
    const d = toArticleDraft(a!, { ...ctx, feedLanguage: f.language });
    expect(d).toMatchObject({ title: 'خبر & تعليق…', originalUrl: 'https://news.example/ar/article/1', coverUrl: 'https://cdn.example/1.jpg', locale: 'ar' });
    expect(toArticleDraft(b!, ctx)).toMatchObject({ coverUrl: 'https://cdn.example/2.png', keys: { by: 'url' } });
  });

  it('reads RSS 0.91, RSS 1.0 (RDF) and Atom 1.0', async () => {
    const r091 = await parseFeed('<rss version="0.91"><channel><title>t</title><link>https://a.example/</link><item><title>one</title><link>https://a.example/1</link><description>d</description></item></channel></rss>', 'https://a.example/rss');
    expect(r091.items.map((i) => i.title)).toEqual(['one']);
    const rdf = await parseFeed('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://b.example/"><title>t</title><link>https://b.example/</link></channel><item rdf:about="https://b.example/1"><title>un</title><link>https://b.example/1</link><dc:date>2024-05-01T10:00:00+01:00</dc:date><dc:language>fr</dc:language></item></rdf:RDF>', 'https://b.example/rdf');
    expect(rdf.format).toBe('rdf');
    expect(rdf.items[0]!.title).toBe('un');
    expect(rdf.items[0]!.date?.toISOString()).toBe('2024-05-01T09:00:00.000Z');
    const atom = await parseFeed('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr" xml:base="https://c.example/blog/"><title>t</title><link href="https://c.example/"/><entry><title type="html">&lt;b&gt;Titre&lt;/b&gt;</title><id>tag:c.example,2024:1</id><link rel="alternate" href="posts/1"/><published>2024-05-02T08:00:00Z</published><content type="html">&lt;p&gt;Texte&lt;/p&gt;</content></entry></feed>', 'https://c.example/atom');
    expect(atom.format).toBe('atom');
    expect(atom.items[0]).toMatchObject({ guid: 'tag:c.example,2024:1', link: 'https://c.example/blog/posts/1' });
    const d = toArticleDraft(atom.items[0]!, { ...ctx, feedLanguage: 'fr' });
    expect(d).toMatchObject({ title: 'Titre', locale: 'fr', body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Texte' }] }] });
  });

  it('reads JSON Feed 1.1', async () => {
    const f = await parseFeed(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', home_page_url: 'https://j.example/', language: 'fr', items: [{ id: 7, url: '/p/7', title: 'Sept', content_text: 'a\n\nb', date_published: '2024-05-03T10:00:00+02:00', image: '/i.jpg', authors: [{ name: 'A' }] }, 'junk'] }), 'https://j.example/feed.json');
    expect(f.format).toBe('json');
    expect(f.items[0]).toMatchObject({ guid: '7', link: 'https://j.example/p/7', imageUrl: 'https://j.example/i.jpg', author: 'A', language: 'fr' });
    expect(f.warnings.join()).toMatch(/not an object/);
    expect(toArticleDraft(f.items[0]!, ctx)).toMatchObject({ locale: 'fr', body: [{ type: 'paragraph' }, { type: 'paragraph' }], sourcePublishedAt: new Date('2024-05-03T08:00:00Z') });
  });

  it('gives what it can of a malformed or truncated feed, with warnings, never a throw', async () => {
    const bad = await parseFeed('garbage<rss><channel><item><title>a & b</title><link>https://x.example/1</link></item><item><title>b</title><link>https://x.example/2</link></item><item><title>c', 'https://x.example/');
    expect(bad.items.map((i) => i.title)).toEqual(['a & b', 'b']);
    expect(bad.warnings.join()).toMatch(/truncated|malformed/);
    expect((await parseFeed('<html><body>not a feed</body></html>', 'https://x.example/')).warnings.join()).toMatch(/not a feed/);
    expect((await parseFeed('{"items": [', 'https://x.example/')).warnings.join()).toMatch(/malformed JSON/);
    expect((await parseFeed('', 'https://x.example/')).items).toEqual([]);
  });

  it('dates: Arabic forms, missing zones, future dates', async () => {
    const f = await parseFeed('<rss version="2.0"><channel><item><title>a</title><link>https://x.example/1</link><pubDate>يوم الخميس 05 - 02 - 2015</pubDate></item><item><title>b</title><link>https://x.example/2</link><pubDate>2030-01-01T00:00:00Z</pubDate></item><item><title>c</title><link>https://x.example/3</link><pubDate>٥ فبراير ٢٠١٥ 10:30</pubDate></item></channel></rss>', 'https://x.example/');
    const [a, b, c] = f.items.map((i) => toArticleDraft(i, ctx));
    expect(a).toMatchObject({ sourcePublishedAt: new Date('2015-02-05T00:00:00Z') });
    expect(b).toMatchObject({ sourcePublishedAt: ctx.now });
    expect((b as { warnings: string[] }).warnings.join()).toMatch(/future/);
    expect(c).toMatchObject({ sourcePublishedAt: new Date('2015-02-05T10:30:00Z') });
  });

  it('skips an item with neither title nor text, titles one without a title', async () => {
    const f = await parseFeed('<rss version="2.0"><channel><item><link>https://x.example/1</link></item><item><description>الرباط - نص الخبر القصير</description><link>https://x.example/2</link></item></channel></rss>', 'https://x.example/');
    expect(toArticleDraft(f.items[0]!, ctx)).toEqual({ skipped: expect.any(String) });
    expect(toArticleDraft(f.items[1]!, ctx)).toMatchObject({ title: 'الرباط - نص الخبر القصير' });
  });
});
