import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { readModerationEnv as readModerationConfig } from '../../../src/lib/env';

describe('per-network rate limit configuration', () => {
  it('defaults to 30 a minute and 300 a day', () => {
    assert.deepEqual(readModerationConfig({}).networkRate, { perMinute: 30, perDay: 300 });
  });

  it('reads MODERATION_NETWORK_RATE_PER_MINUTE and _PER_DAY', () => {
    assert.deepEqual(readModerationConfig({ MODERATION_NETWORK_RATE_PER_MINUTE: '4', MODERATION_NETWORK_RATE_PER_DAY: ' 40 ' }).networkRate, { perMinute: 4, perDay: 40 });
  });

  it('refuses anything but a whole number from 1, naming the variable (generated values)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom('0', '-1', '1.5', '1e3', 'ten', '0x10', '10000000', '١٠'), fc.string().filter((s) => s.trim() !== '' && !/^[1-9][0-9]{0,6}$/.test(s.trim()))),
        fc.constantFrom('MODERATION_NETWORK_RATE_PER_MINUTE', 'MODERATION_NETWORK_RATE_PER_DAY'),
        (value, name) => {
          assert.throws(() => readModerationConfig({ [name]: value }), (error: Error) => error.message.includes(name));
        },
      ),
    );
  });
});
