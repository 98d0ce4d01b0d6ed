import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { decodeBody, canonicalCharset } from '../../server/src/core/decode';

const ARABIC = 'الحكومة المغربية تصادق على مشروع قانون الصحافة والنشر';
const xml = (enc?: string) => `<?xml version="1.0"${enc ? ` encoding="${enc}"` : ''}?><rss><channel><title>${ARABIC}</title></channel></rss>`;

describe('decodeBody', () => {
  it('reads windows-1256 from the XML declaration, the header, or neither', () => {
    const bytes = iconv.encode(xml('windows-1256'), 'windows-1256');
    expect(decodeBody(bytes, 'application/rss+xml').text).toContain(ARABIC);
    const bare = iconv.encode(xml(), 'windows-1256');
    const fromHeader = decodeBody(bare, 'text/xml; charset=windows-1256');
    expect(fromHeader).toMatchObject({ charset: 'windows-1256', from: 'http' });
    expect(fromHeader.text).toContain(ARABIC);
    const unlabelled = decodeBody(bare, 'text/xml');
    expect(unlabelled.text).toContain(ARABIC);
    expect(unlabelled.warnings.join()).toMatch(/windows-1256/);
  });

  it('lets the header win over the document, and says so', () => {
    const bytes = iconv.encode(xml('utf-8'), 'windows-1256');
    const d = decodeBody(bytes, 'text/xml; charset="cp1256"');
    expect(d.text).toContain(ARABIC);
    expect(d.warnings.join()).toMatch(/header wins/);
  });

  it('reads ISO-8859-6, UTF-16 with and without BOM, and a UTF-8 BOM', () => {
    expect(decodeBody(iconv.encode(xml('ISO-8859-6'), 'iso-8859-6')).text).toContain(ARABIC);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(xml('UTF-16'), 'utf-16le')]);
    expect(decodeBody(le)).toMatchObject({ charset: 'utf-16le', from: 'bom' });
    expect(decodeBody(le).text.startsWith('<?xml')).toBe(true);
    const be = iconv.encode(xml('UTF-16'), 'utf-16be');
    expect(decodeBody(be).text).toContain(ARABIC);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml('windows-1256'))]);
    expect(decodeBody(bom).text).toContain(ARABIC);
  });

  it('repairs a feed labelled UTF-8 or Latin-1 that is windows-1256, with a warning', () => {
    const bytes = iconv.encode(xml('utf-8'), 'windows-1256');
    const d = decodeBody(bytes, 'application/xml; charset=utf-8');
    expect(d.text).toContain(ARABIC);
    expect(d.from).toBe('repair');
    const latin = decodeBody(iconv.encode(xml('iso-8859-1'), 'windows-1256'));
    expect(latin.text).toContain(ARABIC);
    expect(latin.warnings.join()).toMatch(/windows-1256/);
    const utf8AsLatin = decodeBody(Buffer.from(xml('iso-8859-1')));
    expect(utf8AsLatin.text).toContain(ARABIC);
  });

  it('ignores an unknown charset, strips control characters, reads <meta charset> for pages', () => {
    const d = decodeBody(Buffer.from(`${xml('x-klingon')}\u0001`), null);
    expect(d.text).toContain(ARABIC);
    expect(d.text).not.toContain('\u0001');
    expect(d.warnings.join()).toMatch(/unknown charset/);
    const page = iconv.encode(`<html><head><meta charset="windows-1256"></head><body>${ARABIC}</body></html>`, 'windows-1256');
    expect(decodeBody(page, 'text/html', 'html').text).toContain(ARABIC);
  });

  it('decodes any text in any supported charset it was labelled with (property)', () => {
    const charsets = ['utf-8', 'windows-1256', 'iso-8859-6', 'utf-16le', 'utf-16be'] as const;
    const letters = fc.constantFrom(...'ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأؤإئىة0123456789 .,'.split(''));
    fc.assert(
      fc.property(fc.array(letters, { minLength: 1, maxLength: 80 }), fc.constantFrom(...charsets), fc.constantFrom('header', 'xml', 'both'), (chars, charset, where) => {
        const text = chars.join('');
        const doc = `<?xml version="1.0"${where !== 'header' ? ` encoding="${charset}"` : ''}?><t>${text}</t>`;
        const bytes = iconv.encode(doc, charset);
        const header = where !== 'xml' ? `text/xml; charset=${charset}` : 'text/xml';
        const d = decodeBody(bytes, header);
        expect(d.text).toBe(doc);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary bytes (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(null, 'text/xml; charset=utf-8', 'text/xml; charset=bogus', 'text/xml; charset=windows-1256'), (bytes, ct) => {
      expect(typeof decodeBody(Buffer.from(bytes), ct).text).toBe('string');
    }));
  });

  it('knows the aliases', () => {
    expect(canonicalCharset('CP1256')).toBe('windows-1256');
    expect(canonicalCharset('"ISO-8859-6-I"')).toBe('iso-8859-6');
    expect(canonicalCharset('nope')).toBeNull();
  });
});
