import type { Core } from '@strapi/strapi';
import type { ModerationConfig } from '../config';

export const PLUGIN = 'moderation';

export const pluginConfig = (strapi: Core.Strapi): ModerationConfig => strapi.config.get(`plugin::${PLUGIN}`) as ModerationConfig;

export function getService<T = any>(strapi: Core.Strapi, name: string): T {
  return strapi.plugin(PLUGIN).service(name) as T;
}
