/**
 * Webhook events. Registered as allowed events so they can be picked in Settings ->
 * Webhooks; written to the outbox by the unit of work in the transaction of the change,
 * and delivered from there (store/outbox.ts), never through Strapi's event hub, whose
 * runner neither retries nor survives a restart.
 */
import type { Core } from '@strapi/strapi';
import { fileUrls } from './visibility';
import { countsByReason, findFile } from '../store/files';

import { EVENTS, type ModerationEvent, type ModerationStatus } from '../../../shared';
import type { Knex } from '../utils/types';

export { EVENTS, type ModerationEvent };

const STATUS_OF: Record<ModerationEvent, ModerationStatus> = {
  'moderation.hidden': 'hidden',
  'moderation.restored': 'restored',
  'moderation.blocked': 'blocked',
};

/** The public paths a CDN should purge: every URL the file is served under, query strings dropped, each once. */
export function purgePaths(urls: readonly string[]): string[] {
  return [...new Set(urls.map((url) => url.split(/[?#]/)[0]).filter((url) => url.length > 0))];
}

/** What the plugin uses of Strapi's webhook store (the container gives it untyped). */
export interface WebhookStore {
  addAllowedEvent(key: string, value: string): void;
  findWebhooks(): Promise<Array<{ id: number | string; url: string; headers?: Record<string, string>; events: string[]; isEnabled: boolean }> | null>;
}

/** The body of a moderation webhook, beside `event`, `createdAt` and `eventId`. */
export interface EventPayload {
  media: { id: number; documentId: string | null; name: string | null; url: string | null; urls: string[] };
  status: ModerationStatus;
  countsByReason: Record<string, number>;
  purge: string[];
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  register() {
    const store = strapi.get('webhookStore') as WebhookStore;
    for (const [key, value] of Object.entries(EVENTS)) store.addAllowedEvent(key, value);
  },

  /** The payload a CDN purge or a newsroom alert needs: which file, every URL it is served under, its new status, why. */
  async payload(fileId: number, event: ModerationEvent, trx: Knex = strapi.db.connection): Promise<EventPayload> {
    const file = await findFile(strapi, { id: fileId }, trx);
    const urls = file ? fileUrls(file) : [];
    return {
      media: file
        ? { id: file.id, documentId: file.documentId, name: file.name, url: file.url, urls }
        : { id: fileId, documentId: null, name: null, url: null, urls },
      status: STATUS_OF[event],
      countsByReason: await countsByReason(strapi, fileId, trx),
      purge: purgePaths(urls),
    };
  },
});
