/**
 * What a public read is, for the response cache: pure functions from a request's parts
 * to a cache key, or null when the request must not be answered from the cache.
 *
 * Two requests get the same key only when Strapi would answer them the same: the query
 * is taken as Strapi's qs parser gives it (ctx.query), and only what cannot change the
 * answer is normalized away (the order of parameters, the order of keys inside filters,
 * populate or pagination). The order of keys under `sort` is the sort's priority, so it
 * is kept.
 */

/** JSON with object keys sorted, except under `sort`, where their order is meaningful. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value, false));
}

function canonical(value: unknown, keepOrder: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, false));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (!keepOrder) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) out[k] = canonical(v, k === 'sort');
  return out;
}

/**
 * Drafts and previews are never cached. Readers are served published entries anyway
 * (src/lib/published-only.ts), but a status other than `published` or the v4
 * `publicationState` means someone asks for something other than the public answer.
 */
export function asksForDrafts(query: Record<string, unknown>): boolean {
  if ('publicationState' in query || 'preview' in query) return true;
  return 'status' in query && query.status !== 'published';
}

/** The key of a REST read, or null when the query asks for drafts. */
export function restKey(path: string, query: Record<string, unknown>): string | null {
  if (asksForDrafts(query)) return null;
  return `GET ${path} ${canonicalJson(query)}`;
}

/**
 * Public read paths: lists and entries of the content types (`collections` holds their
 * URL names), the article search, and the upload API's files. A spelling this does not
 * recognise exactly is simply not cached.
 */
export function cacheablePath(path: string, collections: ReadonlySet<string>): boolean {
  const parts = path.split('/');
  if (parts[0] !== '' || parts[1] !== 'api' || parts.length < 3 || parts.slice(2).some((p) => p === '')) return false;
  if (parts[2] === 'upload') return parts[3] === 'files' && parts.length <= 5;
  return collections.has(parts[2]) && parts.length <= 4;
}
