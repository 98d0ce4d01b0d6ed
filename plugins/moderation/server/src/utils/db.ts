/**
 * Thin helpers for the queries the report path writes by hand: a conditional update, an
 * upsert and a row lock need SQL that the Query Engine does not offer. Table and column
 * names come from Strapi's metadata, so they follow whatever naming Strapi applies.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex, Row } from './types';

export interface Table {
  name: string;
  col: (attribute: string) => string;
  has: (attribute: string) => boolean;
}

export function table(strapi: Core.Strapi, uid: string): Table {
  const meta = strapi.db.metadata.get(uid);
  const col = (attribute: string) => {
    const a = meta.attributes[attribute] as { columnName?: string } | undefined;
    if (!a || !a.columnName) throw new Error(`moderation: ${uid} has no column for ${attribute}`);
    return a.columnName;
  };
  return { name: meta.tableName, col, has: (attribute) => Boolean((meta.attributes[attribute] as { columnName?: string } | undefined)?.columnName) };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A documentId of Strapi's shape (lower-case alphanumeric, starting with a letter). */
export function newDocumentId(): string {
  const bytes = randomBytes(24);
  let id = ALPHABET[bytes[0] % 26];
  for (let i = 1; i < 24; i++) id += ALPHABET[bytes[i] % 36];
  return id;
}

/** The columns every Strapi row has, for rows inserted without the Query Engine. */
export function baseRow(t: Table, now: Date): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  if (t.has('documentId')) row[t.col('documentId')] = newDocumentId();
  for (const a of ['createdAt', 'updatedAt', 'publishedAt']) if (t.has(a)) row[t.col(a)] = now;
  return row;
}

/** Dates come back as Date (pg), epoch milliseconds (better-sqlite3) or text. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value === 'string') return new Date(/^\d+$/.test(value) ? Number(value) : value);
  return null;
}

/** JSON columns come back parsed (pg jsonb) or as text (SQLite). */
export function fromJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T;
    } catch {
      return fallback;
    }
  }
  return value as T;
}

/** What the plugin reads of a morph join table (Strapi's own type is not exported). */
export interface MorphJoinTable {
  name: string;
  joinColumn: { name: string };
  morphColumn: { idColumn: { name: string }; typeColumn: { name: string } };
}

/** The morph join table through which upload's files link to the entries that use them (files_related_mph). */
export function morphJoinTable(strapi: Core.Strapi): MorphJoinTable {
  const related = strapi.db.metadata.get('plugin::upload.file').attributes.related;
  if (!related || !('joinTable' in related) || !related.joinTable || !('morphColumn' in related.joinTable)) {
    throw new Error('moderation: plugin::upload.file has no morph relation "related"');
  }
  return related.joinTable;
}

/** SQLite has no row locks (it serializes writers on the file); PostgreSQL and MySQL take SELECT ... FOR UPDATE. */
export const hasRowLocks = (strapi: Core.Strapi) => strapi.db.dialect.client !== 'sqlite';

/*
 * The statements below are where the three databases differ; every dialect branch of the
 * report path is here. MySQL/MariaDB has no RETURNING and spells upserts
 * ON DUPLICATE KEY UPDATE; its insert-or-ignore takes a shared lock on a clashing row,
 * which two transactions that then lock the row FOR UPDATE turn into a deadlock.
 */
const isMysql = (strapi: Core.Strapi) => strapi.db.dialect.client === 'mysql';

/**
 * Inserts `row` unless a unique index already holds its key; says whether it did.
 * PostgreSQL and SQLite: ON CONFLICT DO NOTHING RETURNING. MySQL: INSERT IGNORE and the
 * affected-row count mysql2 reports (0 when the row was ignored).
 */
export async function insertIfAbsent(strapi: Core.Strapi, trx: Knex, t: Table, row: Record<string, unknown>): Promise<boolean> {
  const insert = trx(t.name).insert(row).onConflict().ignore();
  if (!isMysql(strapi)) return rowsOf(await insert.returning(t.col('id'))).length > 0;
  const { sql, bindings } = insert.toSQL();
  const [header] = await trx.raw(sql, bindings);
  return Number(header?.affectedRows ?? 0) > 0;
}

/**
 * Makes sure the row keyed by `key` exists, inserting `row` if not, and leaves an existing one
 * untouched. On MySQL the clash is an exclusive lock (ON DUPLICATE KEY UPDATE key = key), so a
 * SELECT ... FOR UPDATE that follows does not deadlock against a concurrent caller.
 */
export async function insertOrKeep(strapi: Core.Strapi, trx: Knex, t: Table, row: Record<string, unknown>, key: string): Promise<void> {
  const insert = trx(t.name).insert(row).onConflict(key);
  await (isMysql(strapi) ? insert.merge([key]) : insert.ignore());
}

/**
 * Adds 1 to the counter of each row (keyed by `key`), creating the rows that are missing,
 * atomically, and returns every row's new count. PostgreSQL and SQLite: one
 * INSERT ... ON CONFLICT DO UPDATE ... RETURNING. MySQL: the upsert, then the counts read back
 * in the same transaction: the upsert holds the rows' locks until commit, so no other increment
 * lands in between, and a plain read (READ COMMITTED, config/database.ts) sees our own writes.
 * Not FOR UPDATE: without a usable index InnoDB would lock, and wait for, every row it scans.
 * Rows are written in key order so that two upserts of overlapping keys lock them in the same order.
 */
export async function incrementCounters(strapi: Core.Strapi, t: Table, rows: Record<string, unknown>[], key: string, count: string): Promise<Map<string, number>> {
  const knex = strapi.db.connection;
  const sorted = [...rows].sort((a, b) => (String(a[key]) < String(b[key]) ? -1 : String(a[key]) > String(b[key]) ? 1 : 0));
  const upsert = (q: Knex) => q(t.name).insert(sorted).onConflict(key).merge({ [count]: knex.raw('??.?? + 1', [t.name, count]) });
  const counts = (result: Row[]) => new Map(result.map((r) => [String(r[key]), Number(r[count])]));
  if (!isMysql(strapi)) return counts(rowsOf(await upsert(knex).returning([key, count])));
  return knex.transaction(async (trx) => {
    await upsert(trx);
    return counts(await trx(t.name).whereIn(key, sorted.map((r) => String(r[key]))).select(key, count));
  });
}

/** Rows of a raw query, whatever the driver returns (pg: { rows }, SQLite: an array). */
export function rowsOf(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  if (isObject(result) && Array.isArray(result.rows)) return result.rows as Row[];
  return [];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Number of rows a knex update/delete touched, across drivers. */
export function affected(result: unknown): number {
  if (typeof result === 'number') return result;
  if (isObject(result) && typeof result.changes === 'number') return result.changes;
  if (isObject(result) && typeof result.rowCount === 'number') return result.rowCount;
  return 0;
}
