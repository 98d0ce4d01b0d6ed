import type { Core } from '@strapi/strapi';
import { blocksToText, normalizeForSearch } from '../text';
import { ARTICLE_UID } from '../constants';

/** The SQLite FTS5 table (trigram tokenizer) that indexes the article search columns by row id. */
const FTS_TABLE = 'articles_search_fts';
const PG_INDEX = 'articles_search_text_trgm';
const TRIGGERS = ['ai', 'ad', 'au'].map((t) => `${FTS_TABLE}_${t}`);

export interface SearchPage {
  ids: number[];
  total: number;
}

export interface SearchQuery {
  /** Already normalized with normalizeForSearch and non-empty. */
  key: string;
  locale: string;
  page: number;
  pageSize: number;
}

/** The text fields of an article that the search columns are made of. */
export interface SearchSource {
  title?: unknown;
  excerpt?: unknown;
  body?: unknown;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Arabic-normalized search over published articles. The normalized text lives in two private
 * columns of the article rows (searchTitle for ranking, searchText = title + excerpt + body for
 * matching); each database matches it with its own index: FTS5 trigram on SQLite, pg_trgm GIN on
 * PostgreSQL. Both serve `LIKE '%key%'`; the key and the text are normalized the same way, which is
 * what makes hamza, tashkeel, ى/ي, ة/ه, Persian letters and digit sets not matter.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const meta = () => strapi.db.metadata.get(ARTICLE_UID);
  const col = (attribute: string): string => (meta().attributes as any)[attribute].columnName ?? attribute;
  const table = (): string => meta().tableName;
  const knex = () => strapi.db.connection;
  const qualified = (name: string): string => {
    const schema = strapi.db.getSchemaName();
    return schema ? `${schema}.${name}` : name;
  };

  /** searchTitle and searchText for an article's current text. */
  function columns(source: SearchSource): { searchTitle: string; searchText: string } {
    const title = str(source.title);
    return {
      searchTitle: normalizeForSearch(title),
      searchText: normalizeForSearch([title, str(source.excerpt), blocksToText(source.body)].join('\n')),
    };
  }

  /**
   * Creates the database objects the search needs, idempotently, at every boot (after Strapi's
   * schema sync, which leaves objects it did not create alone). Rows written before the plugin
   * existed, or by SQL that bypassed the Document Service, get their search columns filled first.
   */
  async function ensureIndex(): Promise<void> {
    await backfill();
    const client = strapi.db.dialect.client;
    if (client === 'sqlite') await ensureSqlite();
    else if (client === 'postgres') await ensurePostgres();
    // MySQL: plain LIKE on the normalized column (a scan in the database); see docs/arabic.md.
  }

  async function backfill(): Promise<void> {
    const [title, text, excerpt, body, id] = ['title', 'searchText', 'excerpt', 'body', 'id'].map(col) as [string, string, string, string, string];
    for (;;) {
      const rows = await strapi.db.getConnection(table()).select(id, title, excerpt, body).whereNull(text).limit(500);
      if (rows.length === 0) return;
      for (const row of rows) {
        const body = typeof row[col('body')] === 'string' ? safeJson(row[col('body')]) : row[col('body')];
        const c = columns({ title: row[title], excerpt: row[excerpt], body });
        await strapi.db.getConnection(table()).where(id, row[id]).update({ [col('searchTitle')]: c.searchTitle, [text]: c.searchText });
      }
    }
  }

  async function ensureSqlite(): Promise<void> {
    const t = table();
    const [id, title, text] = [col('id'), col('searchTitle'), col('searchText')];
    const existing = await knex().raw(`SELECT name FROM sqlite_master WHERE name IN (${[FTS_TABLE, ...TRIGGERS].map(() => '?').join(',')})`, [FTS_TABLE, ...TRIGGERS]);
    const names = new Set((existing as Array<{ name: string }>).map((r) => r.name));
    if ([FTS_TABLE, ...TRIGGERS].every((n) => names.has(n))) return;
    // Something is missing (first boot, or a table rebuild by the schema sync dropped the triggers):
    // recreate all of it and reload the index from the article rows.
    await knex().transaction(async (trx) => {
      for (const trigger of TRIGGERS) await trx.raw(`DROP TRIGGER IF EXISTS ${trigger}`);
      await trx.raw(`DROP TABLE IF EXISTS ${FTS_TABLE}`);
      await trx.raw(`CREATE VIRTUAL TABLE ${FTS_TABLE} USING fts5(title, text, tokenize = 'trigram')`);
      await trx.raw(`CREATE TRIGGER ${TRIGGERS[0]} AFTER INSERT ON ${t} BEGIN
        INSERT INTO ${FTS_TABLE}(rowid, title, text) VALUES (new.${id}, new.${title}, new.${text}); END`);
      await trx.raw(`CREATE TRIGGER ${TRIGGERS[1]} AFTER DELETE ON ${t} BEGIN
        DELETE FROM ${FTS_TABLE} WHERE rowid = old.${id}; END`);
      await trx.raw(`CREATE TRIGGER ${TRIGGERS[2]} AFTER UPDATE OF ${title}, ${text} ON ${t} BEGIN
        DELETE FROM ${FTS_TABLE} WHERE rowid = old.${id};
        INSERT INTO ${FTS_TABLE}(rowid, title, text) VALUES (new.${id}, new.${title}, new.${text}); END`);
      await trx.raw(`INSERT INTO ${FTS_TABLE}(rowid, title, text) SELECT ${id}, ${title}, ${text} FROM ${t}`);
    });
  }

  async function ensurePostgres(): Promise<void> {
    try {
      await knex().raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    } catch (error) {
      strapi.log.warn(`arabic: pg_trgm is not available (${(error as Error).message}); article search scans the table`);
      return;
    }
    await knex().raw(`CREATE INDEX IF NOT EXISTS ${PG_INDEX} ON ${qualified(table())} USING gin (${col('searchText')} gin_trgm_ops)`);
  }

  /** One page of published article row ids in a locale: title matches first, then newest first. */
  async function search({ key, locale, page, pageSize }: SearchQuery): Promise<SearchPage> {
    const pattern = `%${key}%`; // normalized keys hold only letters, digits and single spaces: nothing to escape
    const [id, title, text, publishedAt, loc] = ['id', 'searchTitle', 'searchText', 'publishedAt', 'locale'].map(col) as string[];
    const base = () => {
      const q = strapi.db.dialect.client === 'sqlite'
        ? knex()(`${FTS_TABLE} as f`).join(`${table()} as a`, `a.${id}`, 'f.rowid').where('f.text', 'like', pattern)
        : strapi.db.getConnection(`${table()} as a`).where(`a.${text}`, 'like', pattern);
      return q.whereNotNull(`a.${publishedAt}`).andWhere(`a.${loc}`, locale);
    };
    const [{ total }] = await base().count({ total: '*' });
    const rows = await base()
      .select(`a.${id} as id`)
      .orderByRaw(`CASE WHEN a.${title} LIKE ? THEN 0 ELSE 1 END`, [pattern])
      .orderBy([{ column: `a.${publishedAt}`, order: 'desc' }, { column: `a.${id}`, order: 'desc' }])
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    return { ids: rows.map((r: { id: number | string }) => Number(r.id)), total: Number(total) };
  }

  return { columns, ensureIndex, search };
};

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
