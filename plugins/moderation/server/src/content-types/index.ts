/**
 * The plugin's tables. None has a content-API route, and none is reachable from
 * plugin::upload.file: reports point at a file by a plain `fileId` column rather than a
 * relation, because the "one report per reporter and file" rule is a unique index over
 * (file_id, reporter_key), which needs both in one table (a Strapi relation lives in a
 * join table), and because a media attribute would link through files_related_mph and
 * show up under the file's `related` populate.
 */
import report from './report/schema.json';
import mediaState from './media-state/schema.json';
import auditEntry from './audit-entry/schema.json';
import rateCounter from './rate-counter/schema.json';
import outboxEvent from './outbox-event/schema.json';
import blockedPicture from './blocked-picture/schema.json';

export default {
  report: { schema: report },
  'media-state': { schema: mediaState },
  'audit-entry': { schema: auditEntry },
  'rate-counter': { schema: rateCounter },
  'outbox-event': { schema: outboxEvent },
  'blocked-picture': { schema: blockedPicture },
};

export const UID = {
  report: 'plugin::moderation.report',
  state: 'plugin::moderation.media-state',
  audit: 'plugin::moderation.audit-entry',
  rate: 'plugin::moderation.rate-counter',
  outbox: 'plugin::moderation.outbox-event',
  blocked: 'plugin::moderation.blocked-picture',
  file: 'plugin::upload.file',
} as const;

/** The plugin's own tables, none of which belongs on the content API. */
export const OWN_TABLES = [UID.report, UID.state, UID.audit, UID.rate, UID.outbox, UID.blocked] as const;
