/**
 * Nashra's configuration, read once from the environment and validated.
 *
 * Pure: takes an env record, returns a typed object or throws a ConfigError that names
 * every bad variable. config/*.ts call it so a bad value stops the boot before Strapi
 * touches the database.
 */
import { randomBytes } from 'node:crypto';

export type DatabaseClient = 'sqlite' | 'postgres' | 'mysql';

export interface NashraEnv {
  nodeEnv: string;
  isProduction: boolean;
  host: string;
  port: number;
  publicUrl?: string;
  trustProxy: boolean;
  corsOrigins: string[] | '*';
  database: {
    client: DatabaseClient;
    filename: string;
    url?: string;
    host: string;
    port: number;
    name: string;
    user: string;
    password: string;
    ssl: boolean;
    schema: string;
    poolMin: number;
    poolMax: number;
    connectionTimeout: number;
  };
  secrets: {
    appKeys: string[];
    adminJwtSecret: string;
    apiTokenSalt: string;
    transferTokenSalt: string;
    jwtSecret: string;
    encryptionKey: string;
  };
  graphql: { depthLimit: number; defaultLimit: number; maxLimit: number };
  responseCache: ResponseCacheEnv;
}

/** The response cache (src/cache): RESPONSE_CACHE_* and REDIS_URL. */
export interface ResponseCacheEnv {
  enabled: boolean;
  maxEntries: number;
  maxBytes: number;
  ttlSeconds: number;
  maxAgeSeconds: number;
  staleSeconds: number;
  redisUrl?: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Values shipped in Strapi's templates and examples: never acceptable in production. */
const KNOWN_DEFAULT_SECRETS = new Set(
  ['tobemodified', 'tobemodified1', 'tobemodified2', 'changeme', 'secret', 'example', 'default'].map((s) =>
    s.toLowerCase()
  )
);

const SECRET_VARIABLES = [
  ['APP_KEYS', 'appKeys'],
  ['ADMIN_JWT_SECRET', 'adminJwtSecret'],
  ['API_TOKEN_SALT', 'apiTokenSalt'],
  ['TRANSFER_TOKEN_SALT', 'transferTokenSalt'],
  ['JWT_SECRET', 'jwtSecret'],
  ['ENCRYPTION_KEY', 'encryptionKey'],
] as const;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max}, got '${value}'`);
      return fallback;
    }
    return Number(value);
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    this.problems.push(`${name} must be true or false, got '${this.raw(name)}'`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got '${value}'`);
      return fallback;
    }
    return value as T;
  }

  url(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!isHttpUrl(value)) {
      this.problems.push(`${name} must be an http(s) URL, got '${value}'`);
      return undefined;
    }
    return value.replace(/\/+$/, '');
  }
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function readCorsOrigins(r: Reader, isProduction: boolean): string[] | '*' {
  const value = r.raw('CORS_ORIGINS');
  if (value === undefined) return isProduction ? [] : '*';
  const origins = value.split(',').map((o) => o.trim()).filter(Boolean);
  if (origins.includes('*')) {
    if (isProduction) r.problems.push("CORS_ORIGINS may not be '*' in production: list the front ends' origins");
    return '*';
  }
  for (const origin of origins) {
    if (!isHttpUrl(origin) || new URL(origin).origin !== origin) {
      r.problems.push(`CORS_ORIGINS must be a comma-separated list of origins such as https://news.example, got '${origin}'`);
    }
  }
  return origins;
}

function readSecrets(r: Reader, isProduction: boolean): NashraEnv['secrets'] {
  const secrets: Record<string, string | string[]> = {};
  for (const [variable, key] of SECRET_VARIABLES) {
    const value = r.raw(variable);
    const parts = value?.split(',').map((s) => s.trim()) ?? [];
    const weak = parts.length === 0 || parts.some((p) => p === '' || KNOWN_DEFAULT_SECRETS.has(p.toLowerCase()));
    if (isProduction && weak) {
      r.problems.push(
        value === undefined
          ? `${variable} is required in production`
          : `${variable} holds a default or empty value; set a random secret in production`
      );
    }
    // Outside production a missing secret is generated for this process only: the app
    // boots on a fresh clone, and nothing signed with it outlives a restart.
    const effective = value === undefined ? processSecret(variable).split(',') : parts;
    secrets[key] = variable === 'APP_KEYS' ? effective : effective.join(',');
  }
  return secrets as unknown as NashraEnv['secrets'];
}

export function readNashraEnv(env: Env = process.env): NashraEnv {
  const r = new Reader(env);
  const nodeEnv = r.string('NODE_ENV', 'development');
  const isProduction = nodeEnv === 'production';
  const client = r.oneOf('DATABASE_CLIENT', ['sqlite', 'postgres', 'mysql'] as const, 'sqlite');

  const result: NashraEnv = {
    nodeEnv,
    isProduction,
    host: r.string('HOST', '0.0.0.0'),
    port: r.int('PORT', 1337, 0, 65535),
    publicUrl: r.url('PUBLIC_URL'),
    trustProxy: r.bool('TRUST_PROXY', false),
    corsOrigins: readCorsOrigins(r, isProduction),
    database: {
      client,
      filename: r.string('DATABASE_FILENAME', '.tmp/data.db'),
      url: r.raw('DATABASE_URL'),
      host: r.string('DATABASE_HOST', client === 'sqlite' ? '' : '127.0.0.1'),
      port: r.int('DATABASE_PORT', client === 'mysql' ? 3306 : 5432, 1, 65535),
      name: r.string('DATABASE_NAME', 'nashra'),
      user: r.string('DATABASE_USERNAME', client === 'mysql' ? 'root' : 'postgres'),
      password: r.string('DATABASE_PASSWORD', ''),
      ssl: r.bool('DATABASE_SSL', false),
      schema: r.string('DATABASE_SCHEMA', 'public'),
      poolMin: r.int('DATABASE_POOL_MIN', 0, 0, 100),
      poolMax: r.int('DATABASE_POOL_MAX', 10, 1, 200),
      connectionTimeout: r.int('DATABASE_CONNECTION_TIMEOUT', 60000, 1000, 600000),
    },
    secrets: readSecrets(r, isProduction),
    graphql: {
      depthLimit: r.int('GRAPHQL_DEPTH_LIMIT', 10, 1, 50),
      defaultLimit: r.int('GRAPHQL_DEFAULT_LIMIT', 25, 1, 100),
      maxLimit: r.int('GRAPHQL_MAX_LIMIT', 100, 1, 1000),
    },
    responseCache: {
      enabled: r.bool('RESPONSE_CACHE', true),
      maxEntries: r.int('RESPONSE_CACHE_MAX_ENTRIES', 10000, 1, 10_000_000),
      maxBytes: r.int('RESPONSE_CACHE_MAX_MB', 64, 1, 65536) * 1024 * 1024,
      ttlSeconds: r.int('RESPONSE_CACHE_TTL_SECONDS', 300, 1, 86400),
      maxAgeSeconds: r.int('RESPONSE_CACHE_MAX_AGE', 5, 0, 86400),
      staleSeconds: r.int('RESPONSE_CACHE_STALE_SECONDS', 30, 0, 86400),
      redisUrl: r.raw('REDIS_URL'),
    },
  };
  if (result.database.poolMin > result.database.poolMax) {
    r.problems.push('DATABASE_POOL_MIN must not exceed DATABASE_POOL_MAX');
  }
  if (result.graphql.defaultLimit > result.graphql.maxLimit) {
    r.problems.push('GRAPHQL_DEFAULT_LIMIT must not exceed GRAPHQL_MAX_LIMIT');
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return result;
}

const generated = new Map<string, string>();

/** One random value per variable and process, so every config file sees the same one. */
function processSecret(variable: string): string {
  if (!generated.has(variable)) {
    const count = variable === 'APP_KEYS' ? 2 : 1;
    generated.set(variable, Array.from({ length: count }, () => randomBytes(16).toString('base64')).join(','));
  }
  return generated.get(variable)!;
}
