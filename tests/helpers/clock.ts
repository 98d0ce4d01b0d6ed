/**
 * A chosen wall clock for tests whose rule depends on the time (rate windows, expiry):
 * Jest's fake timers faking Date only, so the Strapi under test (loaded in the same test
 * context) reads the same clock, while its timers, promises and I/O run for real.
 */
import { jest } from '@jest/globals';

const REAL: Parameters<typeof jest.useFakeTimers>[0] = {
  doNotFake: [
    'hrtime',
    'nextTick',
    'performance',
    'queueMicrotask',
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'requestIdleCallback',
    'cancelIdleCallback',
    'setImmediate',
    'clearImmediate',
    'setInterval',
    'clearInterval',
    'setTimeout',
    'clearTimeout',
  ],
};

export interface Clock {
  /** The frozen time, in epoch milliseconds. */
  now: () => number;
  /** Moves the clock forward by `ms`. */
  advance: (ms: number) => void;
  /** Back to the real clock. */
  restore: () => void;
}

/** Freezes Date at `at`; it moves only when `advance` is called. */
export function freezeDate(at: Date | number): Clock {
  jest.useFakeTimers({ ...REAL, now: at });
  return {
    now: () => Date.now(),
    advance: (ms) => jest.setSystemTime(Date.now() + ms),
    restore: () => jest.useRealTimers(),
  };
}
