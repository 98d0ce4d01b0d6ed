import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, readNashraEnv } from '../../../src/lib/env';

const SECRETS = {
  APP_KEYS: 'k1-random-a,k2-random-b',
  ADMIN_JWT_SECRET: 'admin-jwt-random',
  API_TOKEN_SALT: 'api-salt-random',
  TRANSFER_TOKEN_SALT: 'transfer-salt-random',
  JWT_SECRET: 'jwt-random',
  ENCRYPTION_KEY: 'encryption-random',
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
    assert.equal(env.trustProxy, false);
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
    [{ TRUST_PROXY: 'maybe' }, /^TRUST_PROXY must be true or false, got 'maybe'$/],
    [{ CORS_ORIGINS: 'news.example' }, /^CORS_ORIGINS must be a comma-separated list of origins/],
    [{ CORS_ORIGINS: 'https://news.example/path' }, /^CORS_ORIGINS must be/],
    [{ DATABASE_POOL_MIN: '5', DATABASE_POOL_MAX: '2' }, /^DATABASE_POOL_MIN must not exceed DATABASE_POOL_MAX$/],
    [{ GRAPHQL_DEPTH_LIMIT: '0' }, /^GRAPHQL_DEPTH_LIMIT must be a whole number from 1 to 50/],
    [{ PUBLIC_URL: 'ftp://news.example' }, /^PUBLIC_URL must be an http\(s\) URL/],
    [{ DATABASE_SSL: 'on' }, /^DATABASE_SSL must be true or false/],
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

    it('boots with real secrets and closed CORS by default', () => {
      const env = readNashraEnv({ NODE_ENV: 'production', ...SECRETS });
      assert.deepEqual(env.corsOrigins, []);
      assert.deepEqual(env.secrets.appKeys, ['k1-random-a', 'k2-random-b']);
      assert.deepEqual(problemsOf({ NODE_ENV: 'production', ...SECRETS, CORS_ORIGINS: '*' }), [
        "CORS_ORIGINS may not be '*' in production: list the front ends' origins",
      ]);
    });
  });
});
