import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

/**
 * Where the local upload provider keeps the file behind `url` (`/uploads/...`), or null for a
 * remote URL, a path that leaves the public folder, or a file that is not there.
 */
export function localFilePath(strapi: Core.Strapi, url: unknown): string | null {
  if (typeof url !== 'string' || /^https?:\/\//.test(url)) return null;
  const root = path.resolve(strapi.dirs.static.public);
  const local = path.resolve(root, `.${decodeURIComponent(url.split('?')[0])}`);
  return local.startsWith(root + path.sep) && fs.existsSync(local) ? local : null;
}
