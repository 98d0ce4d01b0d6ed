import type { Core } from '@strapi/strapi';
import { ACTIONS } from './permissions';
import { getService, pluginConfig } from './utils/plugin';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi
    .service('admin::permission')
    .actionProvider.registerMany(ACTIONS.map((a) => ({ section: 'plugins', pluginName: 'moderation', ...a })));
  const setup = getService(strapi, 'setup');
  await setup.ensureIndexes();
  await setup.moveLegacyBlocks();
  await setup.ensureModeratorRole();
  if (pluginConfig(strapi).enabled) {
    getService(strapi, 'events').register();
    await getService(strapi, 'redis').start();
    // Events left pending by a crash or a restart go out from here on.
    getService(strapi, 'outbox').start();
  }
};
