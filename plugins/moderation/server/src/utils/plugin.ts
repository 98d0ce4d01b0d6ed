import type { Core } from '@strapi/strapi';
import type { ModerationConfig } from '../config';
import type services from '../services';
import { PLUGIN_ID } from '../../../shared/permissions';

export const PLUGIN = PLUGIN_ID;

export const pluginConfig = (strapi: Core.Strapi): ModerationConfig => strapi.config.get(`plugin::${PLUGIN}`) as ModerationConfig;

/** The plugin's services by name, each as its factory in services/index.ts builds it. */
type Services = typeof services;
export type ServiceName = keyof Services;
export type Service<K extends ServiceName> = ReturnType<Services[K]>;

/** A service of this plugin, typed from services/index.ts: a renamed service or method fails to compile. */
export function getService<K extends ServiceName>(strapi: Core.Strapi, name: K): Service<K> {
  return strapi.plugin(PLUGIN).service(name) as Service<K>;
}
