/**
 * Root reads of plugin::upload.file on the content API (REST /api/upload/files[/:id],
 * GraphQL uploadFiles / uploadFile) go through the Query Engine: a lifecycle adds
 * "id not hidden" to the query, so lists, counts and 404s stay right and a filter on the
 * file's own fields can only match visible files. The admin panel and admin API see everything.
 */
import type { Core } from '@strapi/strapi';
import { UID } from '../content-types';
import { hiddenFiles, isContentApiRequest } from './hidden';
import type { Event } from '@strapi/database';

export function registerUploadFilesGuard(strapi: Core.Strapi) {
  const exclude = async (event: Event) => {
    if (!isContentApiRequest(strapi)) return;
    const { ids } = await hiddenFiles(strapi);
    if (ids.size === 0) return;
    event.params = event.params ?? {};
    const notHidden = { id: { $notIn: [...ids] } };
    event.params.where = event.params.where ? { $and: [event.params.where, notHidden] } : notHidden;
  };
  strapi.db.lifecycles.subscribe({ models: [UID.file], beforeFindMany: exclude, beforeFindOne: exclude, beforeCount: exclude });
}
