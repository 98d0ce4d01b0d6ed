/**
 * Thin helpers for the queries the report path writes by hand: a conditional update, an
 * upsert and a row lock need SQL that the Query Engine does not offer. Table and column
 * names come from Strapi's metadata, so they follow whatever naming Strapi applies.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';

export interface Table {
  name: string;
  col: (attribute: string) => string;
  has: (attribute: string) => boolean;
}

export function table(strapi: Core.Strapi, uid: string): Table {
  const meta = strapi.db.metadata.get(uid as any) as any;
  const col = (attribute: string) => {
    const a = meta.attributes[attribute];
    if (!a || !a.columnName) throw new Error(`moderation: ${uid} has no column for ${attribute}`);
    return a.columnName as string;
  };
  return { name: meta.tableName, col, has: (attribute) => Boolean(meta.attributes[attribute]?.columnName) };
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

export const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';

/** Rows of a raw query, whatever the driver returns (pg: { rows }, SQLite: an array). */
export function rowsOf(result: any): any[] {
  if (Array.isArray(result)) return result;
  if (result && Array.isArray(result.rows)) return result.rows;
  return [];
}

/** Number of rows a knex update/delete touched, across drivers. */
export function affected(result: any): number {
  if (typeof result === 'number') return result;
  if (result && typeof result.changes === 'number') return result.changes;
  if (result && typeof result.rowCount === 'number') return result.rowCount;
  return 0;
}
