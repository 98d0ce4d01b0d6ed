/**
 * Boots a real Nashra (the compiled dist/) on a fresh database and serves it over HTTP on
 * an ephemeral port. SQLite: a new file under .tmp/; PostgreSQL (DATABASE_CLIENT=postgres):
 * a new database; either is dropped when the instance stops.
 */
import './no-dotenv';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createStrapi, type Core } from '@strapi/strapi';
import supertest from 'supertest';
import { createScratchDatabase, type ScratchDatabase } from '../../scripts/lib/scratch-database';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Nashra {
  strapi: Core.Strapi;
  url: string;
  http: () => supertest.Agent;
  stop: () => Promise<void>;
}

export interface BootOptions {
  /** Extra environment for this instance (e.g. MODERATION_THRESHOLD). */
  env?: Record<string, string>;
  /** Serve the built admin panel (npm run build), for the browser tests. */
  admin?: boolean;
  /** Reuse an existing database instead of creating one (a second instance on the same data). */
  database?: TestDatabase;
}

export type TestDatabase = ScratchDatabase;

/** A database of its own for one test file (or for two instances that share it). */
export const createTestDatabase = () => createScratchDatabase('nashra_test');

const TEST_SECRETS = {
  APP_KEYS: 'testKeyA,testKeyB',
  ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
  API_TOKEN_SALT: 'test-api-token-salt',
  TRANSFER_TOKEN_SALT: 'test-transfer-token-salt',
  JWT_SECRET: 'test-jwt-secret',
  ENCRYPTION_KEY: 'test-encryption-key',
};

export async function startNashra(options: BootOptions = {}): Promise<Nashra> {
  const database = options.database ?? (await createTestDatabase());
  Object.assign(process.env, {
    NODE_ENV: 'test',
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    ...TEST_SECRETS,
    ...database.env,
    ...options.env,
  });

  const strapi = createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist'), serveAdminPanel: options.admin === true });
  await strapi.start();
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    strapi,
    url,
    http: () => supertest.agent(url),
    stop: async () => {
      await strapi.destroy();
      if (!options.database) await database.drop();
    },
  };
}
