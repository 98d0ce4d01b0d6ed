/**
 * Hidden means hidden on every public path. One guard per path, each asking the visibility
 * service for the hidden set:
 * - static-files: /uploads/… under any spelling (the first middleware of the app);
 * - upload-files: root reads of plugin::upload.file (REST /api/upload/files, GraphQL uploadFiles);
 * - rest-output: media and rich-text images populated inside REST answers;
 * - graphql-media: the same for GraphQL's nested media and blocks fields (wired in ../graphql.ts);
 * - rich-text: image nodes of blocks fields, for both of the above;
 * - query-filters: filters and sorts that would tell a hidden file from an absent one (REST,
 *   GraphQL root queries, and GraphQL nested relations' sorts).
 * Only content-API requests are filtered; the admin panel and admin API see everything.
 */
import type { Core } from '@strapi/strapi';
import { registerStaticFilesGuard } from './static-files';
import { registerUploadFilesGuard } from './upload-files';
import { registerRestOutputGuard } from './rest-output';
import { graphqlSortConfig, registerQueryFiltersGuard } from './query-filters';
import { graphqlMediaConfig } from './graphql-media';

/** resolversConfig of the GraphQL guards: media and blocks fields, sorts of nested relations. */
export function graphqlEnforcementConfig(strapi: Core.Strapi) {
  return { ...graphqlMediaConfig(strapi), ...graphqlSortConfig(strapi) };
}

export function registerEnforcement(strapi: Core.Strapi) {
  registerStaticFilesGuard(strapi);
  registerUploadFilesGuard(strapi);
  registerRestOutputGuard(strapi);
  registerQueryFiltersGuard(strapi);
}
