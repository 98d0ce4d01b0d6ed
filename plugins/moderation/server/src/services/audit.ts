/** Every change of a file's moderation state leaves one entry: who (an admin id or 'system'), what, before and after. */
import type { Core } from '@strapi/strapi';
import { UID } from '../content-types';
import { baseRow, fromJson, table, toDate } from '../utils/db';

export interface AuditRecord {
  actor: string;
  action: 'hide' | 'restore' | 'block' | 'delete' | 'lift' | 'settings';
  fileId: number | null;
  before: unknown;
  after: unknown;
  time: Date;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Written inside the caller's transaction when there is one, so an entry exists exactly when the change does. */
  async record(entry: AuditRecord, trx: any = strapi.db.connection) {
    const a = table(strapi, UID.audit);
    await trx(a.name).insert({
      ...baseRow(a, entry.time),
      [a.col('actor')]: entry.actor,
      [a.col('action')]: entry.action,
      [a.col('fileId')]: entry.fileId,
      [a.col('before')]: JSON.stringify(entry.before ?? null),
      [a.col('after')]: JSON.stringify(entry.after ?? null),
      [a.col('time')]: entry.time,
    });
  },

  async list({ page, pageSize, fileId }: { page: number; pageSize: number; fileId?: number }) {
    const a = table(strapi, UID.audit);
    const base = () => {
      const q = strapi.db.connection(a.name);
      return fileId ? q.where(a.col('fileId'), fileId) : q;
    };
    const [{ n }] = await base().count('* as n');
    const rows = await base()
      .orderBy(a.col('id'), 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .select('*');
    // Actors are admin ids (or 'system'); the desk shows names, and moderators may not read admin users.
    const adminIds = [...new Set(rows.map((row: any) => row[a.col('actor')]).filter((x: string) => /^[0-9]+$/.test(x)).map(Number))];
    const admins = adminIds.length
      ? await strapi.db.query('admin::user').findMany({ where: { id: { $in: adminIds } }, select: ['id', 'firstname', 'lastname', 'username', 'email'] })
      : [];
    const names = new Map<string, string>(
      admins.map((u: any) => [String(u.id), u.username || [u.firstname, u.lastname].filter(Boolean).join(' ') || u.email]),
    );
    const fileIds = [...new Set(rows.map((row: any) => row[a.col('fileId')]).filter((x: unknown) => x !== null).map(Number))];
    const files = fileIds.length ? await strapi.db.query(UID.file as any).findMany({ where: { id: { $in: fileIds } }, select: ['id', 'name'] }) : [];
    const fileNames = new Map<number, string>(files.map((f: any) => [Number(f.id), f.name]));
    return {
      results: rows.map((row: any) => ({
        id: Number(row[a.col('id')]),
        actor: row[a.col('actor')],
        actorName: names.get(row[a.col('actor')]) ?? null,
        action: row[a.col('action')],
        fileId: row[a.col('fileId')] === null ? null : Number(row[a.col('fileId')]),
        // A deleted file keeps its name in the entry's `before`.
        fileName: fileNames.get(Number(row[a.col('fileId')])) ?? fromJson<any>(row[a.col('before')], null)?.name ?? null,
        before: fromJson(row[a.col('before')], null),
        after: fromJson(row[a.col('after')], null),
        time: toDate(row[a.col('time')]),
      })),
      pagination: { page, pageSize, total: Number(n), pageCount: Math.ceil(Number(n) / pageSize) },
    };
  },
});
