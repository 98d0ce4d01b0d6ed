import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, createTestDatabase } from '../helpers/strapi';

/** Boots Nashra in a child process with exactly this environment (plus PATH). */
function boot(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'tests/helpers/boot-once.cjs')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH!, ENV_PATH: process.env.ENV_PATH!, STRAPI_TELEMETRY_DISABLED: 'true', LOG_LEVEL: 'error', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, output: `${result.stdout}\n${result.stderr}` };
}

const SECRETS = {
  APP_KEYS: 'Qm3v9XkLr2Tz8WfN1bYc5HdS7pGa0uJe,hV4nR8sK2mX6qT0wZ3yB7cF1dL5gP9jA',
  ADMIN_JWT_SECRET: 'c2f8e1a9d4b7e3f6a0c5d8b2e9f4a7c1',
  API_TOKEN_SALT: 'Zq8Xw2Lr5Tn9Vb3Mk7Hj1Gf4Ds6Pa0Ye',
  TRANSFER_TOKEN_SALT: 'u7Y3t1R9e5W2q8I4o6P0a3S7d1F9g5H2',
  JWT_SECRET: 'k9J3h7G1f5D2s8A4l6K0j3H7g1F9d5S2',
  ENCRYPTION_KEY: 'M5n1B7v3C9x2Z8l4K6j0H3g7F1d9S5a2',
};
const MODERATION_SECRET = 'p4O8i2U6y0T3r7E1w5Q9a3S7d1F5g9H3';

describe('boot-time configuration checks', () => {
  it('refuses to start in production without secrets, naming each missing variable', () => {
    const { code, output } = boot({ NODE_ENV: 'production', DATABASE_FILENAME: path.join(ROOT, '.tmp/never-created.db') });
    assert.notEqual(code, 0);
    for (const name of Object.keys(SECRETS)) assert.match(output, new RegExp(`${name} is required in production`));
    assert.doesNotMatch(output, /BOOTED/);
  });

  it("refuses Strapi's template secrets in production", () => {
    const { code, output } = boot({ NODE_ENV: 'production', ...SECRETS, ADMIN_JWT_SECRET: 'tobemodified' });
    assert.notEqual(code, 0);
    assert.match(output, /ADMIN_JWT_SECRET holds a default or empty value/);
  });

  it('refuses to start in production without MODERATION_SECRET', async () => {
    const db = await createTestDatabase();
    try {
      const { code, output } = boot({ NODE_ENV: 'production', ...SECRETS, ...db.env });
      assert.notEqual(code, 0);
      assert.match(output, /MODERATION_SECRET is required in production/);
    } finally {
      await db.drop();
    }
  });

  it('refuses one-character and low-variety secrets in production, naming each variable', () => {
    const { code, output } = boot({
      NODE_ENV: 'production',
      ...SECRETS,
      MODERATION_SECRET: 'm',
      APP_KEYS: `${SECRETS.JWT_SECRET},k`,
      JWT_SECRET: 'j',
      ADMIN_JWT_SECRET: 'a',
      ENCRYPTION_KEY: 'ab'.repeat(20),
      DATABASE_FILENAME: path.join(ROOT, '.tmp/never-created.db'),
    });
    assert.notEqual(code, 0);
    assert.match(output, /APP_KEYS \(key 2\) must be at least 32 characters/);
    assert.match(output, /ADMIN_JWT_SECRET must be at least 32 characters/);
    assert.match(output, /JWT_SECRET must be at least 32 characters/);
    assert.match(output, /MODERATION_SECRET must be at least 32 characters/);
    assert.match(output, /ENCRYPTION_KEY is of low variety/);
    assert.doesNotMatch(output, /BOOTED/);
  });

  it('stops on a bad TRUST_PROXY, naming the variable', () => {
    const { code, output } = boot({ TRUST_PROXY: 'all', DATABASE_FILENAME: path.join(ROOT, '.tmp/never-created.db') });
    assert.notEqual(code, 0);
    assert.match(output, /TRUST_PROXY must be false, true \(one proxy\) or the number of trusted proxies/);
  });

  it('stops on a bad value, naming the variable', () => {
    const { code, output } = boot({ DATABASE_CLIENT: 'oracle' });
    assert.notEqual(code, 0);
    assert.match(output, /DATABASE_CLIENT must be one of sqlite, postgres, mysql, got 'oracle'/);
  });

  it('boots in production with real secrets', async () => {
    const db = await createTestDatabase();
    try {
      const { code, output } = boot({ NODE_ENV: 'production', ...SECRETS, MODERATION_SECRET, ...db.env });
      assert.equal(code, 0, output);
      assert.match(output, /BOOTED/);
    } finally {
      await db.drop();
    }
  });
});
