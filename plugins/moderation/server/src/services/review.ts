/**
 * The review desk's actions. Each one is a unit of work (store/unit-of-work.ts): the
 * file's state row locked, changed, one audit entry naming the admin and the webhook
 * event written in the same transaction.
 */
import type { Core } from '@strapi/strapi';
import type { UID as StrapiUID } from '@strapi/strapi';
import { localizedReasons, MODERATION_STATUSES, type ModerationStatus } from '../domain';
import { QUEUE_SORTS, type DeleteResult, type FileView, type ItemDetail, type Page, type QueueItem, type QueueSort, type ReasonGroup, type StateView, type UsedBy } from '../../../shared';
import { UID } from '../content-types';
import { baseRow, fromJson, morphJoinTable, table, toDate } from '../utils/db';
import { countOf, type Row } from '../utils/types';
import { findFile } from '../store/files';
import { unitOfWork } from '../store/unit-of-work';
import { getService, pluginConfig } from '../utils/plugin';
import { localFilePath } from '../utils/files';
import { fileUrls } from './visibility';
import { EVENTS } from './events';

export class NoSuchItem extends Error {}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export { QUEUE_SORTS, type QueueSort };

/** An entry as the Query Engine reads it: which attribute is its title is configuration. */
type EntryRow = { id: number; documentId: string; locale?: string | null; publishedAt?: unknown } & Row;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const s = () => table(strapi, UID.state);

  function stateView(row: Row): StateView<Date> {
    const t = s();
    return {
      status: row[t.col('status')] as ModerationStatus,
      distinctReporters: Number(row[t.col('distinctReporters')] ?? 0),
      distinctNetworks: Number(row[t.col('distinctNetworks')] ?? 0),
      reportCount: Number(row[t.col('reportCount')] ?? 0),
      countsByReason: fromJson<Record<string, number>>(row[t.col('countsByReason')], {}),
      firstReportAt: toDate(row[t.col('firstReportAt')]),
      lastReportAt: toDate(row[t.col('lastReportAt')]),
      hiddenAt: toDate(row[t.col('hiddenAt')]),
      reviewedBy: row[t.col('reviewedBy')] === null ? null : Number(row[t.col('reviewedBy')]),
      reviewedAt: toDate(row[t.col('reviewedAt')]),
      restoredAt: toDate(row[t.col('restoredAt')]),
    };
  }

  function fileView(row: Row): FileView {
    const formats = fromJson<Record<string, { url?: string }>>(row.formats, {});
    return {
      id: Number(row.fileId),
      documentId: text(row.documentId),
      name: text(row.name),
      url: text(row.url),
      thumbnailUrl: formats?.thumbnail?.url ?? text(row.url),
      urls: fileUrls({ url: text(row.url), formats: row.formats }),
      // Strapi's upload stores the size in kB.
      size: row.size === undefined || row.size === null ? null : Number(row.size),
      mime: text(row.mime),
    };
  }

  /**
   * Entries whose media fields use the file (through upload's morph table), with what a
   * moderator needs to find them: only of the content types the plugin's `usedIn` config lists.
   */
  async function usage(fileId: number): Promise<UsedBy<Date>[]> {
    const titles = new Map(pluginConfig(strapi).usedIn.map((t) => [t.uid, t.titleField]));
    if (titles.size === 0) return [];
    const jt = morphJoinTable(strapi);
    const rows: Array<{ id: number; type: string; field: string }> = await strapi.db
      .connection(jt.name)
      .where(jt.joinColumn.name, fileId)
      .whereIn(jt.morphColumn.typeColumn.name, [...titles.keys()])
      .select(`${jt.morphColumn.idColumn.name} as id`, `${jt.morphColumn.typeColumn.name} as type`, 'field');
    const used: UsedBy<Date>[] = [];
    for (const row of rows) {
      const titleField = titles.get(row.type);
      if (!titleField) continue;
      const entry: EntryRow | null = await strapi.db.query(row.type as StrapiUID.Schema).findOne({ where: { id: row.id } });
      if (!entry) continue;
      const title = entry[titleField];
      used.push({
        contentType: row.type,
        field: row.field,
        id: entry.id,
        documentId: entry.documentId,
        locale: entry.locale ?? null,
        title: typeof title === 'string' ? title : null,
        publishedAt: toDate(entry.publishedAt),
      });
    }
    return used;
  }

  /** Moves a file to `to` for an admin; no audit and no event when it already was there. */
  async function transition(fileId: number, adminId: number, to: 'restored' | 'blocked') {
    const file = await findFile(strapi, { id: fileId });
    if (!file) throw new NoSuchItem();
    // Read before the transaction (it is file I/O): a re-upload of a blocked picture is then hidden on upload.
    const fingerprint = to === 'blocked' ? await getService(strapi, 'blocklist').fingerprintOf(file) : null;
    const b = table(strapi, UID.blocked);
    // A moderator may block a file nobody reported yet: it gets a state row then.
    await unitOfWork(strapi, fileId, { create: to === 'blocked' }, async ({ trx, state, now }) => {
      if (!state.row) throw new NoSuchItem();
      const before = state.status;
      if (before === to) return { result: undefined };
      const set: Record<string, unknown> = { status: to, reviewedBy: adminId, reviewedAt: now };
      if (to === 'restored') {
        set.restoredAt = now;
        // A moderator who restores a blocked picture no longer wants its copies kept out.
        await trx(b.name).where(b.col('fileId'), fileId).delete();
      }
      if (fingerprint) {
        await trx(b.name).where(b.col('fileId'), fileId).delete();
        await trx(b.name).insert({
          ...baseRow(b, now),
          [b.col('fingerprint')]: fingerprint,
          [b.col('fileId')]: fileId,
          [b.col('fileName')]: file.name,
          [b.col('blockedBy')]: adminId,
          [b.col('blockedAt')]: now,
        });
      }
      return {
        result: undefined,
        change: {
          state: set,
          audit: { actor: String(adminId), action: to === 'restored' ? ('restore' as const) : ('block' as const), before: { status: before }, after: { status: to } },
          event: to === 'restored' ? EVENTS.MODERATION_RESTORED : EVENTS.MODERATION_BLOCKED,
        },
      };
    });
    return itemOf(fileId);
  }

  async function itemOf(fileId: number): Promise<ItemDetail<Date>> {
    const item = await service.item(fileId);
    if (!item) throw new NoSuchItem();
    return item;
  }

  const service = {
    async queue({ status, page, pageSize, sort = 'latest' }: { status?: ModerationStatus[]; page: number; pageSize: number; sort?: QueueSort }): Promise<Page<QueueItem<Date>>> {
      const t = s();
      const f = table(strapi, UID.file);
      const base = () => {
        const q = strapi.db.connection(t.name).join(f.name, `${f.name}.${f.col('id')}`, `${t.name}.${t.col('fileId')}`);
        return status && status.length > 0 ? q.whereIn(`${t.name}.${t.col('status')}`, status) : q;
      };
      const total = countOf(await base().count('* as n'));
      const rows = await base()
        .orderBy([
          ...(sort === 'reports' ? [{ column: `${t.name}.${t.col('reportCount')}`, order: 'desc' as const }] : []),
          { column: `${t.name}.${t.col('lastReportAt')}`, order: 'desc' as const },
          { column: `${t.name}.${t.col('id')}`, order: 'desc' as const },
        ])
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .select(
          `${t.name}.*`,
          `${t.name}.${t.col('fileId')} as fileId`,
          `${f.name}.${f.col('documentId')} as documentId`,
          `${f.name}.${f.col('name')} as name`,
          `${f.name}.${f.col('url')} as url`,
          `${f.name}.${f.col('formats')} as formats`,
          `${f.name}.${f.col('size')} as size`,
          `${f.name}.${f.col('mime')} as mime`,
        );
      const results: QueueItem<Date>[] = [];
      // The desk shows every entry using each file, so a moderator sees what a decision affects.
      for (const row of rows) results.push({ file: fileView(row), ...stateView(row), usedBy: await usage(Number(row.fileId)) });
      return {
        results,
        pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) },
      };
    },

    async item(fileId: number, locale?: string): Promise<ItemDetail<Date> | null> {
      const t = s();
      const file = await findFile(strapi, { id: fileId });
      const row = await strapi.db.connection(t.name).where(t.col('fileId'), fileId).first();
      if (!file || !row) return null;
      const r = table(strapi, UID.report);
      // Reporter and network keys stay in the database: a moderator judges the picture, not who sent it.
      const reports: Array<{ reason: string; comment: string | null; createdAt: unknown }> = await strapi.db
        .connection(r.name)
        .where(r.col('fileId'), fileId)
        .orderBy(r.col('id'), 'asc')
        .select(`${r.col('reason')} as reason`, `${r.col('comment')} as comment`, `${r.col('createdAt')} as createdAt`);
      const f = table(strapi, UID.file);
      const meta = await strapi.db.connection(f.name).where(f.col('id'), fileId).first(`${f.col('size')} as size`, `${f.col('mime')} as mime`);
      const settings = await getService(strapi, 'settings').get();
      const labels = new Map(localizedReasons(settings.reasons, locale).map((x) => [x.code, x.label]));
      const groups = new Map<string, ReasonGroup<Date>>();
      for (const rep of reports) {
        const g = groups.get(rep.reason) ?? { reason: rep.reason, label: labels.get(rep.reason) ?? null, count: 0, reports: [] };
        g.count++;
        g.reports.push({ comment: rep.comment ?? null, createdAt: toDate(rep.createdAt) });
        groups.set(rep.reason, g);
      }
      return {
        file: fileView({ ...file, ...meta, fileId: file.id }),
        ...stateView(row),
        reasons: [...groups.values()].sort((a, b) => b.count - a.count),
        usedBy: await usage(fileId),
      };
    },

    restore(fileId: number, adminId: number) {
      return transition(fileId, adminId, 'restored');
    },

    block(fileId: number, adminId: number) {
      return transition(fileId, adminId, 'blocked');
    },

    /**
     * Deletes the file everywhere through the upload service (storage and formats), then its
     * reports and state. A block it had stays: its fingerprint is kept apart from the file.
     */
    async remove(fileId: number, adminId: number): Promise<DeleteResult> {
      const file = await strapi.db.query(UID.file).findOne({ where: { id: fileId } });
      if (!file) throw new NoSuchItem();
      const t = s();
      const before = await strapi.db.connection(t.name).where(t.col('fileId'), fileId).first();
      // The file goes first: were this to fail, the file would keep its state (and stay hidden).
      await strapi.plugin('upload').service('upload').remove(file);
      await unitOfWork(strapi, fileId, {}, async () => ({
        result: undefined,
        change: {
          state: 'delete' as const,
          audit: { actor: String(adminId), action: 'delete' as const, before: { status: before?.[t.col('status')] ?? 'visible', name: file.name, url: file.url }, after: null },
        },
      }));
      return { id: fileId, deleted: true as const };
    },

    /**
     * The picture for the desk. Hidden files answer 404 on /uploads for everyone, the admin
     * panel included, so moderators get the bytes here, behind their admin session.
     * Local provider only; a remote URL is returned for the caller to redirect to.
     */
    async preview(fileId: number): Promise<{ path: string; mime: string } | { redirect: string } | null> {
      const t = s();
      const row = await strapi.db.connection(t.name).where(t.col('fileId'), fileId).first();
      const file = row ? await strapi.db.query(UID.file).findOne({ where: { id: fileId } }) : null;
      if (!file) return null;
      const formats = fromJson<Record<string, { url?: string; mime?: string }>>(file.formats, {});
      const pick = formats?.thumbnail?.url ? formats.thumbnail : formats?.small?.url ? formats.small : file;
      const url = String(pick.url ?? '');
      if (/^https?:\/\//.test(url)) return { redirect: url };
      const local = localFilePath(strapi, url);
      if (!local) return null;
      return { path: local, mime: pick.mime ?? file.mime ?? 'application/octet-stream' };
    },

    statuses: MODERATION_STATUSES,
  };
  return service;
};
