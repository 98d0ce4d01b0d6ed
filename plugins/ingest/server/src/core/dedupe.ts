/** Which stored item a feed item is: its GUID within the source, else its normalized URL, else a hash of title and date. */
import { createHash } from 'node:crypto';

/** Query parameters that identify a campaign or a click, never the article. */
const TRACKING = [/^utm_/i, /^fbclid$/i, /^gclid$/i, /^dclid$/i, /^msclkid$/i, /^mc_(cid|eid)$/i, /^_ga$/i, /^_gl$/i, /^igshid$/i, /^yclid$/i, /^ref$/i, /^ref_src$/i, /^cmpid$/i, /^xtor$/i, /^at_(medium|campaign|source)$/i, /^ocid$/i, /^spm$/i, /^share$/i];

/**
 * A URL reduced to what names the article: https, lower-case host without "www." or "m." (or
 * "amp."), no default port, no fragment, no tracking parameters, the remaining parameters
 * sorted, an /amp suffix and a trailing slash removed, percent-encoding made uniform. Null when
 * the value is not an http(s) URL.
 */
export function normalizeUrl(raw: string | null | undefined, base?: string): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = base ? new URL(raw.trim(), base) : new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.protocol = 'https:';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '').replace(/^(?:www|m|amp|mobile)\./, '');
  url.port = url.port === '80' || url.port === '443' ? '' : url.port;
  url.hash = '';
  url.username = '';
  url.password = '';
  const params = [...url.searchParams.entries()].filter(([k]) => !TRACKING.some((re) => re.test(k)));
  params.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  url.search = '';
  for (const [k, v] of params) url.searchParams.append(k, v);
  let path = url.pathname;
  try {
    path = encodeURI(decodeURI(path));
  } catch {
    /* keep the path as it came */
  }
  path = path.replace(/\/amp\/?$/i, '/').replace(/\/index\.(?:html?|php)$/i, '/').replace(/\/+$/, '');
  url.pathname = path || '/';
  const href = url.href;
  return url.pathname === '/' && !url.search ? href.replace(/\/$/, '') : href;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface DedupeKeys {
  /** sha256 of the GUID (GUIDs may be longer than an indexable column), or null. */
  guid: string | null;
  /** sha256 of the normalized URL, or null. */
  url: string | null;
  /** sha256 of the folded title and the date, set only when the item has neither GUID nor URL. */
  hash: string | null;
  /** Which key identifies the item. */
  by: 'guid' | 'url' | 'hash';
}

const foldForHash = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\p{M}\u0640]/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export function dedupeKeys(item: { guid?: string | null; link?: string | null; title?: string | null; date?: Date | null }): DedupeKeys {
  const guid = item.guid?.trim() ? sha256(item.guid.trim()) : null;
  const normalized = normalizeUrl(item.link ?? null);
  const url = normalized ? sha256(normalized) : null;
  if (guid) return { guid, url, hash: null, by: 'guid' };
  if (url) return { guid: null, url, hash: null, by: 'url' };
  const day = item.date && !Number.isNaN(item.date.getTime()) ? item.date.toISOString() : '';
  return { guid: null, url: null, hash: sha256(`${foldForHash(item.title ?? '')}\n${day}`), by: 'hash' };
}

/** A hash of what an editor would see change: title, excerpt and body. */
export function contentHash(parts: { title: string; excerpt: string; body: unknown }): string {
  return sha256(JSON.stringify([parts.title, parts.excerpt, parts.body]));
}
