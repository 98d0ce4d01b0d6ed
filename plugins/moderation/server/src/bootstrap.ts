import type { Core } from '@strapi/strapi';
import { ACTIONS } from './permissions';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi
    .service('admin::permission')
    .actionProvider.registerMany(ACTIONS.map((a) => ({ section: 'plugins', pluginName: 'moderation', ...a })));
};
