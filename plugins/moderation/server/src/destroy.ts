import type { Core } from '@strapi/strapi';
import { getService } from './utils/plugin';

/** Stops the outbox delivery and closes the Redis connections, so a stopping instance (or a test) leaves nothing open. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'outbox').stop();
  await getService(strapi, 'redis').stop();
};
