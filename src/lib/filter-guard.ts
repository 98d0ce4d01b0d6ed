import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { READ_ACTIONS } from './document-actions';
import { checkFilterShape, type AttributeKind } from './filter-shape';

/** @strapi/database's SCALAR_TYPES (utils/types): what its query builder compares as a column. */
const SCALAR_TYPES = new Set([
  'increments', 'password', 'email', 'string', 'uid', 'richtext', 'text', 'json', 'enumeration',
  'integer', 'biginteger', 'float', 'decimal', 'date', 'time', 'datetime', 'timestamp', 'boolean', 'blocks',
]);

/**
 * A content-API read (REST or GraphQL) whose filters the query builder cannot use is refused
 * with Strapi's ValidationError before it reaches the database (src/lib/filter-shape.ts says
 * why); before this, each such request was a 500 with a stack in the log. Reads made by the
 * admin panel and by the server itself are not checked: their filters are written in code.
 */
export function registerFilterGuard(strapi: Core.Strapi) {
  const graphqlEndpoint = String(strapi.config.get('plugin::graphql.endpoint', '/graphql'));
  const model = (uid: string, name: string): AttributeKind | undefined => {
    const attribute = (strapi.db.metadata.get(uid)?.attributes as Record<string, { type: string; target?: string }> | undefined)?.[name];
    if (!attribute) return undefined;
    if (attribute.type === 'relation') return attribute.target ? { kind: 'relation', target: attribute.target } : { kind: 'other', type: 'polymorphic relation' };
    return SCALAR_TYPES.has(attribute.type) ? { kind: 'scalar', type: attribute.type } : { kind: 'other', type: attribute.type };
  };
  strapi.documents.use(async (context, next) => {
    const filters = (context.params as { filters?: unknown } | undefined)?.filters;
    if (filters !== undefined && READ_ACTIONS.has(context.action)) {
      const ctx = strapi.requestContext.get() as { path?: string; state?: { route?: { info?: { type?: string } } } } | undefined;
      if (ctx && (ctx.state?.route?.info?.type === 'content-api' || ctx.path === graphqlEndpoint)) {
        const verdict = checkFilterShape(filters, context.uid, model);
        if (!verdict.ok) {
          throw new errors.ValidationError(`Invalid filters at ${verdict.path || '(root)'}: ${verdict.message}`, { param: 'filters', path: verdict.path });
        }
      }
    }
    return next();
  });
}
