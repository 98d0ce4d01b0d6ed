/**
 * /uploads/…: the files of hidden media answer 404 under every spelling of their path.
 * Strapi serves public/ twice, both with koa-static: the upload plugin's route
 * `GET /uploads/(.*)` (with koa-range) and strapi::public's `GET /((?!uploads/).+)`, which
 * also reaches public/uploads through `/./uploads/…`, `/x/../uploads/…` or `/%75ploads/…`.
 * Both are router routes, so a guard anywhere before the router sees every such request;
 * this one is installed by the plugin's register, which runs before Strapi adds the app's
 * configured middlewares: it is the first middleware of the app, whatever
 * config/middlewares.ts lists. The decision is made on the file koa-send would read
 * (domain/upload-path), for every method, Range or not. Being first, the answer misses what
 * strapi::security and strapi::cors would add (the JSON body needs none of it).
 * no-store, so no cache or CDN keeps the 404 after a restore, nor the image before.
 */
import type { Core } from '@strapi/strapi';
import { mayNameUpload, requestFileKeys } from '../domain/upload-path';
import { hiddenFiles } from './hidden';

const notFound = { data: null, error: { status: 404, name: 'NotFoundError', message: 'Not Found', details: {} } };
const unavailable = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'Service Unavailable', details: {} } };

export function registerStaticFilesGuard(strapi: Core.Strapi) {
  strapi.server.use(async (ctx, next) => {
    const path = ctx.path;
    if (!mayNameUpload(path)) return next();
    const keys = requestFileKeys(path);
    if (!keys.some((key) => key.startsWith('uploads/'))) return next();
    let hidden;
    try {
      hidden = await hiddenFiles(strapi);
    } catch (error) {
      // Before strapi::errors: answer here. Closed, not open: without the set, no upload is served.
      strapi.log.warn(`moderation: hidden set unavailable, refusing ${ctx.method} ${path}: ${(error as Error).message}`);
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Retry-After', '1');
      ctx.status = 503;
      ctx.body = unavailable;
      return;
    }
    if (keys.some((key) => hidden.fileKeys.has(key))) {
      ctx.set('Cache-Control', 'no-store');
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.status = 404;
      ctx.body = notFound;
      // strapi::logger is further down the chain and never sees this answer: log its line here.
      strapi.log.http(`${ctx.method} ${ctx.url} (0 ms) 404`);
      return;
    }
    return next();
  });
}
