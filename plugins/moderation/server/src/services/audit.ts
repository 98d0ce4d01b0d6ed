/** Every change of a file's moderation state leaves one entry: who (an admin id or 'system'), what, before and after. */
import type { Core } from '@strapi/strapi';
import { UID } from '../content-types';
import { baseRow, fromJson, table, toDate } from '../utils/db';
import type { AuditAction, AuditEntry, AuditSnapshot, Page } from '../../../shared';
import { countOf, type Knex, type Row } from '../utils/types';

/** What the audit list reads of an admin user to name the actor. */
type AdminName = { id: number; username?: string | null; firstname?: string | null; lastname?: string | null; email: string };

export interface AuditRecord {
  actor: string;
  action: AuditAction;
  fileId: number | null;
  before: unknown;
  after: unknown;
  time: Date;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Written inside the caller's transaction when there is one, so an entry exists exactly when the change does. */
  async record(entry: AuditRecord, trx: Knex = strapi.db.connection) {
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

  async list({ page, pageSize, fileId }: { page: number; pageSize: number; fileId?: number }): Promise<Page<AuditEntry<Date>>> {
    const a = table(strapi, UID.audit);
    const base = () => {
      const q = strapi.db.connection(a.name);
      return fileId ? q.where(a.col('fileId'), fileId) : q;
    };
    const n = countOf(await base().count('* as n'));
    const rows: Row[] = await base()
      .orderBy(a.col('id'), 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .select('*');
    // Actors are admin ids (or 'system'); the desk shows names, and moderators may not read admin users.
    const adminIds = [...new Set(rows.map((row) => String(row[a.col('actor')])).filter((x) => /^[0-9]+$/.test(x)).map(Number))];
    const admins = adminIds.length
      ? await strapi.db.query('admin::user').findMany({ where: { id: { $in: adminIds } }, select: ['id', 'firstname', 'lastname', 'username', 'email'] })
      : [];
    const names = new Map<string, string>(
      admins.map((u: AdminName) => [String(u.id), u.username || [u.firstname, u.lastname].filter(Boolean).join(' ') || u.email]),
    );
    const fileIds = [...new Set(rows.map((row) => row[a.col('fileId')]).filter((x) => x !== null).map(Number))];
    const files = fileIds.length ? await strapi.db.query(UID.file).findMany({ where: { id: { $in: fileIds } }, select: ['id', 'name'] }) : [];
    const fileNames = new Map<number, string>(files.map((f: { id: number; name: string }) => [Number(f.id), f.name]));
    return {
      results: rows.map((row) => ({
        id: Number(row[a.col('id')]),
        actor: String(row[a.col('actor')]),
        actorName: names.get(String(row[a.col('actor')])) ?? null,
        action: row[a.col('action')] as AuditAction,
        fileId: row[a.col('fileId')] === null ? null : Number(row[a.col('fileId')]),
        // A deleted file keeps its name in the entry's `before`.
        fileName: fileNames.get(Number(row[a.col('fileId')])) ?? fromJson<AuditSnapshot | null>(row[a.col('before')], null)?.name ?? null,
        before: fromJson<AuditSnapshot | null>(row[a.col('before')], null),
        after: fromJson<AuditSnapshot | null>(row[a.col('after')], null),
        time: toDate(row[a.col('time')]),
      })),
      pagination: { page, pageSize, total: n, pageCount: Math.ceil(n / pageSize) },
    };
  },
});
