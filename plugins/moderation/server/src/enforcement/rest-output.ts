/**
 * REST answers: media populated inside entries never fire the file's lifecycles, so a
 * content-api.output sanitizer drops hidden files (a single field becomes null, a multiple
 * one omits them) and hidden images inside blocks fields, at any depth of relations,
 * components and dynamic zones.
 */
import type { Core } from '@strapi/strapi';
import { traverseEntity, type sanitize } from '@strapi/utils';
import { hiddenFiles, withoutHidden } from './hidden';
import { withoutHiddenImages } from './rich-text';

type Schema = Parameters<sanitize.Sanitizer>[0];
type Data = Parameters<typeof traverseEntity>[2];
type Value = Parameters<Parameters<Parameters<typeof traverseEntity>[0]>[1]['set']>[1];

export function registerRestOutputGuard(strapi: Core.Strapi) {
  const sanitizer = (schema: Schema) => async (data: Data): Promise<Data> => {
    if (data === null || data === undefined || typeof data !== 'object') return data;
    const hidden = await hiddenFiles(strapi);
    if (hidden.ids.size === 0 && hidden.urls.size === 0) return data;
    return traverseEntity(
      ({ key, value, attribute }, { set }) => {
        if (value === null || value === undefined) return;
        // What the guards return is the field's own value, filtered: still entity data.
        if (attribute?.type === 'media') set(key, withoutHidden(value, hidden.ids) as Value);
        else if (attribute?.type === 'blocks') set(key, withoutHiddenImages(value, hidden) as Value);
      },
      { schema, getModel: (uid: string) => strapi.getModel(uid as Parameters<typeof strapi.getModel>[0]) as Schema },
      data,
    );
  };
  // Strapi types a sanitizer's result as lodash's curried function; a one-argument function is what it calls.
  strapi.sanitizers.add('content-api.output', sanitizer as unknown as sanitize.Sanitizer);
}
