/**
 * Static files: /uploads/... is served by the upload plugin's router route, after the
 * global middlewares, so this one (listed in config/middlewares.ts as
 * 'plugin::moderation.block-hidden') answers 404 for every URL of a hidden file, original
 * and formats. no-store, so no cache or CDN keeps the 404 after a restore, nor the image
 * before. When moderation is disabled it returns nothing and Strapi installs a no-op.
 */
import type { Core } from '@strapi/strapi';
import { getService, pluginConfig } from '../utils/plugin';

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  if (!pluginConfig(strapi).enabled) return undefined;
  return async (ctx: any, next: () => Promise<void>) => {
    if ((ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.path.startsWith('/uploads/')) {
      const { urls } = await getService(strapi, 'visibility').hidden();
      if (urls.size > 0 && (urls.has(ctx.path) || urls.has(decoded(ctx.path)))) {
        ctx.set('Cache-Control', 'no-store');
        ctx.status = 404;
        ctx.body = { data: null, error: { status: 404, name: 'NotFoundError', message: 'Not Found', details: {} } };
        return;
      }
    }
    await next();
  };
};
