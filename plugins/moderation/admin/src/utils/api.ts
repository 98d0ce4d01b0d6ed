/** The moderation admin API's shapes, shared with the server (plugins/moderation/shared). */
import type { ModerationStatus, UsedBy } from '../../../shared';

export { PERMISSIONS, QUEUE_STATUSES as STATUSES } from '../../../shared';
export type {
  AuditEntry,
  BlockedPicture,
  ItemDetail,
  Locale,
  Pagination,
  QueueItem,
  Reason,
  ReviewAction,
  Settings,
  UsedBy,
} from '../../../shared';
export type Status = ModerationStatus;

/** The Content Manager's edit view of one entry, in the entry's own locale. */
export function contentManagerPath(entry: UsedBy): string {
  const base = `/content-manager/collection-types/${entry.contentType}/${entry.documentId}`;
  return entry.locale ? `${base}?plugins[i18n][locale]=${encodeURIComponent(entry.locale)}` : base;
}

/** Draft and published versions are two rows of one document: list the document once per field. */
export function uniqueUses(usedBy: UsedBy[]): UsedBy[] {
  const seen = new Map<string, UsedBy>();
  for (const u of usedBy) {
    const key = `${u.contentType}|${u.documentId}|${u.locale ?? ''}|${u.field}`;
    if (!seen.has(key) || (u.publishedAt && !seen.get(key)!.publishedAt)) seen.set(key, u);
  }
  return [...seen.values()];
}
