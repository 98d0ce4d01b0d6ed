/**
 * What moves the response cache's generation: every write through the document service
 * (admin, API tokens, scheduled publishing, ingestion), and every database write to a
 * model a public answer can show or depend on (media files, locales, the public role's
 * permissions, the core store's default locale), whoever makes it. Moderation changes
 * arrive through the hidden set (runtime.ts). The move follows the commit: an answer
 * computed before it is then never stored.
 */
import type { Core } from '@strapi/strapi';
import { READ_ACTIONS } from '../lib/document-actions';
import { responseCache } from './runtime';

/**
 * Written often and never shown to the public: the admin's users, tokens (lastUsedAt on
 * every token request) and sessions, readers' accounts, report and rate counters. Writing
 * them must not empty the cache (a reader reporting images could otherwise flush it).
 */
const NEVER_PUBLIC = /^(?:admin::|plugin::users-permissions\.user$|plugin::moderation\.(?:report|rate-counter|audit-entry)$|strapi::history-version$)/;

export function registerResponseCacheInvalidation(strapi: Core.Strapi) {
  const cache = responseCache(strapi);
  if (!cache) return;

  const afterCommit = () => {
    if (!strapi.db.inTransaction()) return cache.invalidate();
    void strapi.db.transaction(async ({ onCommit }) => onCommit(() => cache.invalidate()));
  };

  strapi.documents.use(async (context, next) => {
    const result = await next();
    if (!READ_ACTIONS.has(context.action)) afterCommit();
    return result;
  });

  const onWrite = (event: { model?: { uid?: string } }) => {
    if (!NEVER_PUBLIC.test(event.model?.uid ?? '')) afterCommit();
  };
  strapi.db.lifecycles.subscribe({
    afterCreate: onWrite,
    afterCreateMany: onWrite,
    afterUpdate: onWrite,
    afterUpdateMany: onWrite,
    afterDelete: onWrite,
    afterDeleteMany: onWrite,
  });
}
