import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { normalizeUrl, dedupeKeys } from '../../server/src/core/dedupe';

describe('normalizeUrl', () => {
  it('removes what does not name the article', () => {
    expect(normalizeUrl('HTTP://WWW.Example.COM:80/news/1/?utm_source=rss&utm_medium=x&fbclid=1&id=3&a=2#top')).toBe('https://example.com/news/1?a=2&id=3');
    expect(normalizeUrl('https://m.example.com/news/1/amp')).toBe('https://example.com/news/1');
    expect(normalizeUrl('https://example.com/')).toBe('https://example.com');
    expect(normalizeUrl('https://example.com/%D8%A7%D9%84')).toBe(normalizeUrl('https://example.com/ال'));
    expect(normalizeUrl('javascript:alert(1)')).toBeNull();
    expect(normalizeUrl('not a url')).toBeNull();
    expect(normalizeUrl('/rel/1', 'https://base.example/x')).toBe('https://base.example/rel/1');
  });

  const urlArb = fc.record({
    scheme: fc.constantFrom('http', 'https', 'HTTP'),
    sub: fc.constantFrom('', 'www.', 'WWW.', 'm.'),
    host: fc.constantFrom('example.com', 'Hespress.COM', 'news.example.ma'),
    path: fc.array(fc.constantFrom('a', 'ب', 'news', '2024', 'x y'), { maxLength: 4 }),
    params: fc.array(fc.tuple(fc.constantFrom('id', 'p', 'utm_source', 'utm_campaign', 'fbclid', 'gclid', 'q'), fc.constantFrom('1', '2', 'ع')), { maxLength: 4 }),
    slash: fc.boolean(),
    hash: fc.constantFrom('', '#x', '#'),
  });
  /** A URL's parts, widened to strings so a test can rewrite them (the host lower-cased, say). */
  type UrlParts = { scheme: string; sub: string; host: string; path: string[]; params: Array<[string, string]>; slash: boolean; hash: string };
  const build = (u: UrlParts) =>
    `${u.scheme}://${u.sub}${u.host}/${u.path.join('/')}${u.slash ? '/' : ''}${u.params.length ? '?' + u.params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&') : ''}${u.hash}`;

  it('is idempotent and ignores tracking parameters, case, www and order (property)', () => {
    fc.assert(
      fc.property(urlArb, (u) => {
        const raw = build(u);
        const n = normalizeUrl(raw)!;
        expect(n).not.toBeNull();
        expect(normalizeUrl(n)).toBe(n);
        expect(n).not.toMatch(/utm_|fbclid|gclid|#/);
        expect(n.startsWith('https://')).toBe(true);
        const shuffled = build({ ...u, scheme: 'https', sub: '', host: u.host.toLowerCase(), params: [...u.params].reverse().filter(([k]) => !k.startsWith('utm_')), hash: '' });
        expect(normalizeUrl(shuffled)).toBe(n);
      }),
      { numRuns: 300 },
    );
  });
});

describe('dedupeKeys', () => {
  it('uses the GUID first, then the URL, then title and date', () => {
    const date = new Date('2024-01-01T00:00:00Z');
    const a = dedupeKeys({ guid: '12345', link: 'https://x.example/1', title: 't', date });
    expect(a.by).toBe('guid');
    expect(dedupeKeys({ guid: '12345', link: 'https://x.example/other' }).guid).toBe(a.guid);
    const b = dedupeKeys({ link: 'http://www.x.example/1?utm_source=a' });
    expect(b.by).toBe('url');
    expect(b.url).toBe(dedupeKeys({ link: 'https://x.example/1' }).url);
    const c = dedupeKeys({ title: 'الحكومة  تقرر', date });
    expect(c.by).toBe('hash');
    expect(c.hash).toBe(dedupeKeys({ title: 'الحُكومة تقرر', date }).hash);
    expect(c.hash).not.toBe(dedupeKeys({ title: 'الحكومة تقرر', date: new Date('2024-01-02T00:00:00Z') }).hash);
    expect(a.guid).toMatch(/^[0-9a-f]{64}$/);
  });
});
