import type { Core } from '@strapi/strapi';
import { attributionLabel, type AttributionLocale } from '../text';
import { ARTICLE_UID, LABEL_LOCALES } from '../constants';
import { batchLoader } from '../graphql/batch';

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
 * source" link, the date shown in the source's time zone. Made from what the response already
 * carries when the source is populated; otherwise the sources of all articles of a response are
 * looked up in one query.
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

  const has = (o: object, keys: readonly string[]) => keys.every((k) => k in o);
  const ARTICLE_FIELDS = ['locale', 'originalUrl', 'sourcePublishedAt'] as const;
  const SOURCE_FIELDS = ['name', 'homepage', 'timeZone'] as const;

  /**
   * Whether an article as served already carries everything its attribution is made of: its own
   * fields, and its source populated (null, or an object with name, homepage and time zone).
   */
  function complete(article: Record<string, any>): boolean {
    if (!has(article, ARTICLE_FIELDS) || !('source' in article)) return false;
    return article.source === null || (typeof article.source === 'object' && has(article.source, SOURCE_FIELDS));
  }

  /**
   * Attribution rows (the article's fields and its source's) by article row id, in one query: the
   * article rows joined to their source through the relation's join table.
   */
  async function rowsById(ids: number[]): Promise<Map<number, ArticleRow>> {
    const unique = [...new Set(ids.filter((id) => Number.isInteger(id)))];
    if (unique.length === 0) return new Map();
    const article = strapi.db.metadata.get(ARTICLE_UID) as any;
    const source = strapi.db.metadata.get(article.attributes.source.target) as any;
    const link = article.attributes.source.joinTable;
    const a = (name: string) => `a.${article.attributes[name].columnName}`;
    const s = (name: string) => `s.${source.attributes[name].columnName}`;
    const schema = strapi.db.getSchemaName();
    const t = (name: string) => (schema ? `${schema}.${name}` : name);
    const rows: Array<Record<string, any>> = await strapi.db.connection
      .select({ id: a('id'), locale: a('locale'), originalUrl: a('originalUrl'), sourcePublishedAt: a('sourcePublishedAt'), sourceId: s('id'), name: s('name'), homepage: s('homepage'), timeZone: s('timeZone') })
      .from(`${t(article.tableName)} as a`)
      .leftJoin(`${t(link.name)} as l`, `l.${link.joinColumn.name}`, `a.${link.joinColumn.referencedColumn}`)
      .leftJoin(`${t(source.tableName)} as s`, `s.${link.inverseJoinColumn.referencedColumn}`, `l.${link.inverseJoinColumn.name}`)
      .whereIn(a('id'), unique);
    return new Map(rows.map((r) => [Number(r.id), {
      id: Number(r.id),
      locale: r.locale,
      originalUrl: r.originalUrl,
      // SQLite keeps datetimes as epoch milliseconds; PostgreSQL gives a Date.
      sourcePublishedAt: r.sourcePublishedAt == null ? null : new Date(typeof r.sourcePublishedAt === 'string' && /^\d+$/.test(r.sourcePublishedAt) ? Number(r.sourcePublishedAt) : r.sourcePublishedAt),
      source: r.sourceId == null ? null : { name: r.name, homepage: r.homepage, timeZone: r.timeZone },
    }]));
  }

  /** Attributions of article rows by row id, in one query. */
  async function byRowIds(ids: number[]): Promise<Map<number, Attribution>> {
    const rows = await rowsById(ids);
    return new Map([...rows].map(([id, row]) => [id, of(row)]));
  }

  /**
   * Adds `attribution` to each article of a REST `data` (one article or a list). What the request
   * already loaded is used as is; only articles served without their populated source (or with
   * `fields` that leave out what the line is made of) cost a query, one for all of them.
   */
  async function attach<T>(data: T): Promise<T> {
    const list = (Array.isArray(data) ? data : data ? [data] : []) as Array<Record<string, any>>;
    const missing = list.filter((article) => !complete(article));
    const found = missing.length > 0 ? await byRowIds(missing.map((a) => a.id)) : new Map<number, Attribution>();
    for (const article of list) article.attribution = complete(article) ? of(article as ArticleRow) : found.get(article.id) ?? null;
    return data;
  }

  /**
   * Per GraphQL request, the articles asked for in one tick are looked up together: a list of 50
   * articles costs one query, not 50.
   */
  function loaderFor(requestContext: object): (id: number) => Promise<Attribution | null> {
    return batchLoader<number, Attribution | null>(requestContext, 'arabic.attribution', async (ids) => {
      const found = await byRowIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  return { of, byRowIds, attach, loaderFor };
};
