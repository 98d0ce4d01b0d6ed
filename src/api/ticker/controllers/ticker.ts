import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '@nashra/strapi-plugin-arabic/strapi-server';
import { sendTicker } from '../http';

export default factories.createCoreController('api::ticker.ticker', ({ strapi }) => ({
  async items(ctx) {
    // Koa has percent-decoded the path: an Arabic slug arrives as Arabic. The slug policy is the arabic plugin's.
    const { slug } = ctx.params;
    if (!getService(strapi, 'slug').isValid(slug)) throw new errors.ValidationError('Invalid ticker slug', { slug });
    const { locale } = ctx.query;
    if (locale !== undefined && typeof locale !== 'string') throw new errors.ValidationError('Invalid locale', { locale });

    const response = await strapi.service('api::ticker.items').current(slug, locale);
    if (!response) throw new errors.NotFoundError(`No published ticker '${slug}'${locale ? ` in locale '${locale}'` : ''}`);
    sendTicker(ctx, response);
  },
}));
