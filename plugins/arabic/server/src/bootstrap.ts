import type { Core } from '@strapi/strapi';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  // Fails the boot if a schema declares a slug field without a usable sourceField.
  strapi.plugin('arabic').service('slug').slugFields();
  await strapi.plugin('arabic').service('slug').ensureLocks();
  await strapi.plugin('arabic').service('search').ensureIndex();
};
