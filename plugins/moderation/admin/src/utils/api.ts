/** Shapes of the moderation admin API (plugins/moderation/server/src/services/review.ts, audit.ts, domain/settings.ts). */
export const STATUSES = ['queued', 'hidden', 'restored', 'blocked'] as const;
export type Status = 'visible' | (typeof STATUSES)[number];
export type Locale = 'ar' | 'fr' | 'en';

export interface UsedBy {
  contentType: string;
  field: string;
  id: number;
  documentId: string;
  locale: string | null;
  title: string | null;
  publishedAt: string | null;
}

export interface QueueItem {
  file: { id: number; documentId: string | null; name: string | null; url: string | null; thumbnailUrl: string | null; size: number | null; mime: string | null };
  status: Status;
  distinctReporters: number;
  distinctNetworks: number;
  reportCount: number;
  countsByReason: Record<string, number>;
  firstReportAt: string | null;
  lastReportAt: string | null;
  usedBy: UsedBy[];
}

export interface Pagination {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

export interface Reason {
  code: string;
  labels: Record<Locale, string>;
}

export interface Settings {
  threshold: number;
  minNetworks: number;
  windowDays: number;
  rateLimit: { perMinute: number; perDay: number };
  reasons: Reason[];
}

export interface AuditEntry {
  id: number;
  actor: string;
  actorName: string | null;
  action: 'hide' | 'restore' | 'block' | 'delete' | 'lift' | 'settings';
  fileId: number | null;
  fileName: string | null;
  before: any;
  after: any;
  time: string | null;
}

export interface BlockedPicture {
  id: number;
  fileId: number;
  fileName: string | null;
  fileExists: boolean;
  blockedBy: number | null;
  blockedAt: string | null;
}

export type ReviewAction = 'restore' | 'block' | 'remove';

export const PERMISSIONS = {
  read: [{ action: 'plugin::moderation.read', subject: null }],
  review: [{ action: 'plugin::moderation.review', subject: null }],
  settings: [{ action: 'plugin::moderation.settings', subject: null }],
};

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
