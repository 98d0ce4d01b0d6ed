/**
 * Bytes to text, once: BOM, then the HTTP charset, then the XML declaration (or <meta charset> for
 * pages), then UTF-8. A label that does not fit the bytes is not trusted blindly: undecodable UTF-8
 * and Latin-1 mojibake of Arabic are retried as windows-1256, with a warning for the source's status.
 */
import iconv from 'iconv-lite';

export type BodyKind = 'xml' | 'html' | 'json';

export interface Decoded {
  text: string;
  /** The charset actually used (iconv-lite's canonical name). */
  charset: string;
  /** Where that charset came from. */
  from: 'bom' | 'http' | 'xml' | 'meta' | 'sniff' | 'default' | 'repair';
  warnings: string[];
}

const ALIASES: Record<string, string> = {
  'utf8': 'utf-8', 'unicode-1-1-utf-8': 'utf-8', 'x-unicode20utf8': 'utf-8',
  'cp1256': 'windows-1256', 'x-cp1256': 'windows-1256', 'win-1256': 'windows-1256', 'arabic': 'iso-8859-6',
  'iso_8859-6': 'iso-8859-6', 'iso-8859-6-i': 'iso-8859-6', 'iso-8859-6-e': 'iso-8859-6', 'asmo-708': 'iso-8859-6',
  'ucs-2': 'utf-16le', 'unicode': 'utf-16le', 'utf-16': 'utf-16le', 'latin1': 'iso-8859-1', 'us-ascii': 'windows-1252', 'ascii': 'windows-1252',
};

/** A charset label as iconv-lite knows it, or null when it knows no such encoding. */
export function canonicalCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const clean = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!clean) return null;
  const name = ALIASES[clean] ?? clean;
  return iconv.encodingExists(name) ? name : null;
}

/** The charset parameter of a Content-Type header. */
export function httpCharset(contentType: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return m ? m[2]! : null;
}

function bom(buf: Buffer): { charset: string; length: number } | null {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 without a BOM: "<?" or "<r" with a zero byte beside each ASCII byte. */
function sniffUtf16(buf: Buffer): string | null {
  if (buf.length < 4) return null;
  if (buf[0] === 0x3c && buf[1] === 0 && buf[2] !== 0 && buf[3] === 0) return 'utf-16le';
  if (buf[0] === 0 && buf[1] === 0x3c && buf[2] === 0 && buf[3] !== 0) return 'utf-16be';
  return null;
}

function declared(buf: Buffer, kind: BodyKind): { label: string; from: 'xml' | 'meta' } | null {
  const head = buf.subarray(0, 2048).toString('latin1');
  if (kind !== 'html') {
    const m = /<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
    if (m) return { label: m[1]!, from: 'xml' };
  }
  if (kind !== 'json') {
    const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
    if (meta) return { label: meta[1]!, from: 'meta' };
  }
  return null;
}

const ARABIC_LETTER = /[\u0621-\u064A]/g;
const LATIN1_HIGH = /[\u00C0-\u00FF]/g;
const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

/** Text that reads as Latin-1 accents where Arabic was meant ("ÇáÍßæãÉ" is windows-1256 read as windows-1252). */
function looksLikeArabicMojibake(text: string, buf: Buffer): boolean {
  const high = count(text, LATIN1_HIGH);
  if (high < 8) return false;
  const letters = count(text, /\p{L}/gu);
  if (high / Math.max(1, letters) < 0.3) return false;
  const arabic = count(iconv.decode(buf, 'windows-1256'), ARABIC_LETTER);
  return arabic >= high * 0.6;
}

function isValidUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

/** Characters XML 1.0 forbids (C0 controls but tab, LF, CR; lone surrogates' stand-ins; U+FFFE/FFFF). */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function decodeBody(buf: Buffer, contentType: string | null = null, kind: BodyKind = 'xml'): Decoded {
  const warnings: string[] = [];
  const finish = (raw: string, charset: string, from: Decoded['from']): Decoded => {
    let text = raw.replace(/^\uFEFF/, '');
    if (kind !== 'json' && XML_ILLEGAL.test(text)) {
      warnings.push('control characters removed');
      text = text.replace(XML_ILLEGAL, '');
    }
    return { text, charset, from, warnings };
  };

  const b = bom(buf);
  if (b) {
    const h = canonicalCharset(httpCharset(contentType));
    if (h && h !== b.charset && !(h.startsWith('utf-16') && b.charset.startsWith('utf-16'))) warnings.push(`declared ${h} but the byte order mark says ${b.charset}; the byte order mark wins`);
    return finish(iconv.decode(buf.subarray(b.length), b.charset), b.charset, 'bom');
  }

  const candidates: { label: string; from: 'http' | 'xml' | 'meta' }[] = [];
  const h = httpCharset(contentType);
  if (h) candidates.push({ label: h, from: 'http' });
  const d = declared(buf, kind);
  if (d) candidates.push(d);
  const sniffed16 = sniffUtf16(buf);

  let charset: string | null = null;
  let from: Decoded['from'] = 'default';
  for (const c of candidates) {
    const name = canonicalCharset(c.label);
    if (name) {
      charset = name;
      from = c.from;
      break;
    }
    warnings.push(`unknown charset "${c.label.slice(0, 40)}" (${c.from === 'http' ? 'HTTP header' : c.from === 'xml' ? 'XML declaration' : 'meta tag'}) ignored`);
  }
  if (charset && candidates.length > 1) {
    const other = candidates.find((c) => c.from !== from && canonicalCharset(c.label) && canonicalCharset(c.label) !== charset);
    if (other) warnings.push(`the HTTP header says ${charset} and the document says ${canonicalCharset(other.label)}; the header wins`);
  }
  if (sniffed16 && (!charset || !charset.startsWith('utf-16'))) {
    if (charset) warnings.push(`labelled ${charset} but the bytes are ${sniffed16}`);
    charset = sniffed16;
    from = 'sniff';
  }
  if (!charset) charset = 'utf-8';

  let text = iconv.decode(buf, charset);
  if (charset === 'utf-8' && !isValidUtf8(buf)) {
    const arabic = iconv.decode(buf, 'windows-1256');
    if (count(arabic, ARABIC_LETTER) > 0) {
      warnings.push(`${from === 'default' ? 'no charset declared and the bytes are not UTF-8' : 'labelled UTF-8 but the bytes are not UTF-8'}; decoded as windows-1256`);
      return finish(arabic, 'windows-1256', 'repair');
    }
    warnings.push('invalid UTF-8 sequences replaced');
  } else if ((charset === 'iso-8859-1' || charset === 'windows-1252') && /[\u0080-\uFFFF]/.test(text)) {
    if (isValidUtf8(buf) && /[\u00C2-\u00F4][\u0080-\u00BF]/.test(text)) {
      warnings.push(`labelled ${charset} but the bytes are UTF-8; decoded as UTF-8`);
      return finish(buf.toString('utf8'), 'utf-8', 'repair');
    }
    if (looksLikeArabicMojibake(text, buf)) {
      warnings.push(`labelled ${charset} but the text is Arabic in windows-1256; decoded as windows-1256`);
      return finish(iconv.decode(buf, 'windows-1256'), 'windows-1256', 'repair');
    }
  }
  return finish(text, charset, from);
}
