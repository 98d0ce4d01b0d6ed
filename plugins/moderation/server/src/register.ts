import type { Core } from '@strapi/strapi';
import { registerGraphql } from './graphql';
import { registerEnforcement } from './enforcement';
import { registerFileCleanup } from './lifecycles/file-cleanup';
import { getService, pluginConfig, PLUGIN } from './utils/plugin';
import type { ModerationConfig } from './config';
import { UID } from './content-types';
import { holdLegacyBlocks } from './store/legacy-blocks';

/** The config's `usedIn` names content types and title attributes: a typo stops the boot here, naming the entry. */
export function checkUsedIn(strapi: Pick<Core.Strapi, 'contentTypes'>, usedIn: ModerationConfig['usedIn']) {
  const problems: string[] = [];
  usedIn.forEach(({ uid, titleField }, index) => {
    const model = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as { attributes?: Record<string, unknown> } | undefined;
    if (!model) problems.push(`usedIn[${index}].uid: '${uid}' is not a content type of this app`);
    else if (!model.attributes?.[titleField]) problems.push(`usedIn[${index}].titleField: '${uid}' has no attribute '${titleField}'`);
  });
  if (problems.length > 0) throw new Error(`Error regarding moderation config:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { enabled, usedIn } = pluginConfig(strapi);
  checkUsedIn(strapi, usedIn);
  holdLegacyBlocks(strapi);
  registerGraphql(strapi, { enabled });
  if (!enabled) {
    // MODERATION_ENABLED=false is the stock-Strapi baseline: no public route, no
    // sanitizer, no GraphQL change. The tables and the admin settings page remain.
    const plugin = strapi.plugin(PLUGIN);
    // Core.Plugin types routes as a list; a plugin's named routers are an object at run time.
    const routes = plugin.routes as unknown as Record<string, unknown>;
    plugin.routes = { admin: routes.admin } as unknown as typeof plugin.routes;
    return;
  }
  registerEnforcement(strapi);
  registerFileCleanup(strapi);
  // A new upload that is a blocked picture again is hidden before anyone can use it.
  strapi.db.lifecycles.subscribe({
    models: [UID.file],
    afterCreate: (event) => getService(strapi, 'blocklist').screen(event.result),
  });
};
