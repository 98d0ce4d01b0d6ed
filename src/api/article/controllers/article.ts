import { factories } from '@strapi/strapi';
import { getService } from '@nashra/strapi-plugin-arabic/strapi-server';

/** The core controller, plus the attribution line each article carries (plugin arabic). */
export default factories.createCoreController('api::article.article', ({ strapi }) => ({
  async find(ctx) {
    const response = await super.find(ctx);
    await getService(strapi, 'attribution').attach(response.data);
    return response;
  },

  async findOne(ctx) {
    const response = await super.findOne(ctx);
    if (response) await getService(strapi, 'attribution').attach(response.data);
    return response;
  },
}));
