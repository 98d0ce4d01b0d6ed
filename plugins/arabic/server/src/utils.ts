/**
 * Typed seams of the plugin, as Strapi's own i18n plugin has them (server/src/utils/index.ts):
 * the service map's types are derived from services/index.ts, so a renamed or changed service
 * fails the type-check at every caller, in the plugin and in the app.
 */
import type { Core } from '@strapi/strapi';
import type services from './services';
import { PLUGIN_ID } from '../../shared';
import type { ArabicConfig } from './config';

export type ArabicServices = { [Name in keyof typeof services]: ReturnType<(typeof services)[Name]> };
export type ArabicServiceName = keyof ArabicServices;

/** The arabic plugin's service `name`, typed: `getService(strapi, 'slug').isValid(s)`. */
export function getService<Name extends ArabicServiceName>(strapi: Core.Strapi, name: Name): ArabicServices[Name] {
  return strapi.plugin(PLUGIN_ID).service<ArabicServices[Name]>(name);
}

/** The plugin's validated config (config/index.ts), as Strapi merged it with the app's block. */
export function getConfig(strapi: Core.Strapi): ArabicConfig {
  return strapi.config.get<ArabicConfig>(`plugin::${PLUGIN_ID}`);
}
