import type { Core } from '@strapi/strapi';
import { READ_ACTIONS } from '../../../lib/document-actions';

/** What a ticker shows comes from these types; a write to any of them may change it. */
const WATCHED = new Set(['api::ticker.ticker', 'api::article.article', 'api::source.source', 'api::category.category']);

export function registerTickerCacheInvalidation(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    const result = await next();
    if (WATCHED.has(context.uid) && !READ_ACTIONS.has(context.action)) {
      strapi.service('api::ticker.items').invalidate();
    }
    return result;
  });
}
