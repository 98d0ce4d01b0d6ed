/** One feed item to the fields of a Nashra article, without touching Strapi. */
import type { RawItem } from './parse';
import { firstImage, htmlToBlocks, plainText, sanitizeFeedHtml, type Block } from './html';
import { contentHash, dedupeKeys, type DedupeKeys } from './dedupe';
import { parseItemDate } from './dates';

export const LOCALES = ['ar', 'fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const TITLE_MAX = 300;
export const EXCERPT_MAX = 1000;
export const URL_MAX = 2048;

export interface DraftContext {
  feedUrl: string;
  feedLanguage: string | null;
  sourceLanguage: string;
  timeZone: string;
  now?: Date;
}

export interface ArticleDraft {
  title: string;
  excerpt: string;
  body: Block[];
  originalUrl: string | null;
  sourcePublishedAt: Date;
  byline: string | null;
  coverUrl: string | null;
  locale: Locale;
  keys: DedupeKeys;
  contentHash: string;
  warnings: string[];
}

/** "ar-MA", "AR", "fr_FR" → ar / fr; null when not one of Nashra's locales. */
export function localeOf(language: string | null | undefined): Locale | null {
  const base = (language ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as Locale) : null;
}

function cut(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = chars.slice(0, max - 1).join('');
  const space = head.lastIndexOf(' ');
  return `${space > max * 0.6 ? head.slice(0, space) : head}…`;
}

function absoluteHttp(url: string | null | undefined, base: string): string | null {
  if (!url) return null;
  try {
    const u = new URL(url.trim(), base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.href.length <= URL_MAX ? u.href : null;
  } catch {
    return null;
  }
}

const IMAGE_TYPE = /^image\//i;
const IMAGE_EXT = /\.(?:jpe?g|png|gif|webp|avif)(?:$|[?#])/i;

/** The cover: an image enclosure, then media:content/thumbnail (feedparser folds media:content into enclosures), then the first image of the body. */
export function coverCandidate(item: RawItem, safeHtml: string, base: string): string | null {
  for (const m of item.media) {
    if ((m.type && IMAGE_TYPE.test(m.type)) || m.medium === 'image' || (!m.type && IMAGE_EXT.test(m.url))) {
      const u = absoluteHttp(m.url, base);
      if (u) return u;
    }
  }
  return absoluteHttp(item.imageUrl, base) ?? absoluteHttp(firstImage(safeHtml), base);
}

/** Null (with a reason) when the item has nothing to publish: no title and no text. */
export function toArticleDraft(item: RawItem, ctx: DraftContext): ArticleDraft | { skipped: string } {
  const now = ctx.now ?? new Date();
  const warnings: string[] = [];
  const link = absoluteHttp(item.link, ctx.feedUrl) ?? (item.guid && /^https?:\/\//i.test(item.guid) ? absoluteHttp(item.guid, ctx.feedUrl) : null);
  const base = link ?? ctx.feedUrl;
  const safe = sanitizeFeedHtml(item.contentHtml ?? '', base);
  let body = htmlToBlocks(safe);
  const summary = plainText(item.summaryHtml ?? item.contentHtml ?? '');
  let title = plainText(item.title ?? '');
  if (!title) {
    if (!summary) return { skipped: 'an item without title or text' };
    title = cut(summary, 120);
    warnings.push('an item without a title: its first words were taken');
  }
  title = cut(title, TITLE_MAX);
  const excerpt = cut(summary, EXCERPT_MAX);
  if (!body.length && excerpt) body = [{ type: 'paragraph', children: [{ type: 'text', text: excerpt }] }];
  const { date, warning } = parseItemDate(item.dateText, item.date, ctx.timeZone, now);
  if (warning) warnings.push(warning);
  const locale = localeOf(item.language) ?? localeOf(ctx.feedLanguage) ?? localeOf(ctx.sourceLanguage) ?? 'ar';
  const keys = dedupeKeys({ guid: item.guid, link, title, date });
  return {
    title,
    excerpt,
    body,
    originalUrl: link,
    sourcePublishedAt: date ?? now,
    byline: item.author ? cut(plainText(item.author), 200) || null : null,
    coverUrl: coverCandidate(item, safe, base),
    locale,
    keys,
    contentHash: contentHash({ title, excerpt, body }),
    warnings,
  };
}
