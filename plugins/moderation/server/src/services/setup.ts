/** What the plugin makes sure of at every boot; idempotent, so a restart or a second instance changes nothing. */
import type { Core } from '@strapi/strapi';
import { UID } from '../content-types';
import { table } from '../utils/db';
import { moveLegacyBlocks } from '../store/legacy-blocks';
import { actionId } from '../permissions';

/**
 * Unique indexes that Strapi's schema sync does not create for content types. Created at
 * every boot (IF NOT EXISTS), after the sync, so they exist even if a sync dropped them.
 */
export async function ensureIndexes(strapi: Core.Strapi) {
  const r = table(strapi, UID.report);
  const s = table(strapi, UID.state);
  const c = table(strapi, UID.rate);
  const o = table(strapi, UID.outbox);
  const b = table(strapi, UID.blocked);
  const unique = [
    ['moderation_reports_file_reporter_uq', r.name, [r.col('fileId'), r.col('reporterKey')]],
    // One report per file and account too: NULL (anonymous) never clashes, in SQLite and PostgreSQL alike.
    ['moderation_reports_file_account_uq', r.name, [r.col('fileId'), r.col('accountKey')]],
    ['moderation_outbox_events_event_uq', o.name, [o.col('eventId')]],
    ['moderation_media_states_file_uq', s.name, [s.col('fileId')]],
    ['moderation_rate_counters_bucket_uq', c.name, [c.col('bucket')]],
  ] as const;
  for (const [name, tableName, columns] of unique) {
    await strapi.db.connection.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})`, [name, tableName, ...columns]);
  }
  const plain = [
    ['moderation_media_states_status_ix', s.name, [s.col('status')]],
    ['moderation_rate_counters_expires_ix', c.name, [c.col('expiresAt')]],
    ['moderation_outbox_events_pending_ix', o.name, [o.col('deliveredAt'), o.col('nextAttemptAt')]],
    ['moderation_blocked_pictures_file_ix', b.name, [b.col('fileId')]],
  ] as const;
  for (const [name, tableName, columns] of plain) {
    await strapi.db.connection.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})`, [name, tableName, ...columns]);
  }
}

export const MODERATOR_ROLE = { code: 'moderator', name: 'Moderator', description: 'Reviews reported media: reads the queue, restores, blocks or deletes.' };

/** The Moderator admin role with read and review, created once; an existing role is left as an administrator shaped it. */
export async function ensureModeratorRole(strapi: Core.Strapi) {
  // Plugins bootstrap before the admin, whose default roles are only created when no role
  // exists yet: create them first, or the Moderator role would prevent them.
  await strapi.service('admin::role').createRolesIfNoneExist();
  const existing = await strapi.db.query('admin::role').findOne({ where: { code: MODERATOR_ROLE.code } });
  if (existing) return;
  const role = await strapi.service('admin::role').create(MODERATOR_ROLE);
  await strapi.service('admin::role').assignPermissions(role.id, [
    { action: actionId('read'), subject: null, properties: {}, conditions: [] },
    { action: actionId('review'), subject: null, properties: {}, conditions: [] },
  ]);
}


export default ({ strapi }: { strapi: Core.Strapi }) => ({
  ensureIndexes: () => ensureIndexes(strapi),
  moveLegacyBlocks: () => moveLegacyBlocks(strapi),
  ensureModeratorRole: () => ensureModeratorRole(strapi),
});
