import type { Core } from '@strapi/strapi';
import { attributionLabel, type AttributionLocale } from '../text';
import { ARTICLE_UID, LABEL_LOCALES } from '../constants';

export interface Attribution {
  /** "نشر في اليوم 24 يوم 05 - 02 - 2015" in the article's locale; null without a source. */
  label: string | null;
  sourceName: string | null;
  homepage: string | null;
  originalUrl: string | null;
  sourcePublishedAt: string | null;
}

interface ArticleRow {
  id: number;
  locale?: string | null;
  originalUrl?: string | null;
  sourcePublishedAt?: string | Date | null;
  source?: { name?: string | null; homepage?: string | null; timeZone?: string | null } | null;
}

const labelLocale = (locale: unknown): AttributionLocale =>
  (LABEL_LOCALES as readonly string[]).includes(locale as string) ? (locale as AttributionLocale) : 'en';

const iso = (d: unknown): string | null => (d == null ? null : new Date(d as string).toISOString());

/**
 * What a front end needs for the "published in <source> on <date>" line and the "read it at its
 * source" link. The source is looked up for all articles of a response in one query, whether or
 * not the client populated it, and the date is shown in the source's time zone.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  function of(row: ArticleRow): Attribution {
    const source = row.source ?? null;
    const timeZone = source?.timeZone || undefined;
    let label: string | null = null;
    try {
      label = attributionLabel({ sourceName: source?.name, date: row.sourcePublishedAt ?? null, locale: labelLocale(row.locale), timeZone });
    } catch {
      // A source with a time zone the runtime does not know: the line without the date is still true.
      label = attributionLabel({ sourceName: source?.name, date: null, locale: labelLocale(row.locale) });
    }
    return {
      label,
      sourceName: source?.name ?? null,
      homepage: source?.homepage ?? null,
      originalUrl: row.originalUrl ?? null,
      sourcePublishedAt: iso(row.sourcePublishedAt),
    };
  }

  /** Attributions of article rows by row id, in one query (the source relation comes with it). */
  async function byRowIds(ids: number[]): Promise<Map<number, Attribution>> {
    const unique = [...new Set(ids.filter((id) => Number.isInteger(id)))];
    if (unique.length === 0) return new Map();
    const rows: ArticleRow[] = await strapi.db.query(ARTICLE_UID).findMany({
      where: { id: { $in: unique } },
      select: ['id', 'locale', 'originalUrl', 'sourcePublishedAt'],
      populate: { source: { select: ['name', 'homepage', 'timeZone'] } },
    });
    return new Map(rows.map((row) => [row.id, of(row)]));
  }

  /** Adds `attribution` to each article of a REST `data` (one article or a list). */
  async function attach<T>(data: T): Promise<T> {
    const list = (Array.isArray(data) ? data : data ? [data] : []) as Array<Record<string, any>>;
    const found = await byRowIds(list.map((a) => a.id));
    for (const article of list) article.attribution = found.get(article.id) ?? null;
    return data;
  }

  /**
   * Per GraphQL request, the articles asked for in one tick are looked up together: a list of 50
   * articles costs one query, not 50.
   */
  const loaders = new WeakMap<object, (id: number) => Promise<Attribution | null>>();
  function loaderFor(requestContext: object): (id: number) => Promise<Attribution | null> {
    let loader = loaders.get(requestContext);
    if (loader) return loader;
    let pending: Array<{ id: number; resolve: (a: Attribution | null) => void; reject: (e: unknown) => void }> = [];
    loader = (id: number) =>
      new Promise((resolve, reject) => {
        if (pending.length === 0) {
          setImmediate(() => {
            const batch = pending;
            pending = [];
            byRowIds(batch.map((p) => p.id)).then(
              (found) => batch.forEach((p) => p.resolve(found.get(p.id) ?? null)),
              (error) => batch.forEach((p) => p.reject(error)),
            );
          });
        }
        pending.push({ id, resolve, reject });
      });
    loaders.set(requestContext, loader);
    return loader;
  }

  return { of, byRowIds, attach, loaderFor };
};
