import type { Core } from '@strapi/strapi';
import { ensureLocales } from './bootstrap/locales';
import { ensurePublicPermissions } from './bootstrap/permissions';
import { registerPublishedOnlyForReaders } from './lib/published-only';
import { registerTickerCacheInvalidation } from './api/ticker/services/cache-invalidation';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerPublishedOnlyForReaders(strapi);
    registerTickerCacheInvalidation(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureLocales(strapi);
    await ensurePublicPermissions(strapi);
  },
};
