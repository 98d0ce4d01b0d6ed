/**
 * GraphQL: the reportMedia mutation (same path as REST: validation, rate limit, receipt),
 * hidden media dropped from nested media fields, and the plugin's own tables kept out of
 * the generated schema.
 */
import type { Core } from '@strapi/strapi';
import { OWN_TABLES } from './content-types';
import { submitReport } from './controllers/report';
import { graphqlEnforcementConfig } from './enforcement';
import type { RouteContext } from './utils/types';

export function registerGraphql(strapi: Core.Strapi, { enabled }: { enabled: boolean }) {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension');
  // Even when disabled: the tables exist either way and are nobody's business on the content API.
  for (const uid of OWN_TABLES) extension.shadowCRUD(uid).disable();
  if (!enabled) return;

  extension.use(() => ({
    typeDefs: `
      type ReportReceipt { status: String! }
      extend type Mutation { reportMedia(file: ID!, reason: String!, comment: String): ReportReceipt }
    `,
    resolvers: {
      Mutation: {
        reportMedia: {
          async resolve(_parent: unknown, args: { file: string; reason: string; comment?: string | null }, context: { koaContext: RouteContext }) {
            const data: Record<string, unknown> = { file: args.file, reason: args.reason };
            if (args.comment !== undefined && args.comment !== null) data.comment = args.comment;
            return submitReport(strapi, context.koaContext, { data });
          },
        },
      },
    },
    resolversConfig: { 'Mutation.reportMedia': { auth: false }, ...graphqlEnforcementConfig(strapi) },
  }));
}
