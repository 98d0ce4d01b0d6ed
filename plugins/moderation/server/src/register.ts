import type { Core } from '@strapi/strapi';
import { registerGraphql } from './graphql';
import { registerVisibility } from './visibility';
import { pluginConfig, PLUGIN } from './utils/plugin';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { enabled } = pluginConfig(strapi);
  registerGraphql(strapi, { enabled });
  if (!enabled) {
    // MODERATION_ENABLED=false is the stock-Strapi baseline: no public route, no
    // sanitizer, no GraphQL change. The tables and the admin settings page remain.
    const plugin = strapi.plugin(PLUGIN) as any;
    plugin.routes = { admin: plugin.routes.admin };
    return;
  }
  registerVisibility(strapi);
};
