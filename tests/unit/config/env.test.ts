import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { ConfigError, MIN_SECRET_LENGTH, readNashraEnv, weakSecretReason } from '../../../src/lib/env';

const SECRETS = {
  APP_KEYS: 'Qm3v9XkLr2Tz8WfN1bYc5HdS7pGa0uJe,hV4nR8sK2mX6qT0wZ3yB7cF1dL5gP9jA',
  ADMIN_JWT_SECRET: 'c2f8e1a9d4b7e3f6a0c5d8b2e9f4a7c1',
  API_TOKEN_SALT: 'Zq8Xw2Lr5Tn9Vb3Mk7Hj1Gf4Ds6Pa0Ye',
  TRANSFER_TOKEN_SALT: 'u7Y3t1R9e5W2q8I4o6P0a3S7d1F9g5H2',
  JWT_SECRET: 'k9J3h7G1f5D2s8A4l6K0j3H7g1F9d5S2',
  ENCRYPTION_KEY: 'M5n1B7v3C9x2Z8l4K6j0H3g7F1d9S5a2',
  MODERATION_SECRET: 'p4O8i2U6y0T3r7E1w5Q9a3S7d1F5g9H3',
};

const problemsOf = (env: Record<string, string>) => {
  try {
    readNashraEnv(env);
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
};

describe('readNashraEnv', () => {
  it('boots a fresh clone: SQLite under .tmp, permissive CORS in development, port 1337', () => {
    const env = readNashraEnv({});
    assert.equal(env.database.client, 'sqlite');
    assert.equal(env.database.filename, '.tmp/data.db');
    assert.equal(env.corsOrigins, '*');
    assert.equal(env.port, 1337);
    assert.equal(env.trustProxy, 0);
    assert.equal(env.isProduction, false);
  });

  it('generates development secrets once per process, so every config file agrees', () => {
    const a = readNashraEnv({});
    const b = readNashraEnv({});
    assert.deepEqual(a.secrets, b.secrets);
    assert.equal(a.secrets.appKeys.length, 2);
    assert.ok(a.secrets.adminJwtSecret.length >= 16);
  });

  it('reads PostgreSQL settings', () => {
    const env = readNashraEnv({ DATABASE_CLIENT: 'postgres', DATABASE_NAME: 'news', DATABASE_PORT: '5433', DATABASE_SSL: 'true' });
    assert.equal(env.database.client, 'postgres');
    assert.equal(env.database.name, 'news');
    assert.equal(env.database.port, 5433);
    assert.equal(env.database.ssl, true);
    assert.equal(env.database.host, '127.0.0.1');
  });

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ DATABASE_CLIENT: 'oracle' }, /^DATABASE_CLIENT must be one of sqlite, postgres, mysql, got 'oracle'$/],
    [{ PORT: 'http' }, /^PORT must be a whole number/],
    [{ PORT: '70000' }, /^PORT must be a whole number from 0 to 65535, got '70000'$/],
    [{ TRUST_PROXY: 'maybe' }, /^TRUST_PROXY must be false, true \(one proxy\) or the number of trusted proxies from 0 to 10, got 'maybe'$/],
    [{ TRUST_PROXY: '-1' }, /^TRUST_PROXY must be false, true/],
    [{ TRUST_PROXY: '1.5' }, /^TRUST_PROXY must be false, true/],
    [{ TRUST_PROXY: '11' }, /^TRUST_PROXY must be false, true/],
    [{ TRUST_PROXY: 'yes' }, /^TRUST_PROXY must be false, true/],
    [{ CORS_ORIGINS: 'news.example' }, /^CORS_ORIGINS must be a comma-separated list of origins/],
    [{ CORS_ORIGINS: 'https://news.example/path' }, /^CORS_ORIGINS must be/],
    [{ DATABASE_POOL_MIN: '5', DATABASE_POOL_MAX: '2' }, /^DATABASE_POOL_MIN must not exceed DATABASE_POOL_MAX$/],
    [{ GRAPHQL_DEPTH_LIMIT: '0' }, /^GRAPHQL_DEPTH_LIMIT must be a whole number from 1 to 50/],
    [{ PUBLIC_URL: 'ftp://news.example' }, /^PUBLIC_URL must be an http\(s\) URL/],
    [{ DATABASE_SSL: 'on' }, /^DATABASE_SSL must be true or false/],
    [{ GRAPHQL_MAX_ALIASES: 'many' }, /^GRAPHQL_MAX_ALIASES must be a whole number from 0 to 1000, got 'many'$/],
    [{ GRAPHQL_MAX_COST: '0' }, /^GRAPHQL_MAX_COST must be a whole number from 1 to 1000000/],
    [{ GRAPHQL_MAX_TOKENS: '5' }, /^GRAPHQL_MAX_TOKENS must be a whole number from 10 to 100000/],
    [{ GRAPHQL_MAX_DIRECTIVES: '-1' }, /^GRAPHQL_MAX_DIRECTIVES must be a whole number/],
    [{ DATABASE_LOCK_TIMEOUT: '1s' }, /^DATABASE_LOCK_TIMEOUT must be a whole number from 0 to 60000, got '1s'$/],
  ];
  for (const [env, message] of bad) {
    it(`refuses ${JSON.stringify(env)} naming the variable`, () => {
      const problems = problemsOf(env);
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0], message);
    });
  }

  it('lists every bad variable at once', () => {
    assert.equal(problemsOf({ DATABASE_CLIENT: 'x', PORT: 'y', TRUST_PROXY: 'z' }).length, 3);
  });

  it('has GraphQL cost limits and a lock timeout by default, shorter on SQLite (its wait blocks the process)', () => {
    const env = readNashraEnv({});
    assert.deepEqual(
      { aliases: env.graphql.maxAliases, cost: env.graphql.maxCost, tokens: env.graphql.maxTokens, directives: env.graphql.maxDirectives },
      { aliases: 10, cost: 1000, tokens: 1000, directives: 10 },
    );
    assert.equal(env.database.lockTimeout, 1000);
    assert.equal(readNashraEnv({ DATABASE_CLIENT: 'postgres' }).database.lockTimeout, 5000);
    assert.equal(readNashraEnv({ DATABASE_LOCK_TIMEOUT: '250' }).database.lockTimeout, 250);
  });

  it('reads TRUST_PROXY as a number of trusted proxy hops', () => {
    const hops = (value: string) => readNashraEnv({ TRUST_PROXY: value }).trustProxy;
    assert.equal(hops('false'), 0);
    assert.equal(hops('FALSE'), 0);
    assert.equal(hops('0'), 0);
    assert.equal(hops('true'), 1);
    assert.equal(hops(' True '), 1);
    assert.equal(hops('1'), 1);
    assert.equal(hops('2'), 2);
    assert.equal(hops('10'), 10);
    assert.equal(hops(''), 0);
  });

  it('takes a list of CORS origins', () => {
    const env = readNashraEnv({ CORS_ORIGINS: 'https://news.example, https://m.news.example' });
    assert.deepEqual(env.corsOrigins, ['https://news.example', 'https://m.news.example']);
  });

  describe('in production', () => {
    it('refuses missing secrets, naming each', () => {
      const problems = problemsOf({ NODE_ENV: 'production' });
      for (const name of Object.keys(SECRETS)) assert.ok(problems.includes(`${name} is required in production`), name);
    });

    it("refuses Strapi's template values", () => {
      const problems = problemsOf({ NODE_ENV: 'production', ...SECRETS, APP_KEYS: 'toBeModified1,toBeModified2', JWT_SECRET: 'tobemodified' });
      assert.deepEqual(problems, [
        'APP_KEYS holds a default or empty value; set a random secret in production',
        'JWT_SECRET holds a default or empty value; set a random secret in production',
      ]);
    });

    it('refuses secrets shorter than 32 characters, naming the variable (each key of APP_KEYS)', () => {
      const problems = problemsOf({
        NODE_ENV: 'production',
        ...SECRETS,
        APP_KEYS: `${SECRETS.ADMIN_JWT_SECRET},k`,
        ENCRYPTION_KEY: 'e',
        JWT_SECRET: SECRETS.JWT_SECRET.slice(0, 31),
        MODERATION_SECRET: 'moderation-7c1d9e2f4a',
      });
      assert.equal(problems.length, 4, problems.join('\n'));
      assert.match(problems[0], /^APP_KEYS \(key 2\) must be at least 32 characters/);
      assert.match(problems[1], /^JWT_SECRET must be at least 32 characters/);
      assert.match(problems[2], /^ENCRYPTION_KEY must be at least 32 characters/);
      assert.match(problems[3], /^MODERATION_SECRET must be at least 32 characters/);
    });

    it('refuses long secrets of low variety', () => {
      for (const weak of ['a'.repeat(40), 'abcd'.repeat(10), '0123456789'.repeat(4), `${'x'.repeat(20)}0123456789ab`]) {
        const problems = problemsOf({ NODE_ENV: 'production', ...SECRETS, ADMIN_JWT_SECRET: weak });
        assert.equal(problems.length, 1, weak);
        assert.match(problems[0], /^ADMIN_JWT_SECRET is of low variety/);
      }
    });

    it('requires MODERATION_SECRET, by the same rule', () => {
      const { MODERATION_SECRET: _, ...rest } = SECRETS;
      assert.deepEqual(problemsOf({ NODE_ENV: 'production', ...rest }), ['MODERATION_SECRET is required in production']);
    });

    it('boots with real secrets and closed CORS by default', () => {
      const env = readNashraEnv({ NODE_ENV: 'production', ...SECRETS });
      assert.deepEqual(env.corsOrigins, []);
      assert.deepEqual(env.secrets.appKeys, SECRETS.APP_KEYS.split(','));
      assert.deepEqual(problemsOf({ NODE_ENV: 'production', ...SECRETS, CORS_ORIGINS: '*' }), [
        "CORS_ORIGINS may not be '*' in production: list the front ends' origins",
      ]);
    });
  });
});

describe('weakSecretReason', () => {
  it('accepts every random secret of 32 characters or more from the usual generators (hex, base64)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 64 }), fc.constantFrom('hex', 'base64', 'base64url') as fc.Arbitrary<BufferEncoding>, (bytes, encoding) => {
        const secret = randomBytes(encoding === 'hex' ? bytes : Math.max(bytes, 24)).toString(encoding);
        return weakSecretReason(secret) === null;
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses anything shorter than 32 characters, however random', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: MIN_SECRET_LENGTH - 1 }), (secret) => {
        fc.pre([...secret].length < MIN_SECRET_LENGTH);
        return weakSecretReason(secret) !== null;
      }),
    );
  });

  it('refuses a short part repeated to any length', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 16 }), fc.integer({ min: 2, max: 40 }), (part, times) => {
        const secret = part.repeat(Math.max(times, Math.ceil(MIN_SECRET_LENGTH / part.length) + 1));
        return weakSecretReason(secret) !== null;
      }),
    );
  });

  it('refuses fewer than 8 different characters, at any length', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'abcdefg'), { minLength: 32, maxLength: 200 }), (chars) => weakSecretReason(chars.join('')) !== null),
    );
  });
});
