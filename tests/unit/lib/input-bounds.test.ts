import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkInput } from '../../../src/lib/input-bounds';

const depthOf = (v: unknown): number =>
  v !== null && typeof v === 'object' ? 1 + Math.max(0, ...(Array.isArray(v) ? v : Object.values(v)).map(depthOf)) : 0;
const valuesOf = (v: unknown): number =>
  1 + (v !== null && typeof v === 'object' ? (Array.isArray(v) ? v : Object.values(v)).reduce((n: number, c) => n + valuesOf(c), 0) : 0);

describe('checkInput', () => {
  it('accepts exactly the values within both limits (generated JSON)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 60 }), (value, maxDepth, maxValues) => {
        const verdict = checkInput(value, { maxDepth, maxValues });
        assert.equal(verdict.ok, depthOf(value) <= maxDepth && valuesOf(value) <= maxValues, JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a filter nested far deeper than the call stack allows, without overflowing', () => {
    let deep: unknown = { byline: { eq: 'x' } };
    for (let i = 0; i < 100_000; i++) deep = { not: deep };
    assert.deepEqual(checkInput(deep, { maxDepth: 20, maxValues: 1_000_000 }), { ok: false, reason: 'depth' });
  });

  it('refuses a wide or-list by its number of values', () => {
    const wide = { or: Array.from({ length: 20_000 }, (_, i) => ({ byline: { eq: String(i) } })) };
    assert.deepEqual(checkInput(wide, { maxDepth: 20, maxValues: 1000 }), { ok: false, reason: 'values' });
  });
});
