/**
 * The plugin's rows: one feed state per source (with its lease), one item per (source, key).
 * The lease and the claims are single SQL statements whose effect is atomic on SQLite,
 * PostgreSQL and MySQL: an UPDATE … WHERE lease is free, counted by affected rows, and INSERTs
 * guarded by unique indexes.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { UID } from '../content-types';
import type { DedupeKeys } from '../core';

interface Meta {
  tableName: string;
  attributes: Record<string, { columnName?: string }>;
}

export function table(strapi: Core.Strapi, uid: string) {
  // The metadata type is internal to @strapi/database; only its names are read here.
  const meta = strapi.db.metadata.get(uid as never) as unknown as Meta;
  const col = (attribute: string): string => {
    const c = meta.attributes[attribute]?.columnName;
    if (!c) throw new Error(`ingest: ${uid} has no column for ${attribute}`);
    return c;
  };
  return { name: meta.tableName, col };
}

/** Unique violations as each driver reports them. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; message?: string; cause?: unknown } | null;
  if (!e) return false;
  if (e.code === '23505' || e.code === 'ER_DUP_ENTRY' || e.errno === 1062 || e.code === 'SQLITE_CONSTRAINT_UNIQUE') return true;
  if (/UNIQUE constraint failed|duplicate key value|Duplicate entry/i.test(e.message ?? '')) return true;
  return e.cause ? isUniqueViolation(e.cause) : false;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export interface FeedState {
  id: number;
  sourceDocumentId: string;
  feedUrl: string | null;
  etag: string | null;
  lastModified: string | null;
  leaseOwner: string | null;
  leaseUntil: number;
  nextPollAt: number;
  lastFetchAt: number | null;
  httpStatus: number | null;
  status: string | null;
  failures: number;
  lastError: string | null;
  lastErrorAt: number | null;
  seen: number;
  created: number;
  duplicates: number;
  warnings: string[] | null;
  lastRun: unknown;
}

export interface ItemRecord {
  id: number;
  sourceDocumentId: string;
  articleDocumentId: string | null;
  locale: string | null;
  contentHash: string | null;
  writtenAt: number | null;
  title: string | null;
  originalUrl: string | null;
  /** The body's stored pictures: picture URL → upload file id (JSON text on SQLite). */
  images: Record<string, number> | string | null;
  createdAt: string;
}

export const INSTANCE_ID = `${process.pid}-${randomBytes(4).toString('hex')}`;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const states = () => strapi.db.query(UID.state as never);
  const items = () => strapi.db.query(UID.item as never);
  const knex = () => strapi.db.connection;

  const normalizeState = (row: Record<string, unknown> | null): FeedState | null => {
    if (!row) return null;
    const r = row as unknown as FeedState;
    return { ...r, leaseUntil: num(r.leaseUntil), nextPollAt: num(r.nextPollAt), lastFetchAt: r.lastFetchAt === null ? null : num(r.lastFetchAt), lastErrorAt: r.lastErrorAt === null ? null : num(r.lastErrorAt) };
  };

  return {
    async ensureIndexes(): Promise<void> {
      const s = table(strapi, UID.state);
      const i = table(strapi, UID.item);
      const unique: [string, string, string[]][] = [
        ['ingest_feed_states_source_uq', s.name, [s.col('sourceDocumentId')]],
        ['ingest_items_source_guid_uq', i.name, [i.col('sourceDocumentId'), i.col('guidKey')]],
        ['ingest_items_source_url_uq', i.name, [i.col('sourceDocumentId'), i.col('urlKey')]],
        ['ingest_items_source_hash_uq', i.name, [i.col('sourceDocumentId'), i.col('hashKey')]],
      ];
      for (const [name, tableName, columns] of unique) {
        await knex().raw(`CREATE UNIQUE INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})`, [name, tableName, ...columns]);
      }
    },

    /** One state row per source, created once whatever the number of instances (the unique index decides). */
    async ensureState(sourceDocumentId: string): Promise<FeedState> {
      const existing = normalizeState(await states().findOne({ where: { sourceDocumentId } }));
      if (existing) return existing;
      try {
        await states().create({ data: { sourceDocumentId, leaseUntil: 0, nextPollAt: 0, failures: 0, seen: 0, created: 0, duplicates: 0 } });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
      return normalizeState(await states().findOne({ where: { sourceDocumentId } }))!;
    },

    getState: async (sourceDocumentId: string) => normalizeState(await states().findOne({ where: { sourceDocumentId } })),
    allStates: async () => ((await states().findMany({})) as Record<string, unknown>[]).map((r) => normalizeState(r)!),

    /**
     * Claims the source for `leaseMs` if nobody holds it (and, unless `force`, if it is due).
     * One UPDATE whose WHERE is re-checked under the row lock: two instances never both win.
     */
    async claim(sourceDocumentId: string, leaseMs: number, now: number, force: boolean): Promise<boolean> {
      const s = table(strapi, UID.state);
      const q = knex()(s.name)
        .where(s.col('sourceDocumentId'), sourceDocumentId)
        .andWhere((w) => w.whereNull(s.col('leaseUntil')).orWhere(s.col('leaseUntil'), '<', now));
      if (!force) q.andWhere((w) => w.whereNull(s.col('nextPollAt')).orWhere(s.col('nextPollAt'), '<=', now));
      const changed = await q.update({ [s.col('leaseOwner')]: INSTANCE_ID, [s.col('leaseUntil')]: now + leaseMs });
      return Number(changed) === 1;
    },

    /** Writes the outcome and frees the lease, only if this instance still holds it. */
    async release(sourceDocumentId: string, data: Partial<Omit<FeedState, 'id' | 'sourceDocumentId'>>): Promise<void> {
      const s = table(strapi, UID.state);
      const row: Record<string, unknown> = { [s.col('leaseOwner')]: null, [s.col('leaseUntil')]: 0 };
      for (const [k, v] of Object.entries(data)) row[s.col(k)] = k === 'warnings' || k === 'lastRun' ? JSON.stringify(v ?? null) : v;
      await knex()(s.name).where(s.col('sourceDocumentId'), sourceDocumentId).andWhere(s.col('leaseOwner'), INSTANCE_ID).update(row);
    },

    /** The stored item a draft is, by the key that identifies it. */
    async findItem(sourceDocumentId: string, keys: DedupeKeys): Promise<ItemRecord | null> {
      const where: Record<string, unknown> = { sourceDocumentId };
      if (keys.by === 'guid') where.guidKey = keys.guid;
      else if (keys.by === 'url') where.urlKey = keys.url;
      else where.hashKey = keys.hash;
      return (await items().findOne({ where })) as ItemRecord | null;
    },

    /** Claims the item (throws a unique violation if another run has it), inside the caller's transaction. */
    async claimItem(sourceDocumentId: string, keys: DedupeKeys, data: { title: string; originalUrl: string | null; locale: string; contentHash: string }): Promise<ItemRecord> {
      return (await items().create({
        data: {
          sourceDocumentId,
          guidKey: keys.by === 'guid' ? keys.guid : null,
          urlKey: keys.by === 'url' ? keys.url : null,
          hashKey: keys.by === 'hash' ? keys.hash : null,
          ...data,
        },
      })) as ItemRecord;
    },

    updateItem: async (id: number, data: Partial<ItemRecord>) => items().update({ where: { id }, data }),

    async itemsOf(sourceDocumentId: string, limit: number): Promise<ItemRecord[]> {
      return (await items().findMany({ where: { sourceDocumentId }, orderBy: { id: 'desc' }, limit })) as ItemRecord[];
    },
  };
};

