import type { Core, UID } from '@strapi/strapi';
import { attributionLabel, type AttributionLocale } from '../text';
import { isPluginLocale, type Attribution } from '../../../shared';
import { batchLoader } from '../graphql/batch';
import { getConfig } from '../utils';
import type { AttributionConfig } from '../config';

export type { Attribution };

/** What the attribution query needs of Strapi's database metadata. */
interface ModelMeta {
  tableName: string;
  attributes: Record<string, { columnName?: string; target?: string; joinTable?: JoinTable }>;
}
interface JoinTable {
  name: string;
  joinColumn: { name: string; referencedColumn: string };
  inverseJoinColumn: { name: string; referencedColumn: string };
}

/** An attributed entry's row as the attribution reads it: its own fields and its source's. */
export interface ArticleRow {
  id: number;
  locale?: string | null;
  originalUrl?: string | null;
  sourcePublishedAt?: string | Date | null;
  source?: { name?: string | null; homepage?: string | null; timeZone?: string | null } | null;
}

const labelLocale = (locale: unknown): AttributionLocale => (isPluginLocale(locale) ? locale : 'en');

const iso = (d: unknown): string | null => (d == null ? null : new Date(d as string).toISOString());

/**
 * What a front end needs for the "published in <source> on <date>" line and the "read it at its
 * source" link, the date shown in the source's time zone. Made from what the response already
 * carries when the source is populated; otherwise the sources of all articles of a response are
 * looked up in one query.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** The attributed type (config/plugins.ts, arabic.attribution); nothing is attributed when it is null. */
  const configured = (): AttributionConfig | null => getConfig(strapi).attribution;
  const cfg = (): AttributionConfig => {
    const attribution = configured();
    if (!attribution) throw new Error('arabic: no attribution is configured (arabic.attribution in config/plugins.ts)');
    return attribution;
  };

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
  function complete(article: Record<string, unknown>): boolean {
    const sourceField = cfg().sourceField;
    if (!has(article, ARTICLE_FIELDS) || !(sourceField in article)) return false;
    const source = article[sourceField];
    return source === null || (typeof source === 'object' && has(source, SOURCE_FIELDS));
  }

  /** An entry as served, as the row `of` reads: its source under `source` whatever the relation's name. */
  const asRow = (article: Record<string, unknown>): ArticleRow => ({ ...article, source: article[cfg().sourceField] } as ArticleRow);

  /**
   * Attribution rows (the article's fields and its source's) by article row id, in one query: the
   * article rows joined to their source through the relation's join table.
   */
  async function rowsById(ids: number[]): Promise<Map<number, ArticleRow>> {
    const unique = [...new Set(ids.filter((id) => Number.isInteger(id)))];
    if (unique.length === 0) return new Map();
    const { contentType, sourceField } = cfg();
    // Strapi's Model type does not describe a relation's joinTable: the shape it has is written out above.
    const article = strapi.db.metadata.get(contentType as UID.Schema) as unknown as ModelMeta;
    const relation = article.attributes[sourceField]!;
    const source = strapi.db.metadata.get(relation.target as UID.Schema) as unknown as ModelMeta;
    const link = relation.joinTable!;
    const a = (name: string) => `a.${article.attributes[name]!.columnName}`;
    const s = (name: string) => `s.${source.attributes[name]!.columnName}`;
    const schema = strapi.db.getSchemaName();
    const t = (name: string) => (schema ? `${schema}.${name}` : name);
    const rows: Array<Record<string, unknown>> = await strapi.db.connection
      .select({ id: a('id'), locale: a('locale'), originalUrl: a('originalUrl'), sourcePublishedAt: a('sourcePublishedAt'), sourceId: s('id'), name: s('name'), homepage: s('homepage'), timeZone: s('timeZone') })
      .from(`${t(article.tableName)} as a`)
      .leftJoin(`${t(link.name)} as l`, `l.${link.joinColumn.name}`, `a.${link.joinColumn.referencedColumn}`)
      .leftJoin(`${t(source.tableName)} as s`, `s.${link.inverseJoinColumn.referencedColumn}`, `l.${link.inverseJoinColumn.name}`)
      .whereIn(a('id'), unique);
    return new Map(rows.map((r) => [Number(r.id), {
      id: Number(r.id),
      locale: r.locale as string | null,
      originalUrl: r.originalUrl as string | null,
      // SQLite keeps datetimes as epoch milliseconds; PostgreSQL gives a Date.
      sourcePublishedAt: r.sourcePublishedAt == null ? null : new Date(typeof r.sourcePublishedAt === 'string' && /^\d+$/.test(r.sourcePublishedAt) ? Number(r.sourcePublishedAt) : (r.sourcePublishedAt as string | number | Date)),
      source: r.sourceId == null ? null : { name: r.name as string | null, homepage: r.homepage as string | null, timeZone: r.timeZone as string | null },
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
    if (!configured()) return data;
    const list = (Array.isArray(data) ? data : data ? [data] : []) as Array<Record<string, unknown> & { id: number }>;
    const missing = list.filter((article) => !complete(article));
    const found = missing.length > 0 ? await byRowIds(missing.map((a) => a.id)) : new Map<number, Attribution>();
    for (const article of list) article.attribution = complete(article) ? of(asRow(article)) : found.get(article.id) ?? null;
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

  return { configured, of, byRowIds, attach, loaderFor };
};
