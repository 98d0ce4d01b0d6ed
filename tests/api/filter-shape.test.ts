/**
 * Filters a reader writes by hand: whatever shape a script sends in `filters` (REST, through
 * qs) or GraphQL's `between`, the answer is a 200 or a 400 in Strapi's error format, never a
 * 500; the filters front ends write still find their articles.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import qs from 'qs';
import { startNashra, type Nashra } from '../helpers/strapi';
import { fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';

let app: Nashra;
const TITLE = 'أمطار غزيرة في الرباط';

beforeAll(async () => {
  app = await startNashra({ env: { MODERATION_SECRET: 'p4O8i2U6y0T3r7E1w5Q9a3S7d1F5g9H3' } });
  const ed = editor(app.http, await fullAccessToken(app.strapi));
  const cover = await ed.upload('filters-cover.jpg', 40);
  const source = await ed.create('sources', { name: 'هسبريس', homepage: 'https://hespress.example', language: 'ar' });
  await ed.create('articles', { title: TITLE, source: source.documentId, cover: cover.id }, '?locale=ar&status=published');
});

afterAll(async () => app?.stop());

const rest = (filters: unknown) => app.http().get(`/api/articles?${qs.stringify({ filters, locale: 'ar' })}`);

describe('REST filters that used to be a 500', () => {
  const cases: Array<[string, unknown]> = [
    ['$ne with an operator object', { title: { $ne: { $null: 'true' } } }],
    ['$between with one value', { title: { $between: '1' } }],
    ['$and that is not a list', { $and: '1' }],
    ['a value operator at the root', { $eq: '1' }],
    ['a nested attribute under a scalar', { title: { title: '1' } }],
    ['two operators on a relation', { source: { $eq: '1', $ne: '2' } }],
    ['$jsonSupersetOf', { title: { $jsonSupersetOf: '1' } }],
  ];
  for (const [what, filters] of cases) {
    it(`${what}: a 400 that says where`, async () => {
      const res = await rest(filters);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
      expect(res.body.error.message).toMatch(/^Invalid filters at /);
      expect(res.body.data).toBeNull();
    });
  }
});

describe('REST filters front ends write', () => {
  const found: Array<[string, unknown]> = [
    ['$eq', { title: { $eq: TITLE } }],
    ['$containsi', { title: { $containsi: 'الرباط' } }],
    ['$or', { $or: [{ title: { $eq: 'none' } }, { title: { $eq: TITLE } }] }],
    ['$not', { title: { $not: { $eq: 'none' } } }],
    ['$in', { title: { $in: ['none', TITLE] } }],
    ['the source by name', { source: { name: { $eq: 'هسبريس' } } }],
    ['$between on dates', { publishedAt: { $between: ['2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z'] } }],
    ['a cover present', { cover: { $notNull: true } }],
  ];
  for (const [what, filters] of found) {
    it(`${what} finds the article`, async () => {
      const res = await rest(filters);
      expect(res.status).toBe(200);
      expect(res.body.data.map((a: { title: string }) => a.title)).toEqual([TITLE]);
    });
  }
});

describe('generated REST filters', () => {
  const scalar = fc.oneof(fc.constantFrom('', '1', 'true', 'null', TITLE, 'أ'), fc.string({ maxLength: 5 }));
  const operator = fc.constantFrom(
    '$eq', '$eqi', '$ne', '$lt', '$gte', '$in', '$notIn', '$between', '$null', '$notNull', '$contains', '$containsi', '$startsWith',
    '$not', '$and', '$or', '$jsonSupersetOf', '$foo',
  );
  const key = fc.oneof(operator, fc.constantFrom('title', 'id', 'documentId', 'publishedAt', 'source', 'name', 'cover', 'url', 'nope'));
  const node = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
  })).node;
  const filters = fc.dictionary(key, node, { minKeys: 1, maxKeys: 3 });

  it('are answered 200 or 400, never 500, and the server keeps answering', async () => {
    await fc.assert(
      fc.asyncProperty(filters, async (f) => {
        const res = await rest(f);
        expect([200, 400]).toContain(res.status);
        if (res.status === 400) expect(res.body.error.status).toBe(400);
      }),
      { numRuns: 500, seed: 20261203 },
    );
    expect((await app.http().get('/_health')).status).toBe(204);
  });
});

describe('GraphQL between', () => {
  const gql = (between: string) => app.http().post('/graphql').send({ query: `{ articles(locale: "ar", filters: { title: { between: ${between} } }) { title } }` });

  for (const between of ['["a"]', '["a", "b", "c"]']) {
    it(`between: ${between} is BAD_USER_INPUT, not an internal error`, async () => {
      const res = await gql(between);
      expect(res.body.data).toBeNull();
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors[0].message).toMatch(/between takes exactly two values/);
    });
  }

  it('two values still filter', async () => {
    const res = await gql('["أ", "ي"]');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.articles).toEqual([{ title: TITLE }]);
  });
});
