import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { SLUG_MAX_LENGTH, blocksToText, isValidSlug, normalizeForSearch, slugWithSuffix, slugify } from '../../../plugins/arabic/server/src/text/index';

const cp = (s: string): number => [...s].length;

describe('slugWithSuffix', () => {
  it('gives the base for n = 1 and base-n after', () => {
    assert.equal(slugWithSuffix('المغرب', 1), 'المغرب');
    assert.equal(slugWithSuffix('المغرب', 2), 'المغرب-2');
    assert.equal(slugWithSuffix('المغرب', 17), 'المغرب-17');
  });

  it('cuts a long base at a word boundary so the candidate stays a valid slug', () => {
    const base = slugify('كلمة '.repeat(40));
    assert.equal(cp(base), 79);
    for (const n of [2, 10, 100, 12345]) {
      const candidate = slugWithSuffix(base, n);
      assert.ok(cp(candidate) <= SLUG_MAX_LENGTH, candidate);
      assert.ok(candidate.endsWith(`-${n}`));
      assert.ok(isValidSlug(candidate), candidate);
      assert.ok(!candidate.includes('--'));
    }
  });

  it('cuts a single over-long word at the limit', () => {
    const base = 'ب'.repeat(80);
    const candidate = slugWithSuffix(base, 3);
    assert.equal(cp(candidate), 80);
    assert.ok(isValidSlug(candidate));
  });

  it('rejects n < 1 and non-integers', () => {
    assert.throws(() => slugWithSuffix('a', 0), RangeError);
    assert.throws(() => slugWithSuffix('a', 1.5), RangeError);
  });
});

describe('blocksToText', () => {
  const body = [
    { type: 'heading', level: 2, children: [{ type: 'text', text: 'الأمطارُ' }] },
    { type: 'paragraph', children: [{ type: 'text', text: 'تهاطلت ' }, { type: 'text', text: 'بطنجة', bold: true }, { type: 'link', url: 'https://x.example', children: [{ type: 'text', text: ' اليوم' }] }] },
    { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'أولا' }] }, { type: 'list-item', children: [{ type: 'text', text: 'ثانيا' }] }] },
    { type: 'image', image: { url: '/uploads/x.jpg', alternativeText: 'سيول' }, children: [{ type: 'text', text: '' }] },
  ];

  it('keeps every text leaf in order, blocks on their own lines, links inline', () => {
    assert.equal(blocksToText(body), 'الأمطارُ\nتهاطلت بطنجة اليوم\nأولا\nثانيا\nسيول');
  });

  it('feeds the search key without gluing words of two blocks', () => {
    assert.equal(normalizeForSearch(blocksToText(body)), 'الامطار تهاطلت بطنجه اليوم اولا ثانيا سيول');
  });

  it('gives an empty string for anything that is not blocks', () => {
    for (const value of [null, undefined, '', 'نص', 42, {}, [null, 3, 'x']]) assert.equal(blocksToText(value), '');
  });
});
