/**
 * What a ticker shows at a given instant: its hand-picked items inside their window,
 * merged with the latest articles its rule selects. Pure, so the ordering and expiry
 * rules are tested without a database.
 */

export interface ManualItem {
  headline: string;
  url?: string | null;
  priority?: number | null;
  startsAt?: string | Date | null;
  expiresAt?: string | Date | null;
  article?: TickerArticle | null;
}

export interface TickerArticle {
  documentId: string;
  title: string;
  slug?: string | null;
  publishedAt: string | Date;
  source?: { name: string } | null;
}

export interface TickerEntry {
  kind: 'manual' | 'auto';
  headline: string;
  url: string | null;
  priority: number;
  article: { documentId: string; slug: string | null } | null;
  source: { name: string } | null;
  publishedAt: string;
}

export interface MergeInput {
  manual: ManualItem[];
  automatic: TickerArticle[];
  limit: number;
  now: Date;
  /** The rule's maximum article age; an automatic item drops out when it passes it. */
  maxAgeHours?: number | null;
}

export interface MergeResult {
  items: TickerEntry[];
  /** The next instant at which the same data gives another answer, if any. */
  changesAt: Date | null;
}

/** Manual items default to the middle of the 0..100 scale; rule-selected articles sit below them. */
export const DEFAULT_MANUAL_PRIORITY = 50;
export const AUTO_PRIORITY = 0;

const time = (value: string | Date | null | undefined): number | null =>
  value === null || value === undefined ? null : new Date(value).getTime();

function isLive(item: ManualItem, now: number): boolean {
  const starts = time(item.startsAt);
  const expires = time(item.expiresAt);
  return (starts === null || starts <= now) && (expires === null || now < expires);
}

function manualEntry(item: ManualItem, tickerPublishedAt: string): TickerEntry {
  const article = item.article ?? null;
  return {
    kind: 'manual',
    headline: item.headline,
    url: item.url ?? null,
    priority: item.priority ?? DEFAULT_MANUAL_PRIORITY,
    article: article ? { documentId: article.documentId, slug: article.slug ?? null } : null,
    source: article?.source ? { name: article.source.name } : null,
    publishedAt: new Date(time(item.startsAt) ?? time(article?.publishedAt) ?? tickerPublishedAt).toISOString(),
  };
}

function autoEntry(article: TickerArticle): TickerEntry {
  return {
    kind: 'auto',
    headline: article.title,
    url: null,
    priority: AUTO_PRIORITY,
    article: { documentId: article.documentId, slug: article.slug ?? null },
    source: article.source ? { name: article.source.name } : null,
    publishedAt: new Date(article.publishedAt).toISOString(),
  };
}

/** Priority first, then the newest; equal entries keep their input order. */
const byPriorityThenRecency = (a: TickerEntry, b: TickerEntry) =>
  b.priority - a.priority || Date.parse(b.publishedAt) - Date.parse(a.publishedAt);

export function mergeTickerItems(input: MergeInput): MergeResult {
  const now = input.now.getTime();
  const nowIso = input.now.toISOString();
  const live = input.manual.filter((item) => isLive(item, now));
  const manual = live.map((item) => manualEntry(item, nowIso));
  const pinned = new Set(manual.flatMap((entry) => (entry.article ? [entry.article.documentId] : [])));
  const maxAgeMs = input.maxAgeHours ? input.maxAgeHours * 3_600_000 : null;
  const automatic = input.automatic
    .filter((article) => !pinned.has(article.documentId))
    .filter((article) => maxAgeMs === null || now - time(article.publishedAt)! <= maxAgeMs)
    .map(autoEntry);

  const items = [...manual, ...automatic].sort(byPriorityThenRecency).slice(0, Math.max(0, input.limit));

  const boundaries: number[] = [];
  for (const item of input.manual) {
    for (const t of [time(item.startsAt), time(item.expiresAt)]) if (t !== null && t > now) boundaries.push(t);
  }
  if (maxAgeMs !== null) {
    for (const entry of items) if (entry.kind === 'auto') boundaries.push(Date.parse(entry.publishedAt) + maxAgeMs + 1);
  }
  return { items, changesAt: boundaries.length > 0 ? new Date(Math.min(...boundaries)) : null };
}
