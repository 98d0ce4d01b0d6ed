import { describe, it } from 'node:test';
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
  APP_KEYS: 'a1b2c3d4e5f6,f6e5d4c3b2a1',
  ADMIN_JWT_SECRET: 'admin-jwt-9f8e7d',
  API_TOKEN_SALT: 'api-salt-1a2b3c',
  TRANSFER_TOKEN_SALT: 'transfer-salt-4d5e6f',
  JWT_SECRET: 'jwt-7a8b9c',
  ENCRYPTION_KEY: 'enc-0d1e2f',
};
const MODERATION_SECRET = 'moderation-7c1d9e2f4a';

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
