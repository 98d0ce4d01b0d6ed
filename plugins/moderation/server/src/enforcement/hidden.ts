/**
 * What every guard asks: is this a content-API request, and which files are hidden. The one
 * source of the hidden set is the visibility service; the keys of the files on disk are
 * derived from it once per copy of the set.
 */
import type { Core } from '@strapi/strapi';
import { urlFileKey } from '../domain/upload-path';
import { getService } from '../utils/plugin';
import type { HiddenSet } from '../services/visibility';

export type { HiddenSet };

export interface Hidden extends HiddenSet {
  /** Keys (domain/upload-path) of the local files behind every hidden URL, original and formats. */
  fileKeys: ReadonlySet<string>;
}

const withKeys = new WeakMap<HiddenSet, Hidden>();

export async function hiddenFiles(strapi: Core.Strapi): Promise<Hidden> {
  const set = await getService(strapi, 'visibility').hidden();
  let hidden = withKeys.get(set);
  if (!hidden) {
    const fileKeys = new Set<string>();
    for (const url of set.urls) {
      const key = urlFileKey(url);
      if (key) fileKeys.add(key);
    }
    hidden = { ids: set.ids, urls: set.urls, fileKeys };
    withKeys.set(set, hidden);
  }
  return hidden;
}

export function isContentApiRequest(strapi: Core.Strapi): boolean {
  // Strapi types the request context as a bare Koa context; its router adds the matched route to state.
  const ctx = strapi.requestContext.get() as { state?: { route?: { info?: { type?: string } } } } | undefined;
  return ctx?.state?.route?.info?.type === 'content-api';
}

/** True when a URL (relative or absolute, any format's) names a hidden file. */
export function isHiddenUrl(url: unknown, hidden: Hidden): boolean {
  if (typeof url !== 'string' || url === '') return false;
  if (hidden.urls.has(url)) return true;
  const key = urlFileKey(url);
  return key !== null && hidden.fileKeys.has(key);
}

const isFileLike = (value: unknown): value is { id: unknown } => typeof value === 'object' && value !== null && 'id' in value;

/** Removes hidden files from a media value: null for a single file, filtered for a list. */
export function withoutHidden(value: unknown, ids: ReadonlySet<number>): unknown {
  if (Array.isArray(value)) return value.filter((f) => !(isFileLike(f) && ids.has(Number(f.id))));
  if (isFileLike(value) && ids.has(Number(value.id))) return null;
  return value;
}
