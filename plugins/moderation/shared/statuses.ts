/** A file's moderation statuses (the rule that moves between them: server/src/domain/decide.ts). */
export const MODERATION_STATUSES = ['visible', 'queued', 'hidden', 'restored', 'blocked'] as const;
export type ModerationStatus = (typeof MODERATION_STATUSES)[number];

export function isModerationStatus(value: unknown): value is ModerationStatus {
  return (MODERATION_STATUSES as readonly unknown[]).includes(value);
}

/** The statuses the review desk filters on: a visible file has no report, so it is never in the queue. */
export const QUEUE_STATUSES = ['queued', 'hidden', 'restored', 'blocked'] as const satisfies readonly ModerationStatus[];

/** How the queue is ordered: newest report first, or most reports first. */
export const QUEUE_SORTS = ['latest', 'reports'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** The site locales: reasons are labelled in each, and the desk speaks them. */
export const LOCALES = ['ar', 'fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
