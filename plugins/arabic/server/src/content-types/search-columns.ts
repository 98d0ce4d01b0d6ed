import type { Core } from '@strapi/strapi';
import { ARTICLE_UID } from '../constants';

/**
 * The normalized search columns of articles, owned by this plugin rather than the article schema:
 * written only by the Document Service middleware, never shown (private: not in REST, GraphQL or
 * filters for the public; not visible: not in the Content Manager's forms).
 */
export function addSearchColumns(strapi: Core.Strapi) {
  const hidden = { type: 'text', private: true, visible: false, configurable: false, pluginOptions: { i18n: { localized: true } } };
  strapi.get('content-types').extend(ARTICLE_UID, (ct: any) => {
    ct.attributes = { ...ct.attributes, searchTitle: { ...hidden }, searchText: { ...hidden } };
  });
}
