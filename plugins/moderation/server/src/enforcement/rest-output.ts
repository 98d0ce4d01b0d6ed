/**
 * REST answers: media populated inside entries never fire the file's lifecycles, so a
 * content-api.output sanitizer drops hidden files (a single field becomes null, a multiple
 * one omits them) and hidden images inside blocks fields, at any depth of relations,
 * components and dynamic zones.
 */
import type { Core } from '@strapi/strapi';
import { traverseEntity } from '@strapi/utils';
import { hiddenFiles, withoutHidden } from './hidden';
import { withoutHiddenImages } from './rich-text';

export function registerRestOutputGuard(strapi: Core.Strapi) {
  const sanitizer = (schema: any) => async (data: any) => {
    if (data === null || data === undefined || typeof data !== 'object') return data;
    const hidden = await hiddenFiles(strapi);
    if (hidden.ids.size === 0 && hidden.urls.size === 0) return data;
    return traverseEntity(
      ({ key, value, attribute }: any, { set }: any) => {
        if (value === null || value === undefined) return;
        if (attribute?.type === 'media') set(key, withoutHidden(value, hidden.ids));
        else if (attribute?.type === 'blocks') set(key, withoutHiddenImages(value, hidden));
      },
      { schema, getModel: strapi.getModel.bind(strapi) },
      data,
    );
  };
  strapi.sanitizers.add('content-api.output', sanitizer as any);
}
