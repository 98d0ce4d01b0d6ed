import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { sendTicker } from '../http';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export default factories.createCoreController('api::ticker.ticker', ({ strapi }) => ({
  async items(ctx) {
    const { slug } = ctx.params;
    if (slug.length > 120 || !SLUG.test(slug)) throw new errors.ValidationError('Invalid ticker slug', { slug });
    const { locale } = ctx.query;
    if (locale !== undefined && typeof locale !== 'string') throw new errors.ValidationError('Invalid locale', { locale });

    const response = await strapi.service('api::ticker.items').current(slug, locale);
    if (!response) throw new errors.NotFoundError(`No published ticker '${slug}'${locale ? ` in locale '${locale}'` : ''}`);
    sendTicker(ctx, response);
  },
}));
