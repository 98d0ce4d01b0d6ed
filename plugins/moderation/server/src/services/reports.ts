/**
 * Applying the rule: one transaction inserts a report and re-evaluates its file with
 * `decide`. The file's media-state row is the lock that serializes reports on one file
 * (SELECT ... FOR UPDATE on PostgreSQL; SQLite has one writer at a time and the first
 * statement of the transaction is a write, so it takes the write lock up front). On top
 * of that the hide itself is a conditional update (status not already hidden or blocked),
 * and only the transaction whose update touched the row writes the audit entry and
 * emits moderation.hidden: a file is hidden exactly once however reports race.
 */
import type { Core } from '@strapi/strapi';
import { decide, isPubliclyVisible, windowStart, type ModerationStatus, type ReportInput, type FileRef } from '../domain';
import { UID } from '../content-types';
import { affected, baseRow, fromJson, hasRowLocks, rowsOf, table, toDate } from '../utils/db';
import { getService } from '../utils/plugin';

export interface FileRow {
  id: number;
  documentId: string | null;
  name: string | null;
  url: string | null;
  mime: string | null;
  formats: unknown;
  updatedAt: Date | null;
}

export type SubmitOutcome = { status: 'received' | 'already-reported'; fileFound: true } | { fileFound: false };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Looks a file up without the Query Engine, so the public visibility filter never applies here. */
  async function findFile(ref: FileRef | { id: number }, trx = strapi.db.connection): Promise<FileRow | null> {
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

  async function countsByReason(trx: any, fileId: number): Promise<Record<string, number>> {
    const r = table(strapi, UID.report);
    const rows = await trx(r.name).where(r.col('fileId'), fileId).select(`${r.col('reason')} as reason`).count('* as n').groupBy(r.col('reason'));
    return Object.fromEntries(rows.map((row: any) => [row.reason, Number(row.n)]));
  }

  return {
    findFile,
    countsByReason: (fileId: number) => countsByReason(strapi.db.connection, fileId),

    async submit(input: ReportInput, reporter: { reporterKey: string; networkKey: string }): Promise<SubmitOutcome> {
      const file = await findFile(input.file);
      if (!file) return { fileFound: false };
      const settings = await getService(strapi, 'settings').get();
      const s = table(strapi, UID.state);
      const r = table(strapi, UID.report);
      const now = new Date();
      let hidden: { before: ModerationStatus; after: Record<string, unknown> } | null = null;

      const status = await strapi.db.transaction(async ({ trx }) => {
        await trx(s.name)
          .insert({ ...baseRow(s, now), [s.col('fileId')]: file.id, [s.col('status')]: 'visible', [s.col('distinctReporters')]: 0, [s.col('distinctNetworks')]: 0, [s.col('reportCount')]: 0 })
          .onConflict(s.col('fileId'))
          .ignore();
        let lock = trx(s.name).where(s.col('fileId'), file.id).first();
        if (hasRowLocks(strapi)) lock = lock.forUpdate();
        const state = await lock;

        const inserted = await trx(r.name)
          .insert({
            ...baseRow(r, now),
            [r.col('fileId')]: file.id,
            [r.col('reason')]: input.reason,
            [r.col('comment')]: input.comment ?? null,
            [r.col('reporterKey')]: reporter.reporterKey,
            [r.col('networkKey')]: reporter.networkKey,
          })
          .onConflict([r.col('fileId'), r.col('reporterKey')])
          .ignore()
          .returning(r.col('id'));
        if (rowsOf(inserted).length === 0) return 'already-reported' as const;

        const reports = (
          await trx(r.name)
            .where(r.col('fileId'), file.id)
            .andWhere(r.col('createdAt'), '>=', windowStart(settings, now))
            .select(`${r.col('reporterKey')} as reporterKey`, `${r.col('networkKey')} as networkKey`, `${r.col('createdAt')} as createdAt`)
        ).map((row: any) => ({ reporterKey: row.reporterKey, networkKey: row.networkKey, createdAt: toDate(row.createdAt)! }));

        const before = state[s.col('status')] as ModerationStatus;
        const decision = decide({
          state: { status: before, restoredAt: toDate(state[s.col('restoredAt')]), fileUpdatedAt: file.updatedAt },
          reports,
          settings,
          now,
        });
        const counts = await countsByReason(trx, file.id);
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        const tally = {
          [s.col('distinctReporters')]: decision.distinctReporters,
          [s.col('distinctNetworks')]: decision.distinctNetworks,
          [s.col('reportCount')]: total,
          [s.col('countsByReason')]: JSON.stringify(counts),
          [s.col('firstReportAt')]: decision.firstReportAt,
          [s.col('lastReportAt')]: decision.lastReportAt,
          [s.col('updatedAt')]: now,
        };

        if (decision.action === 'hide') {
          const won = affected(
            await trx(s.name)
              .where(s.col('id'), state[s.col('id')])
              .whereNotIn(s.col('status'), ['hidden', 'blocked'])
              .update({ ...tally, [s.col('status')]: 'hidden', [s.col('hiddenAt')]: now }),
          );
          if (won === 1) {
            const after = { status: 'hidden', rule: decision.rule, distinctReporters: decision.distinctReporters, distinctNetworks: decision.distinctNetworks, countsByReason: counts };
            await getService(strapi, 'audit').record({ actor: 'system', action: 'hide', fileId: file.id, before: { status: before }, after, time: now }, trx);
            hidden = { before, after };
          }
        } else {
          await trx(s.name)
            .where(s.col('id'), state[s.col('id')])
            .update({ ...tally, [s.col('status')]: decision.status });
        }
        return 'received' as const;
      });

      if (hidden) {
        await getService(strapi, 'visibility').changed();
        await getService(strapi, 'events').emit('moderation.hidden', file.id);
      }
      return { status, fileFound: true };
    },

    isPubliclyVisible,
  };
};
