import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import qs from 'qs';
import { asksForDrafts, cacheablePath, canonicalJson, restKey } from '../../../src/cache/key';
import { analyseQuery, graphqlKey, graphqlRequestFromQuery } from '../../../src/cache/graphql';

// Strapi's own qs settings (strapi::query middleware defaults).
const parse = (query: string) => qs.parse(query, { strictNullHandling: true, arrayLimit: 100, depth: 20 }) as Record<string, unknown>;
const COLLECTIONS = new Set(['articles', 'sources', 'categories', 'tickers']);

const shuffle = <T>(items: T[], order: number[]) =>
  items.map((item, i) => [order[i] ?? i, i, item] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , item]) => item);

describe('REST keys', () => {
  const params = ['locale=ar', 'populate[cover]=true', 'populate[source][fields][0]=name', 'filters[title][$containsi]=%D8%A7', 'pagination[page]=2', 'pagination[pageSize]=20'];

  it('do not depend on the order of parameters, nor of keys inside filters, populate or pagination', () => {
    const reference = restKey('/api/articles', parse(params.join('&')));
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: params.length, maxLength: params.length }), (order) => {
        assert.equal(restKey('/api/articles', parse(shuffle(params, order).join('&'))), reference);
      })
    );
  });

  it('keep the order of sort keys: it is the sort priority', () => {
    const a = restKey('/api/articles', parse('sort[title]=asc&sort[publishedAt]=desc'));
    const b = restKey('/api/articles', parse('sort[publishedAt]=desc&sort[title]=asc'));
    assert.notEqual(a, b);
    assert.notEqual(restKey('/api/articles', parse('sort[0]=title&sort[1]=id')), restKey('/api/articles', parse('sort[0]=id&sort[1]=title')));
  });

  it('differ whenever the parsed query differs', () => {
    const value = fc.oneof(fc.string(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }));
    const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => !['status', 'publicationState', 'preview', '__proto__'].includes(k));
    const query = fc.dictionary(key, value, { maxKeys: 4 });
    fc.assert(
      fc.property(query, query, (a, b) => {
        const same = canonicalJson(a) === canonicalJson(b);
        assert.equal(restKey('/api/articles', a) === restKey('/api/articles', b), same);
      })
    );
  });

  it('differ by path', () => {
    assert.notEqual(restKey('/api/articles', {}), restKey('/api/sources', {}));
  });

  it('are refused for drafts and previews', () => {
    assert.equal(restKey('/api/articles', parse('status=draft')), null);
    assert.equal(restKey('/api/articles', parse('status=DRAFT')), null);
    assert.equal(restKey('/api/articles', parse('status[0]=published')), null);
    assert.equal(restKey('/api/articles', parse('publicationState=preview')), null);
    assert.ok(restKey('/api/articles', parse('status=published')));
    assert.equal(asksForDrafts(parse('locale=ar')), false);
  });
});

describe('cacheable paths', () => {
  it('are lists, entries and the search of the content types, and the upload API files', () => {
    for (const path of ['/api/articles', '/api/articles/abc', '/api/articles/search', '/api/sources/x', '/api/upload/files', '/api/upload/files/3']) {
      assert.equal(cacheablePath(path, COLLECTIONS), true, path);
    }
    for (const path of ['/api/users', '/api/users/me', '/api/articles/', '/api//articles', '/api/articles/a/b', '/api/tickers/x/items', '/api/upload', '/api/moderation/reports', '/admin/articles', '/graphql', '/uploads/a.jpg', '/api/Articles']) {
      assert.equal(cacheablePath(path, COLLECTIONS), false, path);
    }
  });
});

describe('GraphQL keys', () => {
  const QUERY = 'query List($locale: I18NLocaleCode) { articles(locale: $locale) { title cover { url } } }';

  it('ignore spacing and comments but keep string literals and variables', () => {
    const key = graphqlKey({ query: QUERY, variables: { locale: 'ar' } }, '');
    assert.ok(key);
    assert.equal(graphqlKey({ query: `# a comment\n${QUERY.replace(/ /g, '\n  ')}`, variables: { locale: 'ar' } }, ''), key);
    assert.notEqual(graphqlKey({ query: QUERY, variables: { locale: 'fr' } }, ''), key);
    assert.notEqual(graphqlKey({ query: QUERY, variables: { locale: 'ar' }, operationName: 'List' }, ''), key);
    assert.notEqual(graphqlKey({ query: QUERY, variables: { locale: 'ar' } }, 'application/graphql-response+json'), key);
    const a = graphqlKey({ query: '{ articles(filters: { title: { contains: "a  b" } }) { title } }' }, '');
    const b = graphqlKey({ query: '{ articles(filters: { title: { contains: "a b" } }) { title } }' }, '');
    assert.notEqual(a, b);
  });

  it('refuse mutations, subscriptions, drafts and what does not parse', () => {
    assert.equal(graphqlKey({ query: 'mutation { reportMedia(file: "1", reason: "x") { status } }' }, ''), null);
    assert.equal(graphqlKey({ query: `${QUERY} mutation M { reportMedia(file: "1", reason: "x") { status } }`, operationName: 'List' }, ''), null);
    assert.equal(graphqlKey({ query: 'subscription { a }' }, ''), null);
    assert.equal(graphqlKey({ query: '{ articles(status: DRAFT) { title } }' }, ''), null);
    assert.equal(graphqlKey({ query: 'query Q($s: PublicationStatus) { articles(status: $s) { title } }', variables: { s: 'DRAFT' } }, ''), null);
    assert.equal(graphqlKey({ query: '{ articles { ' }, ''), null);
    assert.equal(graphqlKey({ query: 42 }, ''), null);
    assert.equal(graphqlKey({ query: QUERY, variables: [1] }, ''), null);
    assert.equal(analyseQuery('{ a } type T { b: Int }').printed, null);
  });

  it('never treat a document holding a mutation as a query, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(' ', '\n', ',', '\t', '# c\n'), { maxLength: 5 }), fc.boolean(), (spaces, first) => {
        const pad = spaces.join('') || ' ';
        const mutation = `${pad}mutation${pad}M${pad}{ reportMedia(file: "1", reason: "x") { status } }`;
        const query = `query Q { articles { title } }`;
        assert.equal(graphqlKey({ query: first ? `${mutation}${pad}${query}` : `${query}${pad}${mutation}`, operationName: 'Q' }, ''), null);
      })
    );
  });

  it('read GET requests from the query string', () => {
    assert.deepEqual(graphqlRequestFromQuery({ query: '{ a }', variables: '{"x":1}' }), { query: '{ a }', variables: { x: 1 }, operationName: undefined });
    assert.equal(graphqlRequestFromQuery({ query: '{ a }', variables: '{bad' }), null);
    assert.equal(graphqlRequestFromQuery({ query: '{ a }', extensions: '{}' }), null);
  });
});
