/**
 * GraphQL: nested media fields are resolved by the association resolver, which skips the
 * REST output sanitizer, and blocks fields are plain JSON taken from the parent. A resolver
 * middleware on every media field and every blocks field of every content type and component
 * drops hidden files and hidden images there. Root uploadFiles / uploadFile are the
 * upload-files guard's.
 */
import type { Core } from '@strapi/strapi';
import { hiddenFiles, withoutHidden } from './hidden';
import { withoutHiddenImages } from './rich-text';
import type { ResolverMiddleware } from '../utils/types';
import type { Attribute } from './query-filters';

/** The association resolver returns { value } or { nodes } (connections), or the file(s). */
function mediaMiddleware(strapi: Core.Strapi): ResolverMiddleware {
  return async (next, parent, args, context, info) => {
    const result = await next(parent, args, context, info);
    if (result === null || result === undefined) return result;
    const { ids } = await hiddenFiles(strapi);
    if (ids.size === 0) return result;
    if (typeof result === 'object' && 'nodes' in result) return { ...result, nodes: withoutHidden(result.nodes, ids) };
    if (typeof result === 'object' && 'value' in result && 'info' in result) {
      return { ...result, value: withoutHidden(result.value, ids) };
    }
    return withoutHidden(result, ids);
  };
}

function blocksMiddleware(strapi: Core.Strapi): ResolverMiddleware {
  return async (next, parent, args, context, info) => {
    const result = await next(parent, args, context, info);
    if (result === null || result === undefined) return result;
    return withoutHiddenImages(result, await hiddenFiles(strapi));
  };
}

/** resolversConfig entries for every media and blocks field of every content type and component. */
export function graphqlMediaConfig(strapi: Core.Strapi) {
  const naming = strapi.plugin('graphql').service('utils').naming;
  const media = mediaMiddleware(strapi);
  const blocks = blocksMiddleware(strapi);
  const config: Record<string, { middlewares: unknown[] }> = {};
  const models = [...Object.values(strapi.contentTypes), ...Object.values(strapi.components)];
  for (const model of models) {
    if (model.uid.startsWith('plugin::moderation.') || model.uid.startsWith('admin::') || model.uid.startsWith('strapi::')) continue;
    let typeName: string;
    try {
      typeName = naming.getTypeName(model);
    } catch {
      continue;
    }
    for (const [name, attribute] of Object.entries((model.attributes ?? {}) as Record<string, Attribute>)) {
      if (attribute.type === 'blocks') config[`${typeName}.${name}`] = { middlewares: [blocks] };
      if (attribute.type !== 'media') continue;
      config[`${typeName}.${name}`] = { middlewares: [media] };
      if (attribute.multiple) config[`${typeName}.${name}_connection`] = { middlewares: [media] };
    }
  }
  return config;
}
