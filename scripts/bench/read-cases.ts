/**
 * The read cases measured on Nashra (uncached and cached) and on the stock app side by side:
 * the same paths on the same data, so the only difference is the app.
 */
export interface ReadCase {
  name: string;
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  expect: number;
}

export const LIST_QUERY = 'locale=ar&pagination[pageSize]=20&populate[cover]=true&populate[source]=true&sort=publishedAt:desc';
export const GRAPHQL_LIST = JSON.stringify({
  query: '{ articles(locale: "ar", sort: "publishedAt:desc", pagination: { limit: 20 }) { documentId title cover { url } source { name } } }',
});
/** In the titles of two of the demo's Arabic articles, so in a twentieth of the seeded ones. */
const CONTAINS_WORD = 'الطقس';

/** articleDocumentId: one article of this app's seed (each app has its own ids). */
export function readCases(articleDocumentId: string): ReadCase[] {
  return [
    { name: 'REST list 20 + cover + source', path: `/api/articles?${encodeURI(LIST_QUERY)}`, expect: 200 },
    { name: 'REST one article populate=*', path: `/api/articles/${articleDocumentId}?populate=*`, expect: 200 },
    {
      name: 'REST filters[title][$containsi]',
      path: `/api/articles?filters[title][$containsi]=${encodeURIComponent(CONTAINS_WORD)}&locale=ar&pagination[pageSize]=10&sort=publishedAt:desc`,
      expect: 200,
    },
    { name: 'GraphQL list 20 + cover + source', path: '/graphql', method: 'POST', body: GRAPHQL_LIST, headers: { 'content-type': 'application/json' }, expect: 200 },
    { name: '/_health', path: '/_health', expect: 204 },
  ];
}
