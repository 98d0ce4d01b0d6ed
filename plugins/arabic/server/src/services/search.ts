import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';
import { blocksToText, normalizeForSearch } from '../text';
import { getConfig } from '../utils';
import type { SearchConfig } from '../config';

/**
 * The normalized search text lives in a table of its own, keyed by content type and row id, not in
 * the article rows: a list reads `articles.*`, and a normalized copy of title + excerpt + body per
 * row is the heaviest thing it would otherwise read and throw away.
 */
export const TEXT_TABLE = 'arabic_search_texts';
/** SQLite FTS5 (trigram tokenizer) over TEXT_TABLE, keyed by its id, kept by triggers. */
export const FTS_TABLE = 'arabic_search_fts';
/** PostgreSQL pg_trgm GIN index over TEXT_TABLE.text. */
export const PG_INDEX = 'arabic_search_texts_trgm';
const TRIGGERS = ['ai', 'ad', 'au'].map((t) => `${FTS_TABLE}_${t}`);
/** What the search used before it had its own table: triggers on `articles` block the schema sync's column drop. */
const LEGACY_FTS = 'articles_search_fts';
const LEGACY_TRIGGERS = ['ai', 'ad', 'au'].map((t) => `${LEGACY_FTS}_${t}`);
const BATCH = 500;

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

/** What the search text is made of: the title, then the other text fields (strings or blocks). */
export interface SearchSource {
  title?: unknown;
  texts?: readonly unknown[];
}

/** A row of the searched type: id, documentId and the text fields. */
export type SearchedRow = { id: number; documentId: string } & Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
/** A string field as is, a blocks value (already parsed) as its text. */
const textOf = (v: unknown): string => (typeof v === 'string' ? v : blocksToText(v));

/**
 * Arabic-normalized search over published articles. TEXT_TABLE holds, per article row, `title`
 * (normalized title, for the ranking) and `text` (normalized title + excerpt + body, for matching);
 * each database matches it with its own index: FTS5 trigram on SQLite, pg_trgm GIN on PostgreSQL.
 * Both serve `LIKE '%key%'`; the key and the text are normalized the same way, which is what makes
 * hamza, tashkeel, ى/ي, ة/ه, Persian letters and digit sets not matter.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** The searched type (config/plugins.ts, arabic.search); the search is off when it is null. */
  const configured = (): SearchConfig | null => getConfig(strapi).search;
  const cfg = (): SearchConfig => {
    const search = configured();
    if (!search) throw new Error('arabic: no search is configured (arabic.search in config/plugins.ts)');
    return search;
  };
  const uid = (): UID.ContentType => cfg().contentType as UID.ContentType;
  const meta = () => strapi.db.metadata.get(uid());
  const col = (attribute: string): string => (meta().attributes as Record<string, { columnName?: string }>)[attribute]?.columnName ?? attribute;
  const table = (): string => meta().tableName;
  const knex = () => strapi.db.connection;
  const schema = () => strapi.db.getSchemaName();
  const qualified = (name: string): string => (schema() ? `${schema()}.${name}` : name);
  /** A query builder on `name` (in Strapi's schema), inside `trx` when given. */
  const on = (name: string, trx?: Knex.Transaction) => {
    const builder = (trx ?? knex())(name);
    const inSchema = schema();
    return inSchema ? builder.withSchema(inSchema) : builder;
  };

  /** The normalized title and text of an article's current fields. */
  function texts(source: SearchSource): { title: string; text: string } {
    const title = str(source.title);
    return {
      title: normalizeForSearch(title),
      text: normalizeForSearch([title, ...(source.texts ?? []).map(textOf)].join('\n')),
    };
  }


  /** JSON attributes (blocks) come back from SQLite and MySQL as text. */
  function parsed(field: string, value: unknown): unknown {
    const type = (strapi.contentType(uid()).attributes as Record<string, { type?: string }>)[field]?.type;
    return typeof value === 'string' && (type === 'blocks' || type === 'json') ? safeJson(value) : value;
  }

  /** Rows of the searched type (id, documentId and the text fields) as TEXT_TABLE rows. */
  function toTextRows(rows: SearchedRow[]) {
    const { titleField, textFields } = cfg();
    return rows.map((row) => ({
      uid: uid(),
      row_id: Number(row.id),
      document_id: row.documentId,
      ...texts({ title: row[titleField], texts: textFields.map((f) => parsed(f, row[f])) }),
    }));
  }

  const articleColumns = () => [...new Set(['id', 'documentId', cfg().titleField, ...cfg().textFields])].map((a) => `a.${col(a)} as ${a}`);

  /**
   * Rewrites the search text of every row of one article document (drafts, published, every
   * locale), after any write of it: a publish makes new rows, an unpublish or a delete removes some,
   * an update changes the draft in place. Runs in the caller's transaction when there is one.
   */
  async function syncDocument(documentId: string): Promise<void> {
    await strapi.db.transaction(async ({ trx }) => {
      const rows: SearchedRow[] = await on(`${table()} as a`, trx).select(articleColumns()).where(`a.${col('documentId')}`, documentId);
      await on(TEXT_TABLE, trx).where({ uid: uid(), document_id: documentId }).delete();
      // A concurrent write of the same document may have written them in between: the last one wins.
      if (rows.length > 0) await on(TEXT_TABLE, trx).insert(toTextRows(rows)).onConflict(['row_id', 'uid']).merge();
    });
  }

  /**
   * Drops what the search used when its text was two columns of `articles`, before Strapi's schema
   * sync removes those columns (SQLite refuses to drop a column a trigger names).
   */
  async function dropLegacy(): Promise<void> {
    if (strapi.db.dialect.client !== 'sqlite') return; // PostgreSQL drops the old index with its column
    for (const trigger of LEGACY_TRIGGERS) await knex().raw(`DROP TRIGGER IF EXISTS ${trigger}`);
    await knex().raw(`DROP TABLE IF EXISTS ${LEGACY_FTS}`);
  }

  /**
   * Creates the database objects the search needs, idempotently, at every boot (after Strapi's
   * schema sync, which leaves tables it did not create alone). Article rows without a search text
   * (written before this table existed, or by SQL around the Document Service) get one; texts of
   * rows that are gone are dropped.
   */
  async function ensureIndex(): Promise<void> {
    if (!configured()) return;
    await ensureTable();
    const client = strapi.db.dialect.client;
    if (client === 'sqlite') await ensureSqlite();
    await reindex();
    if (client === 'postgres') await ensurePostgres();
    // MySQL: plain LIKE on the normalized column (a scan in the database); see docs/arabic.md.
  }

  /**
   * IF NOT EXISTS throughout: instances that share a database may boot at the same time.
   * Row and document first in the indexes: every row has one of a handful of uids, so an index
   * led by uid would only tempt PostgreSQL's planner away from the trigram index.
   */
  async function ensureTable(): Promise<void> {
    const client = strapi.db.dialect.client;
    if (client !== 'sqlite' && client !== 'postgres') {
      if (await knex().schema.hasTable(TEXT_TABLE)) return;
      await knex().schema.createTable(TEXT_TABLE, (t) => {
        t.increments('id');
        t.string('uid', 255).notNullable();
        t.integer('row_id').notNullable();
        t.string('document_id', 255).notNullable();
        t.text('title', 'longtext');
        t.text('text', 'longtext');
        t.unique(['row_id', 'uid'], { indexName: `${TEXT_TABLE}_row` });
        t.index(['document_id', 'uid'], `${TEXT_TABLE}_document`);
      });
      return;
    }
    const id = client === 'sqlite' ? 'integer PRIMARY KEY AUTOINCREMENT' : 'serial PRIMARY KEY';
    await knex().raw(`CREATE TABLE IF NOT EXISTS ${qualified(TEXT_TABLE)} (id ${id}, uid varchar(255) NOT NULL,
      row_id integer NOT NULL, document_id varchar(255) NOT NULL, title text, text text)`);
    await knex().raw(`CREATE UNIQUE INDEX IF NOT EXISTS ${TEXT_TABLE}_row ON ${qualified(TEXT_TABLE)} (row_id, uid)`);
    await knex().raw(`CREATE INDEX IF NOT EXISTS ${TEXT_TABLE}_document ON ${qualified(TEXT_TABLE)} (document_id, uid)`);
  }

  /** Fills the missing texts and drops the orphaned ones (see ensureIndex); the bench seed calls it too. */
  async function reindex(): Promise<void> {
    const id = col('id');
    await on(TEXT_TABLE)
      .where('uid', uid())
      .whereNotExists(function (this: Knex.QueryBuilder) {
        this.select(1).from(qualified(table())).whereRaw(`${qualified(table())}.${id} = ${qualified(TEXT_TABLE)}.row_id`);
      })
      .delete();
    for (;;) {
      const rows: SearchedRow[] = await on(`${table()} as a`)
        .select(articleColumns())
        .leftJoin(`${TEXT_TABLE} as s`, function (this: Knex.JoinClause) {
          this.on('s.row_id', '=', `a.${id}`).andOn('s.uid', '=', knex().raw('?', [uid()]));
        })
        .whereNull('s.id')
        .limit(BATCH);
      if (rows.length === 0) return;
      // Another instance booting on the same database may be filling the same rows.
      await on(TEXT_TABLE).insert(toTextRows(rows)).onConflict(['row_id', 'uid']).ignore();
    }
  }

  async function ensureSqlite(): Promise<void> {
    const existing = await knex().raw(`SELECT name FROM sqlite_master WHERE name IN (${[FTS_TABLE, ...TRIGGERS].map(() => '?').join(',')})`, [FTS_TABLE, ...TRIGGERS]);
    const names = new Set((existing as Array<{ name: string }>).map((r) => r.name));
    if ([FTS_TABLE, ...TRIGGERS].every((n) => names.has(n))) return;
    // Something is missing (first boot, or a hand edit): recreate all of it and reload the index.
    await knex().transaction(async (trx) => {
      for (const trigger of TRIGGERS) await trx.raw(`DROP TRIGGER IF EXISTS ${trigger}`);
      await trx.raw(`DROP TABLE IF EXISTS ${FTS_TABLE}`);
      await trx.raw(`CREATE VIRTUAL TABLE ${FTS_TABLE} USING fts5(title, text, tokenize = 'trigram')`);
      await trx.raw(`CREATE TRIGGER ${TRIGGERS[0]} AFTER INSERT ON ${TEXT_TABLE} BEGIN
        INSERT INTO ${FTS_TABLE}(rowid, title, text) VALUES (new.id, new.title, new.text); END`);
      await trx.raw(`CREATE TRIGGER ${TRIGGERS[1]} AFTER DELETE ON ${TEXT_TABLE} BEGIN
        DELETE FROM ${FTS_TABLE} WHERE rowid = old.id; END`);
      await trx.raw(`CREATE TRIGGER ${TRIGGERS[2]} AFTER UPDATE ON ${TEXT_TABLE} BEGIN
        DELETE FROM ${FTS_TABLE} WHERE rowid = old.id;
        INSERT INTO ${FTS_TABLE}(rowid, title, text) VALUES (new.id, new.title, new.text); END`);
      await trx.raw(`INSERT INTO ${FTS_TABLE}(rowid, title, text) SELECT id, title, text FROM ${TEXT_TABLE}`);
    });
  }

  async function ensurePostgres(): Promise<void> {
    try {
      await knex().raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    } catch (error) {
      strapi.log.warn(`arabic: pg_trgm is not available (${(error as Error).message}); article search scans the table`);
      return;
    }
    await knex().raw(`CREATE INDEX IF NOT EXISTS ${PG_INDEX} ON ${qualified(TEXT_TABLE)} USING gin (text gin_trgm_ops)`);
  }

  /** The matching published rows of a locale, joined to their article rows as `a`. */
  function matching(key: string, locale: string) {
    const pattern = `%${key}%`; // normalized keys hold only letters, digits and single spaces: nothing to escape
    const [id, publishedAt, loc] = ['id', 'publishedAt', 'locale'].map(col) as string[];
    const q = strapi.db.dialect.client === 'sqlite'
      ? knex()(`${FTS_TABLE} as f`).join(`${TEXT_TABLE} as s`, 's.id', 'f.rowid').where('f.text', 'like', pattern)
      : on(`${TEXT_TABLE} as s`).where('s.text', 'like', pattern);
    return q
      .andWhere('s.uid', uid())
      .join(`${table()} as a`, `a.${id}`, 's.row_id') // withSchema (PostgreSQL) qualifies joins too
      .whereNotNull(`a.${publishedAt}`)
      .andWhere(`a.${loc}`, locale);
  }

  /** One page of published article row ids in a locale: title matches first, then newest first. */
  async function search({ key, locale, page, pageSize }: SearchQuery): Promise<SearchPage> {
    const [id, publishedAt] = ['id', 'publishedAt'].map(col) as string[];
    const [{ total }] = await matching(key, locale).count({ total: '*' });
    const rows = await matching(key, locale)
      .select(`a.${id} as id`)
      .orderByRaw(`CASE WHEN s.title LIKE ? THEN 0 ELSE 1 END`, [`%${key}%`])
      .orderBy([{ column: `a.${publishedAt}`, order: 'desc' }, { column: `a.${id}`, order: 'desc' }])
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    return { ids: rows.map((r: { id: number | string }) => Number(r.id)), total: Number(total) };
  }

  /** The database's plan for the matching part of a search (the tests check the index is used). */
  async function explain(key: string, locale: string): Promise<string> {
    const { sql, bindings } = matching(key, locale).select('a.id').toSQL();
    if (strapi.db.dialect.client === 'sqlite') return JSON.stringify(await knex().raw(`EXPLAIN QUERY PLAN ${sql}`, bindings));
    if (strapi.db.dialect.client === 'mysql') return JSON.stringify((await knex().raw(`EXPLAIN ${sql}`, bindings))[0]);
    return knex().transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_seqscan = off');
      return JSON.stringify((await trx.raw(`EXPLAIN ${sql}`, bindings)).rows);
    });
  }

  return { configured, texts, syncDocument, dropLegacy, ensureIndex, reindex, search, explain };
};

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
