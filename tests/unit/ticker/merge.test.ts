import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { mergeTickerItems, type TickerArticle } from '../../../src/api/ticker/domain/merge';

const now = new Date('2026-11-29T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const article = (id: string, h: number, source = 'اليوم 24'): TickerArticle => ({
  documentId: id,
  title: `عنوان ${id}`,
  slug: `slug-${id}`,
  publishedAt: hoursAgo(h),
  source: { name: source },
});

describe('mergeTickerItems', () => {
  it('keeps manual items inside their window and drops expired or future ones', () => {
    const { items } = mergeTickerItems({
      now,
      limit: 10,
      automatic: [],
      manual: [
        { headline: 'live', expiresAt: hoursAgo(-1) },
        { headline: 'expired', expiresAt: hoursAgo(1) },
        { headline: 'future', startsAt: hoursAgo(-1) },
        { headline: 'started', startsAt: hoursAgo(1) },
        { headline: 'expires exactly now', expiresAt: now.toISOString() },
      ],
    });
    assert.deepEqual(items.map((i) => i.headline).sort(), ['live', 'started']);
  });

  it('orders by priority, then by recency, manual above automatic by default', () => {
    const { items } = mergeTickerItems({
      now,
      limit: 10,
      automatic: [article('old', 5), article('new', 1)],
      manual: [
        { headline: 'low', priority: 10, startsAt: hoursAgo(2) },
        { headline: 'high', priority: 90, startsAt: hoursAgo(3) },
        { headline: 'default', startsAt: hoursAgo(4) },
        { headline: 'blended', priority: 0, startsAt: hoursAgo(3) },
      ],
    });
    assert.deepEqual(
      items.map((i) => i.headline),
      ['high', 'default', 'low', 'عنوان new', 'blended', 'عنوان old']
    );
  });

  it('cuts the merged list at the limit', () => {
    const { items } = mergeTickerItems({
      now,
      limit: 2,
      manual: [{ headline: 'm' }],
      automatic: [article('a', 1), article('b', 2)],
    });
    assert.deepEqual(items.map((i) => i.headline), ['m', 'عنوان a']);
  });

  it('does not repeat an article that a manual item already pins', () => {
    const pinned = article('x', 1);
    const { items } = mergeTickerItems({
      now,
      limit: 10,
      manual: [{ headline: 'عاجل', article: pinned }],
      automatic: [pinned, article('y', 2)],
    });
    assert.deepEqual(items.map((i) => [i.kind, i.article?.documentId]), [
      ['manual', 'x'],
      ['auto', 'y'],
    ]);
    assert.equal(items[0].source?.name, 'اليوم 24');
    assert.equal(items[0].article?.slug, 'slug-x');
  });

  it('drops automatic articles older than the rule allows and says when the next one will drop', () => {
    const result = mergeTickerItems({
      now,
      limit: 10,
      maxAgeHours: 24,
      manual: [],
      automatic: [article('fresh', 23), article('stale', 25)],
    });
    assert.deepEqual(result.items.map((i) => i.article?.documentId), ['fresh']);
    assert.equal(result.changesAt?.getTime(), Date.parse(hoursAgo(23)) + 24 * 3_600_000 + 1);
  });

  it('reports the nearest future start or expiry as the next change', () => {
    const result = mergeTickerItems({
      now,
      limit: 10,
      automatic: [],
      manual: [
        { headline: 'a', expiresAt: hoursAgo(-3) },
        { headline: 'b', startsAt: hoursAgo(-2) },
        { headline: 'c', expiresAt: hoursAgo(2) },
      ],
    });
    assert.equal(result.changesAt?.toISOString(), hoursAgo(-2));
  });

  it('has no next change when nothing depends on time', () => {
    const result = mergeTickerItems({ now, limit: 10, manual: [{ headline: 'a' }], automatic: [article('z', 1)] });
    assert.equal(result.changesAt, null);
  });

  it('gives every entry the contract fields', () => {
    const { items } = mergeTickerItems({ now, limit: 10, manual: [{ headline: 'h', url: 'https://x.ma/a' }], automatic: [article('q', 1)] });
    for (const item of items) {
      assert.deepEqual(Object.keys(item).sort(), ['article', 'headline', 'kind', 'priority', 'publishedAt', 'source', 'url']);
      assert.ok(!Number.isNaN(Date.parse(item.publishedAt)));
    }
    assert.equal(items[0].url, 'https://x.ma/a');
    assert.equal(items[1].url, null);
  });
});
