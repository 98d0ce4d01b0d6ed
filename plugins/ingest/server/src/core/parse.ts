/**
 * Feed text to items: RSS 0.9x/1.0/2.0 and Atom 1.0 through feedparser (a maintained, tolerant
 * streaming parser that resolves xml:base and relative links), JSON Feed 1.0/1.1 by hand (it is
 * plain JSON). A malformed feed gives what could be read plus warnings, never an exception.
 */
import { Readable } from 'node:stream';
import FeedParser from 'feedparser';

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json' | 'unknown';

export interface FeedMedia {
  url: string;
  type: string | null;
  medium: string | null;
  length: number | null;
}

export interface RawItem {
  guid: string | null;
  title: string | null;
  link: string | null;
  /** The item's full HTML (content:encoded, atom:content, content_html) or its summary when that is all there is. */
  contentHtml: string | null;
  summaryHtml: string | null;
  /** The date as the feed wrote it (RFC 822, ISO 8601, Arabic...), and feedparser's reading of it. */
  dateText: string | null;
  date: Date | null;
  updatedText: string | null;
  author: string | null;
  media: FeedMedia[];
  imageUrl: string | null;
  language: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  language: string | null;
  items: RawItem[];
  warnings: string[];
}

export const MAX_ITEMS = 500;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

function rawText(node: unknown): string | null {
  if (!node) return null;
  if (Array.isArray(node)) return rawText(node[0]);
  if (typeof node === 'object') return str((node as Record<string, unknown>)['#']);
  return str(node);
}

function validDate(d: unknown): Date | null {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d : null;
}

function fromFeedparser(item: FeedParser.Item): RawItem {
  const any = item as unknown as Record<string, unknown>;
  const media: FeedMedia[] = [];
  for (const e of item.enclosures ?? []) {
    const url = str((e as unknown as Record<string, unknown>).url);
    if (!url) continue;
    const extra = e as unknown as Record<string, unknown>;
    media.push({ url, type: str(extra.type), medium: str(extra.medium), length: Number(extra.length) || null });
  }
  const thumb = any['media:thumbnail'] as Record<string, unknown> | Record<string, unknown>[] | undefined;
  const thumbUrl = str((Array.isArray(thumb) ? thumb[0] : thumb)?.['@'] && ((Array.isArray(thumb) ? thumb[0] : thumb)!['@'] as Record<string, unknown>).url);
  const dateText = rawText(any['rss:pubdate']) ?? rawText(any['atom:published']) ?? rawText(any['dc:date']) ?? rawText(any['atom:updated']) ?? rawText(any['atom:issued']);
  const description = str(item.description);
  const summary = str(item.summary);
  // feedparser puts the link in `guid` when the item has none: an explicit GUID only (else the URL key applies).
  const explicitGuid = rawText(any['rss:guid']) ?? rawText(any['atom:id']) ?? rawText(any['dc:identifier']) ?? (str((any['@'] as Record<string, unknown> | undefined)?.['about']) ?? null);
  return {
    guid: explicitGuid ? explicitGuid.trim() : null,
    title: str(item.title),
    link: str(item.origlink) ?? str(item.link),
    contentHtml: description ?? summary,
    summaryHtml: summary ?? description,
    dateText,
    date: validDate(item.pubdate) ?? validDate(item.date),
    updatedText: rawText(any['atom:updated']),
    author: str(item.author),
    media,
    imageUrl: str(item.image?.url) ?? thumbUrl,
    language: null,
  };
}

async function parseXml(text: string, feedUrl: string): Promise<ParsedFeed> {
  const warnings: string[] = [];
  const items: RawItem[] = [];
  const parser = new FeedParser({ feedurl: feedUrl, resume_saxerror: true, addmeta: false, normalize: true });
  let meta: FeedParser.Meta | null = null;
  let saxErrors = 0;
  let fatal: string | null = null;
  await new Promise<void>((resolve) => {
    parser.on('meta', (m: FeedParser.Meta) => (meta = m));
    parser.on('error', (err: Error) => {
      if (/not a feed/i.test(err.message)) fatal = 'not a feed (no RSS, RDF or Atom root)';
      else saxErrors += 1;
    });
    parser.on('readable', () => {
      let it: FeedParser.Item | null;
      while ((it = parser.read())) if (items.length < MAX_ITEMS) items.push(fromFeedparser(it));
    });
    parser.on('end', () => resolve());
    parser.on('close', () => resolve());
    Readable.from([text]).pipe(parser);
  });
  if (fatal) warnings.push(fatal);
  if (saxErrors > 0) warnings.push(`malformed XML (${saxErrors} error${saxErrors > 1 ? 's' : ''}): ${items.length} item(s) could be read`);
  if (!/<\/(?:[\w-]+:)?(?:rss|feed|rdf)\s*>\s*$/i.test(text)) warnings.push('the feed ends before its closing tag (truncated?)');
  if (items.length >= MAX_ITEMS) warnings.push(`more than ${MAX_ITEMS} items: the rest were ignored`);
  const m = meta as FeedParser.Meta | null;
  const type = m?.['#type'];
  const language = str(m?.language);
  for (const it of items) it.language = language;
  return {
    format: type === 'atom' ? 'atom' : type === 'rdf' ? 'rdf' : type === 'rss' ? 'rss' : items.length ? 'rss' : 'unknown',
    title: str(m?.title),
    link: str(m?.link),
    language,
    items,
    warnings,
  };
}

function resolveUrl(value: unknown, base: string | null): string | null {
  const s = str(value);
  if (!s) return null;
  try {
    return new URL(s, base ?? undefined).href;
  } catch {
    return null;
  }
}

function parseJson(text: string, feedUrl: string): ParsedFeed {
  const warnings: string[] = [];
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    return { format: 'json', title: null, link: null, language: null, items: [], warnings: [`malformed JSON Feed: ${(err as Error).message}`] };
  }
  if (typeof doc !== 'object' || doc === null || !String(doc.version ?? '').startsWith('https://jsonfeed.org/version/')) {
    warnings.push('JSON without a JSON Feed version');
  }
  const base = resolveUrl(doc.home_page_url, feedUrl) ?? feedUrl;
  const language = str(doc.language);
  const list = Array.isArray(doc.items) ? (doc.items as Record<string, unknown>[]) : [];
  if (!Array.isArray(doc.items)) warnings.push('JSON Feed without items');
  const items: RawItem[] = [];
  for (const raw of list.slice(0, MAX_ITEMS)) {
    if (typeof raw !== 'object' || raw === null) {
      warnings.push('a JSON Feed item that is not an object was skipped');
      continue;
    }
    const authors = Array.isArray(raw.authors) ? (raw.authors as Record<string, unknown>[]) : raw.author ? [raw.author as Record<string, unknown>] : [];
    const media: FeedMedia[] = [];
    for (const a of Array.isArray(raw.attachments) ? (raw.attachments as Record<string, unknown>[]) : []) {
      const url = resolveUrl(a?.url, base);
      if (url) media.push({ url, type: str(a.mime_type), medium: null, length: Number(a.size_in_bytes) || null });
    }
    const html = str(raw.content_html);
    const plain = str(raw.content_text);
    const plainHtml = plain ? plain.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p)}</p>`).join('') : null;
    const dateText = str(raw.date_published) ?? str(raw.date_modified);
    items.push({
      guid: raw.id === undefined || raw.id === null ? null : String(raw.id),
      title: str(raw.title),
      link: resolveUrl(raw.url, base) ?? resolveUrl(raw.external_url, base),
      contentHtml: html ?? plainHtml ?? (str(raw.summary) ? `<p>${escapeHtml(String(raw.summary))}</p>` : null),
      summaryHtml: str(raw.summary) ? escapeHtml(String(raw.summary)) : html ?? plainHtml,
      dateText,
      date: dateText ? validDate(new Date(dateText)) : null,
      updatedText: str(raw.date_modified),
      author: str(authors[0]?.name),
      media,
      imageUrl: resolveUrl(raw.image, base) ?? resolveUrl(raw.banner_image, base),
      language: str(raw.language) ?? language,
    });
  }
  if (list.length > MAX_ITEMS) warnings.push(`more than ${MAX_ITEMS} items: the rest were ignored`);
  return { format: 'json', title: str(doc.title), link: resolveUrl(doc.home_page_url, feedUrl), language, items, warnings };
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Parses a decoded feed. `feedUrl` is the URL it was fetched from (after redirects): relative links resolve against it. */
export async function parseFeed(text: string, feedUrl: string, contentType: string | null = null): Promise<ParsedFeed> {
  // Junk before the root ("\n\n<?xml", a PHP notice) stops strict XML readers; skip to the first '<' or '{'.
  const start = text.search(/[<{]/);
  if (start < 0) return { format: 'unknown', title: null, link: null, language: null, items: [], warnings: ['empty or not a feed'] };
  const body = text.slice(start);
  const warnings = start > 0 && text.slice(0, start).trim() !== '' ? ['text before the feed ignored'] : [];
  const isJson = body.startsWith('{') || /json/i.test(contentType ?? '');
  const parsed = isJson ? parseJson(body, feedUrl) : await parseXml(body, feedUrl);
  parsed.warnings.unshift(...warnings);
  return parsed;
}
