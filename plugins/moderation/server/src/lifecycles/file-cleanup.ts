/**
 * A file deleted elsewhere (Media Library, upload API) takes its reports and state with
 * it; the audit entries stay, they are history.
 */
import type { Core } from '@strapi/strapi';
import { UID } from '../content-types';

export function registerFileCleanup(strapi: Core.Strapi) {
  strapi.db.lifecycles.subscribe({
    models: [UID.file],
    async afterDelete(event) {
      const id = Number(event.result?.id);
      if (!Number.isSafeInteger(id)) return;
      await strapi.db.query(UID.report).deleteMany({ where: { fileId: id } });
      await strapi.db.query(UID.state).deleteMany({ where: { fileId: id } });
    },
  });
}
