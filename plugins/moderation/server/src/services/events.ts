/**
 * Webhook events. Registered as allowed events so they can be picked in Settings ->
 * Webhooks; emitted on the event hub, which the webhook runner listens to. Only the
 * instance that made a change emits, so one change is one delivery.
 */
import type { Core } from '@strapi/strapi';
import { fileUrls } from './visibility';
import { getService } from '../utils/plugin';

export const EVENTS = {
  MODERATION_HIDDEN: 'moderation.hidden',
  MODERATION_RESTORED: 'moderation.restored',
  MODERATION_BLOCKED: 'moderation.blocked',
} as const;

export type ModerationEvent = (typeof EVENTS)[keyof typeof EVENTS];

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  register() {
    const store = strapi.get('webhookStore') as any;
    for (const [key, value] of Object.entries(EVENTS)) store.addAllowedEvent(key, value);
  },

  /** The payload a CDN purge or a newsroom alert needs: which file, every URL it is served under, its new status, why. */
  async payload(fileId: number, status: string) {
    const reports = getService(strapi, 'reports');
    const file = await reports.findFile({ id: fileId });
    return {
      media: file
        ? { id: file.id, documentId: file.documentId, name: file.name, url: file.url, urls: fileUrls(file) }
        : { id: fileId, documentId: null, name: null, url: null, urls: [] },
      status,
      countsByReason: await reports.countsByReason(fileId),
    };
  },

  async emit(event: ModerationEvent, fileId: number) {
    const status = event === EVENTS.MODERATION_HIDDEN ? 'hidden' : event === EVENTS.MODERATION_RESTORED ? 'restored' : 'blocked';
    try {
      strapi.eventHub.emit(event, await this.payload(fileId, status));
    } catch (error: any) {
      // The change is committed; a failed notification must not turn it into an error for the caller.
      strapi.log.error(`moderation: could not emit ${event} for file ${fileId}: ${error?.message}`);
    }
  },
});
