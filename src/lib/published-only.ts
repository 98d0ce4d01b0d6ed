import type { Core } from '@strapi/strapi';
import { READ_ACTIONS } from './document-actions';

/**
 * Strapi 5's content API hands drafts to anyone who can `find` and asks for
 * `?status=draft` (REST) or `status: DRAFT` (GraphQL), the public role included: an
 * embargoed story would leak. Only an API token (an editor's integration, a preview
 * front end) may read drafts through the content API; readers, signed in or not, see
 * published entries. The admin panel does not go through the content API.
 */
export function registerPublishedOnlyForReaders(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    const params = context.params as { status?: unknown } | undefined;
    // Strapi serves drafts for any status but `published` (`DRAFT`, `x`, `status[0]=draft` …),
    // so everything else a reader sends is the published version, not only the word `draft`.
    const draftAndPublish = strapi.contentType(context.uid)?.options?.draftAndPublish === true;
    if (READ_ACTIONS.has(context.action) && draftAndPublish && params && params.status !== undefined && params.status !== 'published') {
      // The request's Koa context, as far as read here (Strapi types it as a bare Koa context).
      const ctx = strapi.requestContext.get() as { state?: { route?: { info?: { type?: string } }; auth?: { strategy?: { name?: string } } } } | undefined;
      const isContentApi = ctx?.state?.route?.info?.type === 'content-api';
      if (isContentApi && ctx?.state?.auth?.strategy?.name !== 'content-api-token') params.status = 'published';
    }
    return next();
  });
}
