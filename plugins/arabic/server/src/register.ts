import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, SLUG_CUSTOM_FIELD } from '../../shared';
import { getService } from './utils';
import { registerDocumentWrites } from './middlewares/documents';
import { registerAttributionType } from './graphql/attribution';
import { registerBatchedRelations } from './graphql/relations';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // A plain string in the database; the admin side (admin/src) gives it the "from the title" input.
  strapi.customFields.register({ name: SLUG_CUSTOM_FIELD, plugin: PLUGIN_ID, type: 'string' });
  // The search text once was two columns of articles: their triggers would block the schema sync.
  strapi.hook('strapi::content-types.beforeSync').register(() => getService(strapi, 'search').dropLegacy());
  registerDocumentWrites(strapi);
  registerAttributionType(strapi);
  registerBatchedRelations(strapi);
};
