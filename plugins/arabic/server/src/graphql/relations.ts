import type { Core, Schema, UID } from '@strapi/strapi';
import { contentTypes, parsePublicationFilter, buildPublicationFilterWhere } from '@strapi/utils';
import { batchLoader } from './batch';

const FILE_UID = 'plugin::upload.file';

/** What a resolver reads of its GraphQL arguments: plugin-graphql's args (filters, pagination, sort, status). */
type Args = Record<string, unknown> & { status?: string };
/** The root query's args as plugin-graphql records them per path (its content-api service). */
interface RootArgs {
  _originField?: string;
  status?: string;
  publicationFilter?: string;
  hasPublishedVersion?: boolean;
}
/** The parts of the resolver context (plugin-graphql's Koa context wrapper) read here. */
interface Context {
  state: { auth?: unknown };
  rootQueryArgsByPath?: Map<string | number, RootArgs>;
}
/** graphql-js's ResolveInfo, as far as the root of its path. */
interface Info {
  path?: Path;
}
interface Path {
  key: string | number;
  prev?: Path;
}
/** An attribute as the loop below reads it (Schema.Attribute.AnyAttribute is a union too wide to narrow here). */
interface AttributeLike {
  type?: string;
  multiple?: boolean;
  relation?: string;
  target?: string;
}
/** Strapi's query-params service (registered in the container, not typed on it). */
interface QueryParams {
  transform(uid: string, query: unknown): Record<string, unknown>;
}

const rootOf = (info: Info | undefined): Path | undefined => {
  let root = info?.path;
  while (root?.prev) root = root.prev;
  return root;
};

/** Single media fields and to-one relations (not polymorphic): the ones a list asks for per row. */
function toOneFields(model: Schema.ContentType): Array<{ name: string; target: string; media: boolean }> {
  const fields: Array<{ name: string; target: string; media: boolean }> = [];
  for (const [name, attribute] of Object.entries<AttributeLike>((model.attributes ?? {}) as Record<string, AttributeLike>)) {
    if (attribute.type === 'media' && !attribute.multiple) fields.push({ name, target: FILE_UID, media: true });
    else if (attribute.type === 'relation' && attribute.target && attribute.relation && !/morph/i.test(attribute.relation) && !attribute.relation.endsWith('Many')) {
      fields.push({ name, target: attribute.target, media: false });
    }
  }
  return fields;
}

/**
 * The database query Strapi's association resolver (plugin-graphql, builders/resolvers/association)
 * would load the relation with, for these args under this root query: the same validation,
 * sanitization, inherited status and publication filter.
 */
async function associationQuery(strapi: Core.Strapi, targetUID: UID.Schema, args: Args, context: Context, info: Info | undefined): Promise<Record<string, unknown>> {
  const graphql = strapi.plugin('graphql');
  const target = strapi.getModel(targetUID);
  const { auth } = context.state;
  const transformed = graphql.service('builders').utils.transformArgs(args, { contentType: target, usePagination: true });
  await strapi.contentAPI.validate.query(transformed, target, { auth });
  const sanitized = await strapi.contentAPI.sanitize.query(transformed, target, { auth });
  const query = (strapi.get('query-params') as QueryParams).transform(targetUID, sanitized);

  const builtIn = (field: string): boolean => graphql.service('content-api').isBuiltInQueryField(field);
  const root = rootOf(info);
  const rootArgs = root ? context.rootQueryArgsByPath?.get(root.key) : undefined;
  const fromBuiltIn = Boolean(rootArgs?._originField && builtIn(rootArgs._originField));
  const status = args.status || (fromBuiltIn ? rootArgs?.status || 'published' : null);
  const hasDraftAndPublish = contentTypes.hasDraftAndPublish(target);
  const where: Record<string, unknown>[] = [];
  if (hasDraftAndPublish && status) where.push({ publishedAt: status === 'published' ? { $notNull: true } : { $null: true } });
  let publicationFilter = fromBuiltIn ? rootArgs?.publicationFilter : undefined;
  if (publicationFilter === undefined && fromBuiltIn && rootArgs?.hasPublishedVersion !== undefined) {
    publicationFilter = rootArgs.hasPublishedVersion ? 'has-published-version-document' : 'never-published-document';
  }
  if (hasDraftAndPublish && publicationFilter !== undefined) {
    let mode;
    try {
      mode = parsePublicationFilter(publicationFilter);
    } catch {
      mode = undefined;
    }
    if (mode !== undefined) {
      const cond = buildPublicationFilterWhere(strapi.db.connection, strapi.db.metadata.get(targetUID), target, mode, status === 'published' ? 'published' : 'draft');
      if (cond && Object.keys(cond).length > 0) where.push(cond);
    }
  }
  // Strapi merges these objects into one `where`; $and keeps each condition whole.
  // A page limit means "per row" in the stock resolver, which loads one row at a time; on the rows
  // of a whole list it would cut the others off. A to-one relation has one entry per row anyway.
  const { limit: _limit, offset: _offset, ...rest } = query as Record<string, unknown>;
  const own = rest.where as Record<string, unknown> | undefined;
  const all = [...where, ...(own && Object.keys(own).length > 0 ? [own] : [])];
  return { ...rest, ...(all.length > 0 ? { where: all.length === 1 ? all[0] : { $and: all } } : {}) };
}

/**
 * GraphQL's association resolver loads each row's relation on its own (two queries per row and
 * field). These resolvers replace it for single media and to-one relations of the API's types:
 * the rows of one list asking for the same field are loaded together, one populate for all of
 * them. They return what the stock resolver's field returns (the related entry, or null), so
 * resolversConfig (auth scopes, the moderation plugin's media middleware) wraps them unchanged.
 */
export function registerBatchedRelations(strapi: Core.Strapi) {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  graphql.service('extension').use(() => {
    const naming = graphql.service('utils').naming;
    const shadowCRUD = (uid: string) => graphql.service('extension').shadowCRUD(uid);
    const resolvers: Record<string, Record<string, unknown>> = {};
    for (const model of Object.values(strapi.contentTypes) as Schema.ContentType[]) {
      if (!model.uid.startsWith('api::') || shadowCRUD(model.uid).isDisabled()) continue;
      const typeName = naming.getTypeName(model);
      for (const field of toOneFields(model)) {
        if (shadowCRUD(field.target).isDisabled()) continue;
        resolvers[typeName] = { ...resolvers[typeName], [field.name]: batchedResolver(strapi, model.uid, field) };
      }
    }
    return { resolvers };
  });
}

function batchedResolver(strapi: Core.Strapi, uid: string, field: { name: string; target: string; media: boolean }) {
  return async (parent: { id?: number } | null, args: Args | undefined, context: Context, info: Info | undefined) => {
    if (!parent || typeof parent.id !== 'number') return null;
    const root = rootOf(info);
    // One batch per root field, relation and arguments: those decide the query.
    const key = `${uid}.${field.name}|${root?.key ?? ''}|${JSON.stringify(args ?? {})}`;
    const load = batchLoader<number, unknown>(context, key, async (ids) => {
      const populate = await associationQuery(strapi, field.target as UID.Schema, args ?? {}, context, info);
      const rows: Array<Record<string, unknown>> = await strapi.db.query(uid as UID.Schema).findMany({
        select: ['id'],
        where: { id: { $in: ids } },
        populate: { [field.name]: populate },
      });
      const byId = new Map(rows.map((row) => [row.id as number, row[field.name] ?? null]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    const value = await load(parent.id);
    if (field.media && value && strapi.plugin('upload')) return strapi.plugin('upload').service('file').signFileUrls(value);
    return value;
  };
}
