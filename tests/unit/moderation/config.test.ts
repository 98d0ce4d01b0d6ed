import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { readModerationEnv as readModerationConfig } from '../../../src/lib/env';
import { DEFAULT_SETTINGS } from '../../../plugins/moderation/server/src/domain';

const fails = (env: Record<string, string>, ...names: string[]) => {
  assert.throws(
    () => readModerationConfig(env),
    (error: Error) => names.every((name) => error.message.includes(name)),
    `expected an error naming ${names.join(', ')}`,
  );
};

describe('moderation configuration', () => {
  it('defaults: enabled, the domain defaults, a 2 s cache, a random secret per process outside production', () => {
    const config = readModerationConfig({});
    assert.equal(config.enabled, true);
    const { reasons: _reasons, ...rules } = DEFAULT_SETTINGS;
    assert.deepEqual(config.defaults, rules);
    assert.equal(config.cacheTtlMs, 2000);
    assert.ok(config.secret.length >= 32);
    assert.equal(readModerationConfig({ NODE_ENV: 'test' }).secret, config.secret, 'one secret for the whole process');
  });

  it('reads the rule and rate limits from the environment', () => {
    const config = readModerationConfig({ MODERATION_THRESHOLD: '5', MODERATION_MIN_NETWORKS: '3', MODERATION_WINDOW_DAYS: '2', MODERATION_RATE_PER_MINUTE: '4', MODERATION_RATE_PER_DAY: '40' });
    assert.equal(config.defaults.threshold, 5);
    assert.equal(config.defaults.minNetworks, 3);
    assert.equal(config.defaults.windowDays, 2);
    assert.deepEqual(config.defaults.rateLimit, { perMinute: 4, perDay: 40 });
  });

  it('requires MODERATION_SECRET in production, and a real one', () => {
    fails({ NODE_ENV: 'production' }, 'MODERATION_SECRET');
    fails({ NODE_ENV: 'production', MODERATION_SECRET: 'changeme' }, 'MODERATION_SECRET');
    fails({ NODE_ENV: 'production', MODERATION_SECRET: 'short' }, 'MODERATION_SECRET');
    assert.equal(readModerationConfig({ NODE_ENV: 'production', MODERATION_SECRET: 'a-long-random-production-secret-7Kq' }).secret, 'a-long-random-production-secret-7Kq');
  });

  it('names every bad variable at once', () => {
    fails({ MODERATION_THRESHOLD: 'three', MODERATION_ENABLED: 'maybe' }, 'MODERATION_THRESHOLD', 'MODERATION_ENABLED');
    fails({ MODERATION_THRESHOLD: '2', MODERATION_MIN_NETWORKS: '3' }, 'MODERATION_MIN_NETWORKS');
    fails({ MODERATION_RATE_PER_MINUTE: '10', MODERATION_RATE_PER_DAY: '5' }, 'MODERATION_RATE_PER_DAY');
    fails({ MODERATION_WINDOW_DAYS: '0' }, 'MODERATION_WINDOW_DAYS');
    fails({ MODERATION_CACHE_TTL_MS: '10000' }, 'MODERATION_CACHE_TTL_MS');
  });

  it('MODERATION_ENABLED=false turns the plugin off', () => {
    for (const value of ['false', '0', 'no', 'FALSE']) assert.equal(readModerationConfig({ MODERATION_ENABLED: value }).enabled, false);
    for (const value of ['true', '1', 'yes', '']) assert.equal(readModerationConfig({ MODERATION_ENABLED: value }).enabled, true);
  });
});
