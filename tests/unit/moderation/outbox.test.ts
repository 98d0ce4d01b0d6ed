import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { deadOwner, retryDelay } from '../../../plugins/moderation/server/src/store/outbox';

describe('outbox: back-off', () => {
  it('doubles from about a second up to ten minutes, never less than 90% of the step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempts, r) => {
        const step = Math.min(600_000, 1000 * 2 ** Math.min(attempts - 1, 20));
        const d = retryDelay(attempts, () => r);
        assert.ok(d >= step * 0.9 - 1 && d <= step * 1.1 + 1, `${attempts}: ${d}`);
      }),
    );
    assert.equal(retryDelay(1, () => 0.5), 1000);
    assert.equal(retryDelay(3, () => 0.5), 4000);
    assert.equal(retryDelay(50, () => 0.5), 600_000);
  });
});

describe('outbox: leases of dead owners', () => {
  const me = 'web-1:4242:aaaa';
  it('takes over an earlier life of this pid, or a gone process of this host', () => {
    assert.equal(deadOwner('web-1:4242:bbbb', me, () => true), true);
    assert.equal(deadOwner('web-1:17:bbbb', me, () => false), true);
  });
  it('waits for a live process, another host, itself, or an owner it cannot read', () => {
    assert.equal(deadOwner('web-1:17:bbbb', me, () => true), false);
    assert.equal(deadOwner('web-2:4242:bbbb', me, () => false), false);
    assert.equal(deadOwner(me, me, () => false), false);
    assert.equal(deadOwner('garbage', me, () => false), false);
    assert.equal(deadOwner('web-1:x:y', me, () => false), false);
  });
});
