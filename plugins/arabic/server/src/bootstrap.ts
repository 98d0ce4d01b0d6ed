import type { Core } from '@strapi/strapi';
import { checkAgainstSchemas, type SchemaLike } from './config';
import { getConfig, getService } from './utils';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  // Fails the boot if config/plugins.ts names a type or field the schemas do not have, or a
  // schema declares a slug field the config leaves out.
  const problems = checkAgainstSchemas(getConfig(strapi), strapi.contentTypes as unknown as Record<string, SchemaLike>);
  if (problems.length > 0) throw new Error(`Error regarding arabic config: ${problems.join('; ')}`);
  getService(strapi, 'slug').slugFields();
  await getService(strapi, 'slug').ensureLocks();
  await getService(strapi, 'search').ensureIndex();
};
