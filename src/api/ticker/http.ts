import type { Context } from 'koa';
import { sendAnswer } from '../../cache/http';
import type { TickerResponse } from './services/items';

/** A copy lives at most a few seconds here; a CDN may keep it as long and revalidate with the ETag. */
const TICKER_FRESHNESS = { maxAgeSeconds: 15, staleSeconds: 30 };

/** Sends a ticker answer with its validators; one place for the route and the fast path. */
export function sendTicker(ctx: Context, response: TickerResponse) {
  sendAnswer(ctx, { body: Buffer.from(response.body), etag: response.etag, type: 'application/json; charset=utf-8' }, TICKER_FRESHNESS);
}
