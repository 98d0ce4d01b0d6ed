/**
 * The one way a file's moderation state changes (a report that hides, restore, block,
 * delete, a blocked picture hidden on upload). In one transaction: take the file's state
 * row as the lock, let the caller decide on what it read, write the change, its audit
 * entry and its outbox event; after commit, tell the hidden set and the outbox. An audit
 * entry and an event therefore exist exactly when the change does, whoever crashes when.
 *
 * The lock: PostgreSQL and MySQL take SELECT ... FOR UPDATE. SQLite has no row locks and
 * one writer at a time; the first statement is a write (the insert-or-ignore, or a
 * no-op update), so the transaction holds the write lock before it reads the state.
 */
import type { Core } from '@strapi/strapi';
import { UID } from '../content-types';
import type { ModerationStatus } from '../domain';
import { baseRow, hasRowLocks, insertOrKeep, table, type Table } from '../utils/db';
import { getService } from '../utils/plugin';
import type { AuditRecord } from '../services/audit';
import type { ModerationEvent } from '../services/events';
import { writeEvent } from './outbox';
import type { Knex, Row } from '../utils/types';

export interface LockedState {
  /** The state row as stored (column names), or null when the file has none. */
  row: Row | null;
  status: ModerationStatus | null;
}

export interface Change {
  /** Attributes to set on the state row, or 'delete' to remove the row and the file's reports. */
  state?: Record<string, unknown> | 'delete';
  /** Present exactly when the status changes: the change is then audited and announced. */
  audit?: { actor: string; action: AuditRecord['action']; before: unknown; after: unknown };
  event?: ModerationEvent;
}

export interface Work<T> {
  (tx: { trx: Knex; state: LockedState; now: Date; t: Table }): Promise<{ result: T; change?: Change }>;
}

export interface UnitOptions {
  /** Give the file a state row (status visible) when it has none, so there is a row to lock. */
  create?: boolean;
}

export async function unitOfWork<T>(strapi: Core.Strapi, fileId: number, options: UnitOptions, work: Work<T>): Promise<T> {
  const t = table(strapi, UID.state);
  const now = new Date();
  let applied: Change | undefined;
  const result = await strapi.db.transaction(async ({ trx }) => {
    if (options.create) {
      const row = { ...baseRow(t, now), [t.col('fileId')]: fileId, [t.col('status')]: 'visible', [t.col('distinctReporters')]: 0, [t.col('distinctNetworks')]: 0, [t.col('reportCount')]: 0 };
      await insertOrKeep(strapi, trx, t, row, t.col('fileId'));
    } else if (!hasRowLocks(strapi)) {
      await trx(t.name).where(t.col('fileId'), fileId).update({ [t.col('fileId')]: fileId });
    }
    let lock = trx(t.name).where(t.col('fileId'), fileId).first();
    if (hasRowLocks(strapi)) lock = lock.forUpdate();
    const row = (await lock) ?? null;
    const state: LockedState = { row, status: row ? (row[t.col('status')] as ModerationStatus) : null };

    const { result, change } = await work({ trx, state, now, t });
    if (change?.state === 'delete') {
      const r = table(strapi, UID.report);
      await trx(r.name).where(r.col('fileId'), fileId).delete();
      await trx(t.name).where(t.col('fileId'), fileId).delete();
    } else if (change?.state && row) {
      const set: Record<string, unknown> = { [t.col('updatedAt')]: now };
      for (const [attribute, value] of Object.entries(change.state)) set[t.col(attribute)] = value;
      await trx(t.name).where(t.col('id'), row[t.col('id')]).update(set);
    }
    if (change?.audit) await getService(strapi, 'audit').record({ ...change.audit, fileId, time: now }, trx);
    if (change?.event) await writeEvent(strapi, trx, change.event, fileId, now);
    applied = change;
    return result;
  });

  if (applied?.audit) await getService(strapi, 'visibility').changed();
  if (applied?.event) getService(strapi, 'outbox').kick();
  return result;
}
