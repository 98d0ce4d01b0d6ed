import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';

export default factories.createCoreController('api::ticker.ticker', ({ strapi }) => ({
  async items(ctx) {
    // Koa has percent-decoded the path: an Arabic slug arrives as Arabic. The slug policy is the arabic plugin's.
    const { slug } = ctx.params;
    if (!strapi.plugin('arabic').service('slug').isValid(slug)) throw new errors.ValidationError('Invalid ticker slug', { slug });
    const { locale } = ctx.query;
    if (locale !== undefined && typeof locale !== 'string') throw new errors.ValidationError('Invalid locale', { locale });

    const response = await strapi.service('api::ticker.items').current(slug, locale);
    if (!response) throw new errors.NotFoundError(`No published ticker '${slug}'${locale ? ` in locale '${locale}'` : ''}`);

    ctx.set('ETag', response.etag);
    ctx.set('Cache-Control', 'public, max-age=15');
    if (ctx.get('If-None-Match').split(/\s*,\s*/).includes(response.etag)) {
      ctx.status = 304;
      return;
    }
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = response.body;
  },
}));
