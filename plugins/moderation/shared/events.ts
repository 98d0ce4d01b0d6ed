/** The plugin's webhook events (Settings -> Webhooks), written to the outbox with the change they report. */
export const EVENTS = {
  MODERATION_HIDDEN: 'moderation.hidden',
  MODERATION_RESTORED: 'moderation.restored',
  MODERATION_BLOCKED: 'moderation.blocked',
} as const;

export type ModerationEvent = (typeof EVENTS)[keyof typeof EVENTS];
