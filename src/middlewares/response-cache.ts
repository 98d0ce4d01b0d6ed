import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import bodyParser from 'koa-bodyparser';
import { graphqlKey, graphqlRequestFromQuery, type GraphqlRequest } from '../cache/graphql';
import { PRIVATE_CACHE_CONTROL, etagOf, sendAnswer } from '../cache/http';
import { cacheablePath, restKey } from '../cache/key';
import { responseCache } from '../cache/runtime';
import type { CachedAnswer } from '../cache/store';

type Shape = { kind: 'public'; key: string; graphql: boolean } | { kind: 'private' } | { kind: 'other' };

/**
 * Anonymous public reads (REST lists and entries, the article search, the upload API's
 * files, GraphQL queries) answered from the response cache. It sits after the logger,
 * the security headers and CORS, before query parsing, sessions and the router, so a hit
 * costs a key, a lookup and a write. A miss goes on to Strapi; its answer is stored only
 * if nothing changed while it was computed (see src/cache/generation.ts).
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const cache = responseCache(strapi);
  if (!cache) return (_ctx: Context, next: Next) => next();
  const graphqlPath: string = strapi.plugin('graphql')?.config('endpoint') ?? '/graphql';
  // The same parser, with the same defaults, that the GraphQL route runs: it skips a body already parsed.
  const parseJson = bodyParser({ enableTypes: ['json'] });

  async function shapeOf(ctx: Context): Promise<Shape> {
    const graphql = ctx.path === graphqlPath;
    let request: GraphqlRequest | null = null;
    if (graphql) {
      // Apollo refuses a GET without one of these headers (its CSRF prevention): a hit must not answer one.
      if (ctx.method === 'GET') request = ctx.get('apollo-require-preflight') || ctx.get('x-apollo-operation-name') ? graphqlRequestFromQuery(ctx.query) : null;
      else if (ctx.method === 'POST' && ctx.is('application/json')) {
        await parseJson(ctx, async () => {});
        const body = (ctx.request as { body?: unknown }).body as Partial<GraphqlRequest> & { extensions?: unknown } | null | undefined;
        request = body && typeof body === 'object' && !Array.isArray(body) && body.extensions === undefined ? (body as GraphqlRequest) : null;
      }
      if (!request) return { kind: 'other' };
    } else if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || !cacheablePath(ctx.path, cache!.collections)) {
      return { kind: 'other' };
    }
    if (ctx.get('Authorization') !== '') return { kind: 'private' };
    const key = graphql ? graphqlKey(request!, ctx.get('Accept')) : restKey(ctx.path, ctx.query);
    return key === null ? { kind: 'other' } : { kind: 'public', key, graphql };
  }

  /** The answer Strapi gave, if it may be shared: a 200 JSON body for nobody in particular. */
  function shareable(ctx: Context, graphql: boolean): CachedAnswer | null {
    // The public role is "authenticated" with no credentials; any credentials mean someone in particular.
    if (ctx.status !== 200 || ctx.state.auth?.credentials != null || ctx.response.get('Set-Cookie')) return null;
    // Apollo says no-store for every answer without cache hints (its default max age is 0): not a reason here.
    if (!graphql && /no-store|private/.test(String(ctx.response.get('Cache-Control')))) return null;
    const type = String(ctx.response.get('Content-Type'));
    if (!/json/.test(type)) return null;
    const body = ctx.body;
    let text: string;
    if (typeof body === 'string') text = body;
    else if (Buffer.isBuffer(body)) text = body.toString('utf8');
    else if (body !== null && typeof body === 'object' && typeof (body as { pipe?: unknown }).pipe !== 'function') text = JSON.stringify(body);
    else return null;
    // GraphQL answers 200 with partial errors: those are not cached.
    if (graphql && JSON.parse(text).errors !== undefined) return null;
    const bytes = Buffer.from(text);
    return { body: bytes, etag: etagOf(bytes), type };
  }

  return async (ctx: Context, next: Next) => {
    const shape = await shapeOf(ctx);
    if (shape.kind === 'other') return next();
    if (shape.kind === 'private') {
      await next();
      ctx.set('Cache-Control', PRIVATE_CACHE_CONTROL);
      ctx.vary('Authorization');
      return;
    }
    const vary = shape.graphql ? ['Accept'] : [];
    try {
      await cache.fresh();
    } catch (error) {
      // The hidden set or the shared version could not be read: answer uncached, let Strapi say what is wrong.
      strapi.log.warn(`response cache: ${(error as Error).message}`);
      return next();
    }
    const token = cache.generation.token();
    if (token === null) return next();
    const key = `${token}:${shape.key}`;
    const hit = await cache.store.get(key);
    if (hit) {
      ctx.set('X-Cache', 'HIT');
      return sendAnswer(ctx, hit, cache.config, vary);
    }
    await next();
    const answer = shareable(ctx, shape.graphql);
    if (!answer) return;
    ctx.set('X-Cache', 'MISS');
    if (cache.generation.token() === token && ctx.method !== 'HEAD') {
      void Promise.resolve(cache.store.set(key, answer)).catch((error: Error) => strapi.log.warn(`response cache: store: ${error.message}`));
    }
    sendAnswer(ctx, answer, cache.config, vary);
  };
};
