/**
 * Applying the rule: one unit of work inserts a report and re-evaluates its file with
 * `decide`, under the lock of the file's state row, so reports on one file are judged one
 * after the other and the hide happens exactly once however they race (one audit entry,
 * one outbox event). A report is stored only if none of its identities (address key,
 * account key) has reported the file before: two unique indexes and insert-or-ignore.
 */
import type { Core } from '@strapi/strapi';
import { decide, isPubliclyVisible, windowStart, type ReportInput, type FileRef } from '../domain';
import { UID } from '../content-types';
import { baseRow, insertIfAbsent, table, toDate } from '../utils/db';
import { getService } from '../utils/plugin';
import { countsByReason, findFile, type FileRow } from '../store/files';
import { unitOfWork } from '../store/unit-of-work';
import { EVENTS } from './events';
import type { Identities } from './reporter';
import type { Knex, Row } from '../utils/types';

export type { FileRow };

export type SubmitOutcome = { status: 'received' | 'already-reported'; fileFound: true } | { fileFound: false };

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  findFile: (ref: FileRef | { id: number }, trx?: Knex) => findFile(strapi, ref, trx),
  countsByReason: (fileId: number) => countsByReason(strapi, fileId),

  async submit(input: ReportInput, reporter: Identities): Promise<SubmitOutcome> {
    const file = await findFile(strapi, input.file);
    if (!file) return { fileFound: false };
    const settings = await getService(strapi, 'settings').get();
    const r = table(strapi, UID.report);

    const status = await unitOfWork(strapi, file.id, { create: true }, async ({ trx, state, now, t }) => {
      // No conflict target: a clash on either unique index (address or account) ignores the report.
      const inserted = await insertIfAbsent(strapi, trx, r, {
        ...baseRow(r, now),
        [r.col('fileId')]: file.id,
        [r.col('reason')]: input.reason,
        [r.col('comment')]: input.comment ?? null,
        [r.col('reporterKey')]: reporter.reporterKey,
        [r.col('accountKey')]: reporter.accountKey,
        [r.col('networkKey')]: reporter.networkKey,
      });
      if (!inserted) return { result: 'already-reported' as const };

      const reports = (
        await trx(r.name)
          .where(r.col('fileId'), file.id)
          .andWhere(r.col('createdAt'), '>=', windowStart(settings, now))
          .select(`${r.col('reporterKey')} as reporterKey`, `${r.col('accountKey')} as accountKey`, `${r.col('networkKey')} as networkKey`, `${r.col('createdAt')} as createdAt`)
      ).map((row: Row) => ({ reporterKey: String(row.reporterKey), accountKey: row.accountKey === null || row.accountKey === undefined ? null : String(row.accountKey), networkKey: String(row.networkKey), createdAt: toDate(row.createdAt)! }));

      const before = state.status!;
      const decision = decide({
        state: { status: before, restoredAt: toDate(state.row![t.col('restoredAt')]), fileUpdatedAt: file.updatedAt },
        reports,
        settings,
        now,
      });
      const counts = await countsByReason(strapi, file.id, trx);
      const tally = {
        distinctReporters: decision.distinctReporters,
        distinctNetworks: decision.distinctNetworks,
        reportCount: Object.values(counts).reduce((a, b) => a + b, 0),
        countsByReason: JSON.stringify(counts),
        firstReportAt: decision.firstReportAt,
        lastReportAt: decision.lastReportAt,
        status: decision.status,
      };
      if (decision.action !== 'hide') return { result: 'received' as const, change: { state: tally } };
      return {
        result: 'received' as const,
        change: {
          state: { ...tally, hiddenAt: now },
          audit: {
            actor: 'system',
            action: 'hide' as const,
            before: { status: before },
            after: { status: 'hidden', rule: decision.rule, distinctReporters: decision.distinctReporters, distinctNetworks: decision.distinctNetworks, countsByReason: counts },
          },
          event: EVENTS.MODERATION_HIDDEN,
        },
      };
    });
    return { status, fileFound: true };
  },

  isPubliclyVisible,
});
