/**
 * What the moderation API answers, as the server builds it and the admin panel reads it.
 * Times are `Date` where the server builds an answer and ISO strings once it went through
 * JSON: each shape takes the time type as a parameter (the admin's default: string).
 */
import type { Locale, ModerationStatus } from './statuses';

export interface Pagination {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

export interface Page<T> {
  results: T[];
  pagination: Pagination;
}

/** An entry whose media field uses the file (the content types listed in the plugin's `usedIn` config). */
export interface UsedBy<Time = string> {
  contentType: string;
  field: string;
  id: number;
  documentId: string;
  locale: string | null;
  title: string | null;
  publishedAt: Time | null;
}

export interface FileView {
  id: number;
  documentId: string | null;
  name: string | null;
  url: string | null;
  thumbnailUrl: string | null;
  /** Every URL the file is served under: the original and each format. */
  urls: string[];
  /** In kB, as Strapi's upload stores it. */
  size: number | null;
  mime: string | null;
}

export interface StateView<Time = string> {
  status: ModerationStatus;
  distinctReporters: number;
  distinctNetworks: number;
  reportCount: number;
  countsByReason: Record<string, number>;
  firstReportAt: Time | null;
  lastReportAt: Time | null;
  hiddenAt: Time | null;
  reviewedBy: number | null;
  reviewedAt: Time | null;
  restoredAt: Time | null;
}

export interface QueueItem<Time = string> extends StateView<Time> {
  file: FileView;
  usedBy: UsedBy<Time>[];
}

export interface ReasonGroup<Time = string> {
  reason: string;
  label: string | null;
  count: number;
  reports: Array<{ comment: string | null; createdAt: Time | null }>;
}

/** One file for the desk: the queue's view, with its reports grouped by reason (reporters never shown). */
export interface ItemDetail<Time = string> extends QueueItem<Time> {
  reasons: ReasonGroup<Time>[];
}

export interface DeleteResult {
  id: number;
  deleted: true;
}

export type ReviewAction = 'restore' | 'block' | 'remove';

export const AUDIT_ACTIONS = ['hide', 'restore', 'block', 'delete', 'lift', 'settings'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry<Time = string> {
  id: number;
  /** An admin id, or 'system' for the rule and the blocklist. */
  actor: string;
  actorName: string | null;
  action: AuditAction;
  fileId: number | null;
  fileName: string | null;
  /** What the entry's action changed, as recorded: a status, settings, a block. */
  before: AuditSnapshot | null;
  after: AuditSnapshot | null;
  time: Time | null;
}

/** The recorded before/after of an audit entry; which keys are present depends on the action. */
export interface AuditSnapshot {
  status?: ModerationStatus;
  name?: string | null;
  url?: string | null;
  rule?: string;
  blocked?: boolean;
  fileName?: string | null;
  threshold?: number;
  minNetworks?: number;
  windowDays?: number;
  rateLimit?: RateLimit;
  reasons?: Reason[];
  [key: string]: unknown;
}

export interface BlockedPicture<Time = string> {
  id: number;
  fileId: number;
  fileName: string | null;
  fileExists: boolean;
  blockedBy: number | null;
  blockedAt: Time | null;
}

export interface RateLimit {
  perMinute: number;
  perDay: number;
}

export interface Reason {
  code: string;
  labels: Record<Locale, string>;
}

/** The moderation settings as the settings API takes and answers them (validated by server/src/domain/settings.ts). */
export interface Settings {
  threshold: number;
  minNetworks: number;
  windowDays: number;
  rateLimit: RateLimit;
  reasons: Reason[];
}

/** The public report API's answer: never counts, nor whether the file is now hidden. */
export interface Receipt {
  status: 'received' | 'already-reported';
}
