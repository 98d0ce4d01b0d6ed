import type { Core } from '@strapi/strapi';
import { registerGraphql } from './graphql';
import { registerEnforcement } from './enforcement';
import { registerFileCleanup } from './lifecycles/file-cleanup';
import { getService, pluginConfig, PLUGIN } from './utils/plugin';
import { UID } from './content-types';
import { holdLegacyBlocks } from './store/legacy-blocks';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { enabled } = pluginConfig(strapi);
  holdLegacyBlocks(strapi);
  registerGraphql(strapi, { enabled });
  if (!enabled) {
    // MODERATION_ENABLED=false is the stock-Strapi baseline: no public route, no
    // sanitizer, no GraphQL change. The tables and the admin settings page remain.
    const plugin = strapi.plugin(PLUGIN) as any;
    plugin.routes = { admin: plugin.routes.admin };
    return;
  }
  registerEnforcement(strapi);
  registerFileCleanup(strapi);
  // A new upload that is a blocked picture again is hidden before anyone can use it.
  strapi.db.lifecycles.subscribe({
    models: [UID.file],
    afterCreate: (event: any) => getService(strapi, 'blocklist').screen(event.result),
  });
};
