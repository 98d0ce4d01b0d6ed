/**
 * HTTP for cached answers: a strong ETag from the bytes of the answer (the data only,
 * so every instance gives the same one for the same data), 304 on a matching
 * If-None-Match, and Cache-Control a CDN can use.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import type { CachedAnswer } from './store';

export interface Freshness {
  maxAgeSeconds: number;
  staleSeconds: number;
}

export const etagOf = (body: Buffer | string) => `"${createHash('sha1').update(body).digest('base64url')}"`;

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/"x" matches "x"; * matches anything. */
export function matchesIfNoneMatch(header: string, etag: string): boolean {
  if (header === '') return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export const publicCacheControl = ({ maxAgeSeconds, staleSeconds }: Freshness) =>
  `public, max-age=${maxAgeSeconds}${staleSeconds > 0 ? `, stale-while-revalidate=${staleSeconds}` : ''}`;

/** A response that depends on who asks: never stored by a shared cache. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

/** The answer differs with these request headers (Authorization: anonymous only is cached). */
export function varyPublic(ctx: Context, extra: string[] = []) {
  for (const header of ['Accept-Encoding', 'Authorization', ...extra]) ctx.vary(header);
}

export function sendAnswer(ctx: Context, answer: CachedAnswer, freshness: Freshness, vary: string[] = []) {
  ctx.set('ETag', answer.etag);
  ctx.set('Cache-Control', publicCacheControl(freshness));
  varyPublic(ctx, vary);
  if (matchesIfNoneMatch(ctx.get('If-None-Match'), answer.etag)) {
    ctx.status = 304;
    return;
  }
  ctx.status = 200;
  ctx.type = answer.type;
  ctx.body = answer.body;
}
