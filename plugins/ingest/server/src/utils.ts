import type { Core } from '@strapi/strapi';
import type services from './services';
import type { IngestConfig } from './config';
import { PLUGIN_ID } from '../../shared';

type Services = typeof services;
export type ServiceName = keyof Services;
export type ServiceOf<N extends ServiceName> = ReturnType<Services[N]>;

/** The plugin's services, typed from services/index.ts: a renamed service fails to compile. */
export function getService<N extends ServiceName>(strapi: Core.Strapi, name: N): ServiceOf<N> {
  return strapi.plugin(PLUGIN_ID).service(name) as ServiceOf<N>;
}

export const pluginConfig = (strapi: Core.Strapi): IngestConfig => strapi.config.get(`plugin::${PLUGIN_ID}`) as IngestConfig;
