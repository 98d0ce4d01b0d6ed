/**
 * Answers the failures a server should expect, right inside strapi::errors:
 * - a busy database (a lock held elsewhere, no free connection) is a 503 with
 *   Retry-After in Strapi's error format: the request's transaction was rolled back,
 *   nothing of it is stored, and the client may send it again;
 * - a client error a library threw with a 4xx (a malformed JSON body, a body over the
 *   size limit) keeps its status and gets Strapi's error format.
 * Each is one line at `warn`. Everything else goes on to strapi::errors, which logs it
 * at `error` with its stack: those are the failures someone must look at.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { classifyFailure, oneLine } from '../lib/failures';
import { sqliteBusyGuard } from '../lib/sqlite-busy';

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: () => Promise<void>) => {
    try {
      await next();
    } catch (error) {
      // Strapi's own errors are answered by strapi::errors without a stack already.
      if (error instanceof errors.ApplicationError || error instanceof errors.HttpError) throw error;
      const failure = classifyFailure(error);
      if (!failure) throw error;
      const where = `${ctx.method} ${oneLine(ctx.path, 120)}`;
      if (failure.kind === 'busy') {
        if (failure.sqlite) sqliteBusyGuard()?.tripped();
        strapi.log.warn(`${where} -> 503: the database is busy (${failure.reason}); nothing was stored`);
        ctx.set('Retry-After', String(failure.retryAfterSeconds));
        ctx.set('Cache-Control', 'no-store');
        ctx.status = 503;
        ctx.body = {
          data: null,
          error: {
            status: 503,
            name: 'ServiceUnavailableError',
            message: 'The database is busy; nothing was stored. Try again shortly.',
            details: { retryAfter: failure.retryAfterSeconds },
          },
        };
        return;
      }
      strapi.log.warn(`${where} -> ${failure.status} ${failure.name}: ${failure.message}`);
      ctx.status = failure.status;
      ctx.body = { data: null, error: { status: failure.status, name: failure.name, message: failure.message, details: {} } };
    }
  };
};
