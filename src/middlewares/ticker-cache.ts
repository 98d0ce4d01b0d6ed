import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { sendTicker } from '../api/ticker/http';
import { responseCache } from '../cache/runtime';

const TICKER_ITEMS = /^\/api\/tickers\/([a-z0-9]+(?:-[a-z0-9]+)*)\/items$/;
const LOCALE_ONLY = /^(?:locale=([a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*))?$/;

/**
 * Every reader's page asks for the ticker; most of those requests find it in this
 * process's copy. Answering them here, after the security, CORS and logging middlewares
 * but before query parsing, sessions and the router, makes a cached ticker cost less than
 * Strapi's own /_health. A miss, or any request this does not recognise exactly, goes on
 * to the route, which validates, computes and fills the copy.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    if (ctx.method === 'GET' || ctx.method === 'HEAD') {
      const path = TICKER_ITEMS.exec(ctx.path);
      const query = path && LOCALE_ONLY.exec(ctx.querystring);
      if (path && query) {
        // The hidden set and the shared generation within their bounds, as for every cached answer.
        await responseCache(strapi)?.fresh();
        const cached = strapi.service('api::ticker.items').peek(path[1], query[1]);
        if (cached) return sendTicker(ctx, cached);
      }
    }
    return next();
  };
