import type { Core } from '@strapi/strapi';
import { addSearchColumns } from './content-types/search-columns';
import { registerDocumentWrites } from './middlewares/documents';
import { registerAttributionType } from './graphql/attribution';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // A plain string in the database; the admin side (admin/src) gives it the "from the title" input.
  strapi.customFields.register({ name: 'slug', plugin: 'arabic', type: 'string' });
  addSearchColumns(strapi);
  registerDocumentWrites(strapi);
  registerAttributionType(strapi);
};
