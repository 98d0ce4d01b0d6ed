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
  /** Trusted proxies in front of Nashra: the client is this many entries from the right of X-Forwarded-For (0: the header is ignored). */
  trustProxy: number;
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
    /** How long a query waits for a lock another connection holds (SQLite busy_timeout, PostgreSQL lock_timeout), in ms. */
    lockTimeout: number;
  };
  secrets: {
    appKeys: string[];
    adminJwtSecret: string;
    apiTokenSalt: string;
    transferTokenSalt: string;
    jwtSecret: string;
    encryptionKey: string;
  };
  graphql: {
    depthLimit: number;
    defaultLimit: number;
    maxLimit: number;
    /** Refused before anything resolves: aliased fields, armor's field cost, lexer tokens, directives per operation. */
    maxAliases: number;
    maxCost: number;
    maxTokens: number;
    maxDirectives: number;
    /** GraphQL variables: nesting depth and number of values (the token limit counts the query text only). */
    maxVariableDepth: number;
    maxVariableValues: number;
  };
  responseCache: ResponseCacheEnv;
  moderation: ModerationEnv;
  ingest: IngestEnv;
}

/**
 * The moderation plugin's environment (MODERATION_*, REDIS_URL), read here like every other
 * variable; config/plugins.ts hands it to the plugin, whose config validator checks the result.
 */
export interface ModerationEnv {
  /** MODERATION_ENABLED=false: the plugin stays installed but adds no public route or guard. */
  enabled: boolean;
  /** MODERATION_SECRET, or outside production a random value for this process. */
  secret: string;
  /** MODERATION_CACHE_TTL_MS: how stale an instance's copy of the hidden set may get. */
  cacheTtlMs: number;
  redisUrl: string | null;
  /** MODERATION_NETWORK_RATE_PER_MINUTE / _PER_DAY: reports per network (IPv4 /24, IPv6 /48). */
  networkRate: { perMinute: number; perDay: number };
  /** MODERATION_THRESHOLD, _MIN_NETWORKS, _WINDOW_DAYS, _RATE_PER_MINUTE, _RATE_PER_DAY: the settings' defaults. */
  defaults: { threshold: number; minNetworks: number; windowDays: number; rateLimit: { perMinute: number; perDay: number } };
}

/** Feed ingestion (plugins/ingest): INGEST_*. */
export interface IngestEnv {
  enabled: boolean;
  poll: boolean;
  allowPrivateNetworks: boolean;
  maxBytes: number;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  leaseMs: number;
  concurrency: number;
  maxCoverBytes: number;
  maxCoverPixels: number;
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

/** The most trusted proxy hops TRUST_PROXY takes; no real chain of proxies is longer. */
export const MAX_TRUSTED_PROXIES = 10;

const SECRET_VARIABLES = [
  ['APP_KEYS', 'appKeys'],
  ['ADMIN_JWT_SECRET', 'adminJwtSecret'],
  ['API_TOKEN_SALT', 'apiTokenSalt'],
  ['TRANSFER_TOKEN_SALT', 'transferTokenSalt'],
  ['JWT_SECRET', 'jwtSecret'],
  ['ENCRYPTION_KEY', 'encryptionKey'],
] as const;

/** Read by the moderation plugin itself; checked here so production refuses a weak one by the same rule. */
const PLUGIN_SECRET_VARIABLES = ['MODERATION_SECRET'] as const;

export const MIN_SECRET_LENGTH = 32;
const MIN_SECRET_DISTINCT = 8;

/**
 * Why a production secret is too weak to sign tokens or key hashes with, or null. Length
 * alone lets through `aaaa…` or `abcabc…`, which fall to the first guess; the variety
 * bounds are loose enough that random hex (openssl rand -hex 16) never fails them.
 */
export function weakSecretReason(value: string): string | null {
  const chars = [...value];
  if (chars.length < MIN_SECRET_LENGTH) return `must be at least ${MIN_SECRET_LENGTH} characters`;
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  const repeated = /^([\s\S]+?)\1+$/u.test(value);
  if (counts.size < MIN_SECRET_DISTINCT || repeated || Math.max(...counts.values()) * 2 > chars.length) {
    return `is of low variety (at least ${MIN_SECRET_DISTINCT} different characters, no character in half of it, no repeated part)`;
  }
  return null;
}

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

/** TRUST_PROXY: false, true (one proxy) or the number of trusted proxy hops. */
function readTrustProxy(r: Reader): number {
  const value = r.raw('TRUST_PROXY')?.toLowerCase();
  if (value === undefined || value === 'false') return 0;
  if (value === 'true') return 1;
  if (/^\d{1,2}$/.test(value) && Number(value) <= MAX_TRUSTED_PROXIES) return Number(value);
  r.problems.push(
    `TRUST_PROXY must be false, true (one proxy) or the number of trusted proxies from 0 to ${MAX_TRUSTED_PROXIES}, got '${r.raw('TRUST_PROXY')}'`
  );
  return 0;
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

/** A production secret's problems: missing, a template value, or (each key of APP_KEYS) too weak. */
function checkProductionSecret(r: Reader, variable: string, value: string | undefined, parts: string[]) {
  const weak = parts.length === 0 || parts.some((p) => p === '' || KNOWN_DEFAULT_SECRETS.has(p.toLowerCase()));
  if (value === undefined) r.problems.push(`${variable} is required in production`);
  else if (weak) r.problems.push(`${variable} holds a default or empty value; set a random secret in production`);
  else {
    parts.forEach((part, index) => {
      const reason = weakSecretReason(part);
      const name = parts.length > 1 ? `${variable} (key ${index + 1})` : variable;
      if (reason) r.problems.push(`${name} ${reason}; set a random secret in production, e.g. openssl rand -base64 32`);
    });
  }
}

function readSecrets(r: Reader, isProduction: boolean): NashraEnv['secrets'] {
  const secrets: Record<string, string | string[]> = {};
  for (const [variable, key] of SECRET_VARIABLES) {
    const value = r.raw(variable);
    const parts = value?.split(',').map((s) => s.trim()) ?? [];
    if (isProduction) checkProductionSecret(r, variable, value, variable === 'APP_KEYS' ? parts : value === undefined ? [] : [value]);
    // Outside production a missing secret is generated for this process only: the app
    // boots on a fresh clone, and nothing signed with it outlives a restart.
    const effective = value === undefined ? processSecret(variable).split(',') : parts;
    secrets[key] = variable === 'APP_KEYS' ? effective : effective.join(',');
  }
  if (isProduction) {
    for (const variable of PLUGIN_SECRET_VARIABLES) {
      const value = r.raw(variable);
      checkProductionSecret(r, variable, value, value === undefined ? [] : [value]);
    }
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
    trustProxy: readTrustProxy(r),
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
      // SQLite waits block the whole process, so its wait is short; PostgreSQL waits only hold a connection.
      lockTimeout: r.int('DATABASE_LOCK_TIMEOUT', client === 'sqlite' ? 1000 : 5000, 0, 60000),
    },
    secrets: readSecrets(r, isProduction),
    graphql: {
      depthLimit: r.int('GRAPHQL_DEPTH_LIMIT', 10, 1, 50),
      defaultLimit: r.int('GRAPHQL_DEFAULT_LIMIT', 25, 1, 100),
      maxLimit: r.int('GRAPHQL_MAX_LIMIT', 100, 1, 1000),
      maxAliases: r.int('GRAPHQL_MAX_ALIASES', 10, 0, 1000),
      maxCost: r.int('GRAPHQL_MAX_COST', 1000, 1, 1_000_000),
      maxTokens: r.int('GRAPHQL_MAX_TOKENS', 1000, 10, 100_000),
      maxDirectives: r.int('GRAPHQL_MAX_DIRECTIVES', 10, 0, 1000),
      maxVariableDepth: r.int('GRAPHQL_MAX_VARIABLE_DEPTH', 12, 1, 100),
      maxVariableValues: r.int('GRAPHQL_MAX_VARIABLE_VALUES', 1000, 1, 100_000),
    },
    moderation: readModeration(r, isProduction, false),
    responseCache: {
      enabled: r.bool('RESPONSE_CACHE', true),
      maxEntries: r.int('RESPONSE_CACHE_MAX_ENTRIES', 10000, 1, 10_000_000),
      maxBytes: r.int('RESPONSE_CACHE_MAX_MB', 64, 1, 65536) * 1024 * 1024,
      ttlSeconds: r.int('RESPONSE_CACHE_TTL_SECONDS', 300, 1, 86400),
      maxAgeSeconds: r.int('RESPONSE_CACHE_MAX_AGE', 5, 0, 86400),
      staleSeconds: r.int('RESPONSE_CACHE_STALE_SECONDS', 30, 0, 86400),
      redisUrl: r.raw('REDIS_URL'),
    },
    ingest: {
      enabled: r.bool('INGEST_ENABLED', true),
      poll: r.bool('INGEST_POLL', true),
      allowPrivateNetworks: r.bool('INGEST_ALLOW_PRIVATE_NETWORKS', false),
      maxBytes: r.int('INGEST_MAX_BYTES', 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
      connectTimeoutMs: r.int('INGEST_CONNECT_TIMEOUT_MS', 10_000, 100, 120_000),
      totalTimeoutMs: r.int('INGEST_TIMEOUT_MS', 30_000, 100, 600_000),
      leaseMs: r.int('INGEST_LEASE_MS', 5 * 60_000, 1000, 3_600_000),
      concurrency: r.int('INGEST_CONCURRENCY', 4, 1, 32),
      maxCoverBytes: r.int('INGEST_MAX_COVER_BYTES', 10 * 1024 * 1024, 1024, 50 * 1024 * 1024),
      maxCoverPixels: r.int('INGEST_MAX_COVER_PIXELS', 40_000_000, 1, 200_000_000),
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

/**
 * The moderation variables alone (the plugin's part of readNashraEnv), for the plugin's
 * tests and tools; throws a ConfigError naming every bad variable.
 */
export function readModerationEnv(env: Env = process.env): ModerationEnv {
  const r = new Reader(env);
  const isProduction = r.string('NODE_ENV', 'development') === 'production';
  const result = readModeration(r, isProduction, true);
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return result;
}

/**
 * Messages name the variable and the value; a bound that depends on another variable names
 * it too ("from 1 to MODERATION_THRESHOLD (3)"), and a default that a changed variable made
 * invalid says so ("got the default 2").
 */
function readModeration(r: Reader, isProduction: boolean, checkSecret: boolean): ModerationEnv {
  const secret = r.raw('MODERATION_SECRET');
  // readNashraEnv checks it with the other secrets (readSecrets).
  if (checkSecret && isProduction) checkProductionSecret(r, 'MODERATION_SECRET', secret, secret === undefined ? [] : [secret]);

  /** Only plain digits: "1e3", "3.0", "+3" and "0x10" are typos here, not numbers. */
  const whole = (name: string, fallback: number, min: number, max: number, minLabel = `${min}`, maxLabel = `${max}`): number => {
    const text = r.raw(name);
    const value = text === undefined ? fallback : /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    const shown = text === undefined ? `the default ${fallback}` : `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}'`;
    r.problems.push(`${name} must be a whole number from ${minLabel} to ${maxLabel}, got ${shown}`);
    return fallback;
  };
  const threshold = whole('MODERATION_THRESHOLD', 3, 1, 1000);
  const minNetworks = whole('MODERATION_MIN_NETWORKS', 2, 1, threshold, '1', `MODERATION_THRESHOLD (${threshold})`);
  const windowDays = whole('MODERATION_WINDOW_DAYS', 7, 1, 365);
  const perMinute = whole('MODERATION_RATE_PER_MINUTE', 10, 1, 10_000);
  const perDay = whole('MODERATION_RATE_PER_DAY', 50, perMinute, 1_000_000, `MODERATION_RATE_PER_MINUTE (${perMinute})`);

  const redisText = r.raw('REDIS_URL');
  let redisUrl: string | null = null;
  if (redisText !== undefined) {
    if (/^rediss?:\/\/./.test(redisText) && URL.canParse(redisText)) redisUrl = redisText;
    else r.problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  }

  return {
    enabled: r.bool('MODERATION_ENABLED', true),
    secret: secret ?? processSecret('MODERATION_SECRET'),
    // Above 4 s an instance could miss the "hidden everywhere within 5 seconds" promise.
    cacheTtlMs: whole('MODERATION_CACHE_TTL_MS', 2000, 100, 4000),
    redisUrl,
    networkRate: {
      perMinute: whole('MODERATION_NETWORK_RATE_PER_MINUTE', 30, 1, 9_999_999),
      perDay: whole('MODERATION_NETWORK_RATE_PER_DAY', 300, 1, 9_999_999),
    },
    defaults: { threshold, minNetworks, windowDays, rateLimit: { perMinute, perDay } },
  };
}

const generated = new Map<string, string>();

/** One random value per variable and process, so every config file sees the same one. */
function processSecret(variable: string): string {
  if (!generated.has(variable)) {
    const count = variable === 'APP_KEYS' ? 2 : 1;
    // 32 random bytes: as strong as a production secret must be (MIN_SECRET_LENGTH once encoded).
    generated.set(variable, Array.from({ length: count }, () => randomBytes(32).toString('base64')).join(','));
  }
  return generated.get(variable)!;
}
