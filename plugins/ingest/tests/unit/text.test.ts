import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { sanitizeFeedHtml, htmlToBlocks, plainText, foldText, firstImage } from '../../server/src/core/html';

const DANGER = /<script|javascript:|vbscript:|data:|\son\w+\s*=|<iframe|<object|<embed|<style|srcdoc|<svg|<form|<xmp/i;

describe('sanitizeFeedHtml', () => {
  it('drops scripts with their text, handlers and dangerous URLs, keeps structure', () => {
    const out = sanitizeFeedHtml(
      '<p dir="rtl" style="color:red" onclick="x()">نص <a href="javascript:alert(1)">a</a> <a href=" JaVa\tScRiPt:alert(1)">b</a> <a href="/rel">c</a></p>' +
        '<script>alert("x")</script><img src="data:image/png;base64,AAAA"><img src="/pic.jpg" onerror="x()"><iframe src="https://evil"></iframe>' +
        '<xmp><script>alert(1)</script></xmp><h2>عنوان</h2><blockquote>قول</blockquote><ol><li>1</li></ol>',
      'https://news.example/a/1',
    );
    expect(out).not.toMatch(DANGER);
    expect(out).not.toContain('alert');
    expect(out).toContain('<p dir="rtl">');
    expect(out).toContain('href="https://news.example/rel"');
    expect(out).toContain('<img src="https://news.example/pic.jpg" />');
    expect(out).toContain('<h2>عنوان</h2>');
    expect(out).toContain('<blockquote>قول</blockquote>');
  });

  it('takes lazy images at their real source and drops tracking pixels', () => {
    const out = sanitizeFeedHtml('<img data-src="https://cdn.example/real.jpg" src="data:image/gif;base64,R0l"><img src="https://t.example/p.gif" width="1" height="1">');
    expect(out).toBe('<img src="https://cdn.example/real.jpg" />');
  });

  it('no dangerous construct survives generated HTML (property)', () => {
    const tag = fc.constantFrom('p', 'a', 'img', 'script', 'iframe', 'svg', 'math', 'style', 'xmp', 'object', 'form', 'div', 'span', 'b', 'noscript', 'template', 'textarea');
    const attr = fc.constantFrom('href', 'src', 'onclick', 'onerror', 'style', 'srcdoc', 'data-src', 'xlink:href', 'formaction', 'dir');
    const value = fc.constantFrom('javascript:alert(1)', ' jav&#x09;ascript:alert(1)', 'JAVASCRIPT:x', 'data:text/html,<script>x</script>', 'vbscript:x', '//evil.example/x', 'https://ok.example/x', 'alert(1)', '&#106;avascript:x', 'java\u0000script:x');
    const element = fc.tuple(tag, fc.array(fc.tuple(attr, value), { maxLength: 3 }), fc.constantFrom('', 'x', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', ']]>'));
    fc.assert(
      fc.property(fc.array(element, { maxLength: 6 }), (elements) => {
        const html = elements.map(([t, attrs, inner]) => `<${t} ${attrs.map(([a, v]) => `${a}="${v}"`).join(' ')}>${inner}</${t}>`).join('');
        const out = sanitizeFeedHtml(html, 'https://base.example/');
        expect(out).not.toMatch(DANGER);
        expect(out).not.toMatch(/href="(?!https?:|mailto:|tel:)/);
        expect(out).not.toMatch(/src="(?!https?:)/);
        // Nor does anything dangerous come back once the blocks are built from it.
        expect(JSON.stringify(htmlToBlocks(out))).not.toMatch(/javascript:|data:|<script/i);
      }),
      { numRuns: 300 },
    );
  });
});

describe('htmlToBlocks', () => {
  it('keeps paragraphs, headings, lists, quotes, links, marks, images and dir', () => {
    const blocks = htmlToBlocks(
      sanitizeFeedHtml('<h3 dir="rtl">عنوان</h3><p>نص <strong>غامق</strong> و<a href="https://x.example/">رابط</a></p><ul><li>أ</li><li>ب<ol><li>ج</li></ol></li></ul><blockquote><p>قول</p></blockquote><p><img src="https://x.example/i.jpg" alt="صورة"></p>bare text'),
    );
    expect(blocks).toEqual([
      { type: 'heading', level: 3, dir: 'rtl', children: [{ type: 'text', text: 'عنوان' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'نص ' }, { type: 'text', text: 'غامق', bold: true }, { type: 'text', text: ' و' }, { type: 'link', url: 'https://x.example/', children: [{ type: 'text', text: 'رابط' }] }] },
      { type: 'list', format: 'unordered', children: [
        { type: 'list-item', children: [{ type: 'text', text: 'أ' }] },
        { type: 'list-item', children: [{ type: 'text', text: 'ب' }] },
        { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'ج' }] }] },
      ] },
      { type: 'quote', children: [{ type: 'text', text: 'قول' }] },
      { type: 'pending-image', src: 'https://x.example/i.jpg', alt: 'صورة' },
      { type: 'paragraph', children: [{ type: 'text', text: 'bare text' }] },
    ]);
  });

  it('gives no empty block for empty or whitespace-only elements', () => {
    expect(htmlToBlocks('<p> </p><div>\n</div><ul><li></li></ul>')).toEqual([]);
  });
});

describe('plainText', () => {
  it('decodes entities once, strips tags and folds invisible characters', () => {
    expect(plainText('الحكومة &amp; البرلمان&hellip; <b>غامق</b>\u200f\u200b  &nbsp;نص')).toBe('الحكومة & البرلمان… غامق نص');
    expect(plainText('<![CDATA[x]]>')).toBe('');
    expect(plainText('a &amp;quot;b&amp;quot;')).toBe('a "b"');
    expect(plainText('<p>a</p><p>b</p><script>alert(1)</script>')).toBe('a b');
  });

  it('folds whitespace and joiners', () => {
    expect(foldText('  a\u00a0\u2003b\u00ad c\ufeff ')).toBe('a b c');
  });

  it('finds the first image', () => {
    expect(firstImage('<p>x</p><img src="https://a.example/1.jpg?a=1&amp;b=2" />')).toBe('https://a.example/1.jpg?a=1&b=2');
  });
});
