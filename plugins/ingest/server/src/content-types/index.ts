/**
 * The plugin's tables. Items point at their source and article by documentId columns, not
 * relations: "one item per source and key" is a unique index over (source, key), which needs both
 * in one table (a Strapi relation lives in a join table).
 */
import feedState from './feed-state/schema.json';
import item from './item/schema.json';

export default {
  'feed-state': { schema: feedState },
  item: { schema: item },
};

export const UID = {
  state: 'plugin::ingest.feed-state',
  item: 'plugin::ingest.item',
  source: 'api::source.source',
  article: 'api::article.article',
} as const;
