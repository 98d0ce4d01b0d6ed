/** Reads of a file and its reports that every write path needs, inside its transaction or not. */
import type { Core } from '@strapi/strapi';
import type { FileRef } from '../domain';
import { UID } from '../content-types';
import { fromJson, table, toDate } from '../utils/db';
import type { Knex, Row } from '../utils/types';

export interface FileRow {
  id: number;
  documentId: string | null;
  name: string | null;
  url: string | null;
  mime: string | null;
  formats: unknown;
  updatedAt: Date | null;
}

/** Looks a file up without the Query Engine, so the public visibility filter never applies here. */
export async function findFile(strapi: Core.Strapi, ref: FileRef | { id: number }, trx: Knex = strapi.db.connection): Promise<FileRow | null> {
  const f = table(strapi, UID.file);
  const q = trx(f.name).first(
    `${f.col('id')} as id`,
    `${f.col('documentId')} as documentId`,
    `${f.col('name')} as name`,
    `${f.col('url')} as url`,
    `${f.col('mime')} as mime`,
    `${f.col('formats')} as formats`,
    `${f.col('updatedAt')} as updatedAt`,
  );
  const row = ref.id !== undefined ? await q.where(f.col('id'), ref.id) : await q.where(f.col('documentId'), ref.documentId);
  if (!row) return null;
  return { ...row, id: Number(row.id), formats: fromJson(row.formats, {}), updatedAt: toDate(row.updatedAt) };
}

export async function countsByReason(strapi: Core.Strapi, fileId: number, trx: Knex = strapi.db.connection): Promise<Record<string, number>> {
  const r = table(strapi, UID.report);
  const rows = await trx(r.name).where(r.col('fileId'), fileId).select(`${r.col('reason')} as reason`).count('* as n').groupBy(r.col('reason'));
  return Object.fromEntries(rows.map((row: Row) => [String(row.reason), Number(row.n)]));
}
