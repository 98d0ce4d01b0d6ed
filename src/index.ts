import type { Core } from '@strapi/strapi';
import { ensureLocales } from './bootstrap/locales';
import { ensurePublicPermissions } from './bootstrap/permissions';
import { registerPublishedOnlyForReaders } from './lib/published-only';
import { registerFilterGuard } from './lib/filter-guard';
import { registerTickerCacheInvalidation } from './api/ticker/services/cache-invalidation';
import { registerResponseCacheInvalidation } from './cache/invalidation';
import { responseCache } from './cache/runtime';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerPublishedOnlyForReaders(strapi);
    registerFilterGuard(strapi);
    registerTickerCacheInvalidation(strapi);
    registerResponseCacheInvalidation(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureLocales(strapi);
    await ensurePublicPermissions(strapi);
    await responseCache(strapi)?.start();
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await responseCache(strapi)?.stop();
  },
};
