import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MAX_FILTER_DEPTH, checkFilterShape, type AttributeKind, type FilterModel } from '../../../src/lib/filter-shape';

/** Two models as the database metadata describes them: articles relate to sources. */
const ATTRIBUTES: Record<string, Record<string, AttributeKind>> = {
  'api::article.article': {
    id: { kind: 'scalar', type: 'increments' },
    title: { kind: 'scalar', type: 'string' },
    views: { kind: 'scalar', type: 'biginteger' },
    score: { kind: 'scalar', type: 'float' },
    body: { kind: 'scalar', type: 'blocks' },
    publishedAt: { kind: 'scalar', type: 'datetime' },
    source: { kind: 'relation', target: 'api::source.source' },
    sections: { kind: 'other', type: 'dynamiczone' },
  },
  'api::source.source': { name: { kind: 'scalar', type: 'string' }, articles: { kind: 'relation', target: 'api::article.article' } },
};
const model: FilterModel = (uid, name) => ATTRIBUTES[uid]?.[name];
const check = (filters: unknown) => checkFilterShape(filters, 'api::article.article', model);

describe('checkFilterShape: filters the query builder can use', () => {
  const good: Array<[string, unknown]> = [
    ['none', undefined],
    ['a value', { title: 'الأمن' }],
    ['a list of values (an implicit $in)', { title: ['a', 'b'] }],
    ['operators', { title: { $containsi: 'أمن', $ne: 'x', $null: false } }],
    ['$in with a list', { title: { $in: ['a', 'b'] } }],
    ['$between with two values', { publishedAt: { $between: ['2015-01-01', new Date('2016-01-01')] } }],
    ['$not on an attribute, with operators', { title: { $not: { $eq: 'a' } } }],
    ['$not over a list of operators', { title: { $not: [{ $eq: 'a' }, 'b'] } }],
    ['$or and $and of conditions', { $or: [{ title: 'a' }, { $and: [{ title: { $ne: 'b' } }] }] }],
    ['$not at the root', { $not: { title: 'a' } }],
    ['a relation by id', { source: 3 }],
    ['a relation by one operator on the id', { source: { $in: [1, 2] } }],
    ['conditions on the related entries', { source: { name: { $eq: 'هسبريس' } } }],
    ['a group inside a relation', { source: { $or: [{ name: 'a' }, { name: 'b' }] } }],
    ['a relation of a relation', { source: { articles: { title: 'a' } } }],
    ['an attribute the model does not list (id, documentId)', { id: { $lt: 5 }, documentId: 'abc' }],
    ['an operator Strapi itself will judge ($foo)', { title: { $eq: 'a' }, $foo: 1 }],
    ['a list of conditions at the root', [{ title: 'a' }, { title: 'b' }]],
    ['numbers for numbers', { id: { $gte: '1', $lt: 2147483647 }, views: '9007199254740993', score: { $between: ['-1.5', '2e3'] } }],
    ['a case-insensitive match on a number or blocks (cast to text)', { id: { $containsi: 'x' }, body: { $containsi: 'أمن' } }],
    ['blocks tested for null', { body: { $null: true } }],
  ];
  for (const [what, filters] of good) it(what, () => expect(check(filters)).toEqual({ ok: true }));
});

describe('checkFilterShape: filters that failed as a 500', () => {
  const bad: Array<[string, unknown, string]> = [
    ['$ne with an operator object (bound as a parameter)', { title: { $ne: { $null: 'true' } } }, 'title.$ne'],
    ['$eq of $eq', { title: { $eq: { $eq: '1' } } }, 'title.$eq'],
    ['$between with one value', { title: { $between: '1' } }, 'title.$between'],
    ['$between with three values', { title: { $between: ['a', 'b', 'c'] } }, 'title.$between'],
    ['$and that is not a list', { $and: '1' }, '$and'],
    ['$or with an object (qs past its array limit)', { $or: { 25: { title: 'a' } } }, '$or'],
    ['$and with a value in it', { $and: ['1'] }, '$and.0'],
    ['$not at the root with a value', { $not: '1' }, '$not'],
    ['a value operator at the root', { $eq: '1' }, '$eq'],
    ['a nested attribute under a scalar', { title: { title: '1' } }, 'title.title'],
    ['$and under a scalar attribute', { title: { $and: [{ $eq: 'a' }] } }, 'title.$and'],
    ['a relation mixing operators and attributes', { source: { $eq: 1, name: 'a' } }, 'source'],
    ['a relation with two operators', { source: { $eq: 1, $ne: 2 } }, 'source'],
    ['conditions under a relation operator', { source: { $not: { name: 'a' } } }, 'source.$not'],
    ['$in with objects', { title: { $in: [{ $eq: 'a' }] } }, 'title.$in'],
    ['a list of operator objects where values are bound', { title: [{ $eq: 'a' }] }, 'title'],
    ['a dynamic zone', { sections: { $null: true } }, 'sections'],
    ['$jsonSupersetOf (internal only)', { title: { $jsonSupersetOf: { a: 1 } } }, 'title.$jsonSupersetOf'],
    ['a value as the whole filter', 'abc', ''],
    ['an empty string for an id (PostgreSQL: invalid input syntax)', { id: '' }, 'id'],
    ['a decimal for an integer', { id: { $eq: '1.5' } }, 'id.$eq'],
    ['an integer past int32', { id: { $in: ['1', '99999999999'] } }, 'id.$in'],
    ['a word for a relation id', { source: 'abc' }, 'source'],
    ['a case-sensitive LIKE on a number', { id: { $contains: '1' } }, 'id.$contains'],
    ['blocks compared with $eq', { body: 'x' }, 'body'],
    ['text in a float range', { score: { $between: ['1', 'x'] } }, 'score.$between'],
    ['deep inside a group', { $or: [{ title: 'a' }, { source: { name: { $between: ['a'] } } }] }, '$or.1.source.name.$between'],
  ];
  for (const [what, filters, path] of bad) {
    it(what, () => {
      const verdict = check(filters);
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) expect(verdict.path).toBe(path);
    });
  }

  it('refuses a filter nested past the limit without overflowing the stack', () => {
    let filters: unknown = { title: 'a' };
    for (let i = 0; i < 10_000; i++) filters = { $not: filters };
    const verdict = check(filters);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.message).toContain(String(MAX_FILTER_DEPTH));
  });
});

describe('checkFilterShape: generated filters', () => {
  const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null));
  const operator = fc.constantFrom('$eq', '$ne', '$containsi', '$in', '$between', '$null', '$not', '$and', '$or', '$jsonSupersetOf', '$foo');
  const key = fc.oneof(operator, fc.constantFrom('title', 'source', 'name', 'sections', 'id', 'body', 'score'));
  const tree = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
  })).node;

  it('always answers, with a path when it refuses', () => {
    fc.assert(
      fc.property(tree, (filters) => {
        const verdict = check(filters);
        if (!verdict.ok) expect(typeof verdict.path).toBe('string');
      }),
      { numRuns: 2000, seed: 20261203 },
    );
  });

  it('accepts every well-formed filter it is given', () => {
    const condition = fc.oneof(
      fc.record({ title: fc.oneof(scalar, fc.record({ $containsi: fc.string(), $ne: scalar }, { requiredKeys: [] })) }),
      fc.record({ title: fc.record({ $between: fc.tuple(scalar, scalar) }) }),
      fc.record({ source: fc.oneof(fc.integer(), fc.record({ name: scalar }), fc.record({ $in: fc.array(fc.integer()) })) }),
      fc.record({ id: fc.oneof(fc.integer(), fc.integer().map(String), fc.record({ $in: fc.array(fc.integer()) })) }),
    );
    const filters = fc.oneof(condition, fc.record({ $or: fc.array(condition) }), fc.record({ $not: condition }));
    fc.assert(fc.property(filters, (f) => expect(check(f)).toEqual({ ok: true })), { numRuns: 1000, seed: 20261203 });
  });
});
