import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export default factories.createCoreController('api::ticker.ticker', ({ strapi }) => ({
  async items(ctx) {
    const { slug } = ctx.params;
    if (slug.length > 120 || !SLUG.test(slug)) throw new errors.ValidationError('Invalid ticker slug', { slug });
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
