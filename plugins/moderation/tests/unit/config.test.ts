/**
 * The moderation plugin's configuration: the app's env reader (src/lib/env.ts) reads
 * MODERATION_*, and the plugin's zod validator checks what config/plugins.ts passes in.
 */
import { describe, expect, it } from '@jest/globals';
import { ConfigError, readModerationEnv } from '../../../../src/lib/env';
import config, { DEFAULT_CONFIG, configProblems, type ModerationConfig } from '../../server/src/config';
import { checkUsedIn } from '../../server/src/register';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    readModerationEnv(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

/** What config/plugins.ts passes for an environment: the env reader's values and the desk's content types. */
const appConfig = (env: Record<string, string> = {}): ModerationConfig => ({
  ...readModerationEnv(env),
  usedIn: [{ uid: 'api::article.article', titleField: 'title' }],
});

describe('MODERATION_* through the app env reader', () => {
  it('gives the defaults for an empty environment', () => {
    const env = readModerationEnv({});
    expect(env.defaults).toEqual({ threshold: 3, minNetworks: 2, windowDays: 7, rateLimit: { perMinute: 10, perDay: 50 } });
    expect(env).toMatchObject({ enabled: true, cacheTtlMs: 2000, redisUrl: null, networkRate: { perMinute: 30, perDay: 300 } });
  });

  it('reads each variable, trimmed; a blank one is unset', () => {
    const env = readModerationEnv({ MODERATION_THRESHOLD: '5', MODERATION_MIN_NETWORKS: ' 3 ', MODERATION_WINDOW_DAYS: '', MODERATION_RATE_PER_MINUTE: '4', MODERATION_RATE_PER_DAY: '40' });
    expect(env.defaults).toEqual({ threshold: 5, minNetworks: 3, windowDays: 7, rateLimit: { perMinute: 4, perDay: 40 } });
  });

  it.each([
    ['MODERATION_THRESHOLD', '0', '1 to 1000'],
    ['MODERATION_THRESHOLD', '1e3', '1 to 1000'],
    ['MODERATION_THRESHOLD', '+3', '1 to 1000'],
    ['MODERATION_THRESHOLD', '0x10', '1 to 1000'],
    ['MODERATION_WINDOW_DAYS', '366', '1 to 365'],
    ['MODERATION_MIN_NETWORKS', '4', '1 to MODERATION_THRESHOLD (3)'],
    ['MODERATION_RATE_PER_DAY', '5', 'MODERATION_RATE_PER_MINUTE (10) to 1000000'],
    ['MODERATION_CACHE_TTL_MS', '10000', '100 to 4000'],
  ])('refuses %s=%s, naming the variable and the value', (name, value, range) => {
    expect(problemsOf({ [name]: value })).toEqual([`${name} must be a whole number from ${range}, got '${value}'`]);
  });

  it('explains a default that a changed variable made invalid', () => {
    expect(problemsOf({ MODERATION_THRESHOLD: '1' })).toEqual([
      'MODERATION_MIN_NETWORKS must be a whole number from 1 to MODERATION_THRESHOLD (1), got the default 2',
    ]);
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({ MODERATION_THRESHOLD: 'x', MODERATION_ENABLED: 'maybe', REDIS_URL: 'http://cache' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(['MODERATION_ENABLED', 'MODERATION_THRESHOLD', 'REDIS_URL']);
  });

  it('demands a real MODERATION_SECRET in production, by the rule of the other secrets', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(['MODERATION_SECRET is required in production']);
    expect(problemsOf({ NODE_ENV: 'production', MODERATION_SECRET: 'a'.repeat(40) })[0]).toMatch(/^MODERATION_SECRET is of low variety/);
  });
});

describe('the plugin config validator (zod)', () => {
  it('accepts what config/plugins.ts passes', () => {
    expect(configProblems(appConfig({ MODERATION_THRESHOLD: '4', REDIS_URL: 'redis://127.0.0.1:6379' }))).toEqual([]);
    expect(() => config.validator(appConfig())).not.toThrow();
  });

  it('stops the boot without the app values: there is no default secret', () => {
    expect(() => config.validator(config.default())).toThrow(/secret: must be at least 16 characters/);
  });

  it('names the key of each problem', () => {
    const bad = {
      ...appConfig(),
      cacheTtlMs: 10_000,
      redisUrl: 'http://cache',
      usedIn: [{ uid: 'article', titleField: 'title' }, { uid: 'api::source.source', titleField: '' }],
      extra: true,
    };
    const problems = configProblems(bad);
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['(config)', 'cacheTtlMs', 'redisUrl', 'usedIn[0].uid', 'usedIn[1].titleField'].sort());
    expect(problems.find((p) => p.startsWith('(config)'))).toMatch(/extra/);
  });

  it('applies the settings rules to the defaults, naming the config key', () => {
    const problems = configProblems({ ...appConfig(), defaults: { ...DEFAULT_CONFIG.defaults, threshold: 2, minNetworks: 3 } });
    expect(problems).toEqual(['defaults.minNetworks: must be a whole number from 1 to threshold (2)']);
  });

  it('refuses reasons in the config: the admin settings API owns them', () => {
    const problems = configProblems({ ...appConfig(), defaults: { ...DEFAULT_CONFIG.defaults, reasons: [] } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^defaults: .*reasons/);
  });

  it('refuses a content type listed twice in usedIn', () => {
    const usedIn = [{ uid: 'api::article.article', titleField: 'title' }, { uid: 'api::article.article', titleField: 'slug' }];
    expect(configProblems({ ...appConfig(), usedIn })).toEqual(['usedIn: lists a content type twice']);
  });

  it('gives a fresh default each time (Strapi merges the app config into it)', () => {
    const a = config.default();
    a.usedIn.push({ uid: 'api::x.x', titleField: 't' });
    expect(config.default().usedIn).toEqual([]);
  });
});

describe("usedIn against the app's content types (at register)", () => {
  const strapi = { contentTypes: { 'api::article.article': { attributes: { title: {}, cover: {} } } } } as unknown as Parameters<typeof checkUsedIn>[0];

  it('accepts a type and title attribute that exist', () => {
    expect(() => checkUsedIn(strapi, [{ uid: 'api::article.article', titleField: 'title' }])).not.toThrow();
  });

  it('stops the boot on a type or an attribute that does not exist, naming the entry', () => {
    expect(() => checkUsedIn(strapi, [{ uid: 'api::source.source', titleField: 'name' }])).toThrow("usedIn[0].uid: 'api::source.source' is not a content type of this app");
    expect(() => checkUsedIn(strapi, [{ uid: 'api::article.article', titleField: 'headline' }])).toThrow("usedIn[0].titleField: 'api::article.article' has no attribute 'headline'");
  });
});
