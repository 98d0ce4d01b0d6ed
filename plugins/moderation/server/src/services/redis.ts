/**
 * Optional Redis (REDIS_URL): a command connection for the rate-limit counters and a
 * subscriber that hears other instances announce a change of the hidden set, so they
 * refresh at once instead of at their next cache expiry. Redis only speeds things up:
 * if it is down, publishing is skipped and the database refresh still bounds staleness.
 */
import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import { getService, pluginConfig } from '../utils/plugin';

export const HIDDEN_SET_CHANNEL = 'nashra:moderation:hidden-set';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let client: Redis | null = null;
  let subscriber: Redis | null = null;
  let remoteInvalidations = 0;

  const onError = (what: string) => (error: Error) => strapi.log.warn(`moderation: redis ${what}: ${error.message}`);

  return {
    enabled: () => Boolean(pluginConfig(strapi).redisUrl) && pluginConfig(strapi).enabled,

    /** The command connection, or null without REDIS_URL. */
    client(): Redis | null {
      if (!this.enabled()) return null;
      if (!client) {
        // Fail fast while Redis is away: callers fall back to the database.
        client = new Redis(pluginConfig(strapi).redisUrl!, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 });
        client.on('error', onError('client'));
      }
      return client;
    },

    async start() {
      if (!this.enabled()) return;
      const c = this.client()!;
      // Boot waits (briefly) for the connection so the first reports are counted in Redis too.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3000);
        c.once('ready', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      subscriber = new Redis(pluginConfig(strapi).redisUrl!, { maxRetriesPerRequest: null });
      subscriber.on('error', onError('subscriber'));
      subscriber.on('message', (channel) => {
        if (channel !== HIDDEN_SET_CHANNEL) return;
        remoteInvalidations++;
        getService(strapi, 'visibility')
          .invalidate()
          .catch((error: Error) => strapi.log.warn(`moderation: hidden set refresh failed: ${error.message}`));
      });
      await subscriber.subscribe(HIDDEN_SET_CHANNEL);
    },

    /** Tells every instance (this one included) that the hidden set changed. */
    async announceHiddenSetChange() {
      const c = this.client();
      if (!c) return;
      await c.publish(HIDDEN_SET_CHANNEL, String(Date.now())).catch(onError('publish'));
    },

    stats: () => ({ remoteInvalidations }),

    async stop() {
      await Promise.all([client, subscriber].map((c) => c?.quit().catch(() => c.disconnect())));
      client = null;
      subscriber = null;
    },
  };
};
