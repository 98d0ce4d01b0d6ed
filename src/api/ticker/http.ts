import type { Context } from 'koa';
import type { TickerResponse } from './services/items';

/** Sends a ticker answer with its validators; one place for the route and the fast path. */
export function sendTicker(ctx: Context, response: TickerResponse) {
  ctx.set('ETag', response.etag);
  ctx.set('Cache-Control', 'public, max-age=15');
  if (ctx.get('If-None-Match').split(/\s*,\s*/).includes(response.etag)) {
    ctx.status = 304;
    return;
  }
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = response.body;
}
