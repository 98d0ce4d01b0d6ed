/**
 * Hidden means hidden on every public path. Three layers, because Strapi reads files
 * three ways:
 * - root reads of plugin::upload.file (REST /api/upload/files[/:id], GraphQL uploadFiles /
 *   uploadFile) go through the Query Engine: a lifecycle adds "id not hidden" to the query,
 *   so lists, counts and 404s stay right;
 * - media populated inside entries (REST) never fire the file's lifecycles: a
 *   content-api.output sanitizer drops them (single -> null, multiple -> omitted);
 * - media resolved by GraphQL for nested fields skip that sanitizer: a resolver
 *   middleware on every media field does the same there.
 * Only content-API requests are filtered; the admin panel and admin API see everything.
 * The static /uploads files are the block-hidden middleware's job.
 */
import type { Core } from '@strapi/strapi';
import { traverseEntity } from '@strapi/utils';
import { UID } from '../content-types';
import { getService } from '../utils/plugin';
import type { HiddenSet } from '../services/visibility';

export function isContentApiRequest(strapi: Core.Strapi): boolean {
  const ctx = strapi.requestContext.get() as any;
  return ctx?.state?.route?.info?.type === 'content-api';
}

const hiddenSet = (strapi: Core.Strapi): Promise<HiddenSet> => getService(strapi, 'visibility').hidden();

const isFileLike = (value: unknown): value is { id: unknown } => typeof value === 'object' && value !== null && 'id' in value;

/** Removes hidden files from a media value: null for a single file, filtered for a list. */
export function withoutHidden(value: unknown, ids: ReadonlySet<number>): unknown {
  if (Array.isArray(value)) return value.filter((f) => !(isFileLike(f) && ids.has(Number(f.id))));
  if (isFileLike(value) && ids.has(Number(value.id))) return null;
  return value;
}

function registerRootFilter(strapi: Core.Strapi) {
  const exclude = async (event: any) => {
    if (!isContentApiRequest(strapi)) return;
    const { ids } = await hiddenSet(strapi);
    if (ids.size === 0) return;
    event.params = event.params ?? {};
    const notHidden = { id: { $notIn: [...ids] } };
    event.params.where = event.params.where ? { $and: [event.params.where, notHidden] } : notHidden;
  };
  strapi.db.lifecycles.subscribe({ models: [UID.file], beforeFindMany: exclude, beforeFindOne: exclude, beforeCount: exclude });
}

function registerOutputSanitizer(strapi: Core.Strapi) {
  const sanitizer = (schema: any) => async (data: any) => {
    if (data === null || data === undefined || typeof data !== 'object') return data;
    const { ids } = await hiddenSet(strapi);
    if (ids.size === 0) return data;
    return traverseEntity(
      ({ key, value, attribute }: any, { set }: any) => {
        if (attribute?.type === 'media' && value !== null && value !== undefined) set(key, withoutHidden(value, ids));
      },
      { schema, getModel: strapi.getModel.bind(strapi) },
      data,
    );
  };
  strapi.sanitizers.add('content-api.output', sanitizer as any);
}

/** Resolver middleware for nested media fields; the association resolver returns { value } or { nodes }. */
function graphqlMediaMiddleware(strapi: Core.Strapi) {
  return async (next: any, parent: any, args: any, context: any, info: any) => {
    const result = await next(parent, args, context, info);
    if (result === null || result === undefined) return result;
    const { ids } = await hiddenSet(strapi);
    if (ids.size === 0) return result;
    if (typeof result === 'object' && 'nodes' in result) return { ...result, nodes: withoutHidden(result.nodes, ids) };
    if (typeof result === 'object' && 'value' in result && 'info' in result) {
      return { ...result, value: withoutHidden(result.value, ids) };
    }
    return withoutHidden(result, ids);
  };
}

/** resolversConfig entries for every media field of every content type and component. */
export function graphqlMediaConfig(strapi: Core.Strapi) {
  const naming = strapi.plugin('graphql').service('utils').naming;
  const middleware = graphqlMediaMiddleware(strapi);
  const config: Record<string, { middlewares: unknown[] }> = {};
  const models = [...Object.values(strapi.contentTypes), ...Object.values(strapi.components)] as any[];
  for (const model of models) {
    if (model.uid.startsWith('plugin::moderation.') || model.uid.startsWith('admin::') || model.uid.startsWith('strapi::')) continue;
    let typeName: string;
    try {
      typeName = naming.getTypeName(model);
    } catch {
      continue;
    }
    for (const [name, attribute] of Object.entries<any>(model.attributes ?? {})) {
      if (attribute.type !== 'media') continue;
      config[`${typeName}.${name}`] = { middlewares: [middleware] };
      if (attribute.multiple) config[`${typeName}.${name}_connection`] = { middlewares: [middleware] };
    }
  }
  return config;
}

/**
 * A file deleted elsewhere (Media Library, upload API) takes its reports and state with
 * it; the audit entries stay, they are history.
 */
function registerFileCleanup(strapi: Core.Strapi) {
  strapi.db.lifecycles.subscribe({
    models: [UID.file],
    async afterDelete(event: any) {
      const id = Number(event.result?.id);
      if (!Number.isSafeInteger(id)) return;
      await strapi.db.query(UID.report as any).deleteMany({ where: { fileId: id } });
      await strapi.db.query(UID.state as any).deleteMany({ where: { fileId: id } });
    },
  });
}

export function registerVisibility(strapi: Core.Strapi) {
  registerRootFilter(strapi);
  registerOutputSanitizer(strapi);
  registerFileCleanup(strapi);
}
