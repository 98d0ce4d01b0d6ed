/**
 * The plugin's configuration, read from the environment once at boot and validated there,
 * so a bad MODERATION_* value stops Strapi with a message naming the variable instead of
 * surfacing on the first report.
 */
import { randomBytes } from 'node:crypto';
import { settingsFromEnv, type ModerationSettings } from '../domain';

export interface ModerationConfig {
  /** false: the plugin stays installed (its tables exist) but adds no route, sanitizer or middleware effect. */
  enabled: boolean;
  /** HMAC key for reporter and network keys. */
  secret: string;
  /** Defaults for the settings; the admin settings API stores overrides in the plugin store. */
  defaults: ModerationSettings;
  /** How stale a process's copy of the hidden set may get before it is read again. */
  cacheTtlMs: number;
  /** REDIS_URL: when set, rate limits live in Redis and hides are announced over pub/sub. */
  redisUrl: string | null;
  /** Reports per network (IPv4 /24, IPv6 /48), beside the per-reader limit of the settings. */
  networkRate: { perMinute: number; perDay: number };
}

type Env = Record<string, string | undefined>;

const KNOWN_DEFAULT_SECRETS = ['tobemodified', 'changeme', 'secret', 'example', 'default'];

/** A random secret per process: reporter keys then only mean something until a restart, as in development. */
let processSecret: string | undefined;

export function readModerationConfig(env: Env = process.env): ModerationConfig {
  const problems: string[] = [];
  const isProduction = (env.NODE_ENV ?? 'development') === 'production';

  const enabledText = env.MODERATION_ENABLED?.trim().toLowerCase();
  let enabled = true;
  if (enabledText && ['false', '0', 'no'].includes(enabledText)) enabled = false;
  else if (enabledText && !['true', '1', 'yes'].includes(enabledText)) {
    problems.push(`MODERATION_ENABLED must be true or false, got '${env.MODERATION_ENABLED}'`);
  }

  let secret = env.MODERATION_SECRET?.trim() ?? '';
  if (isProduction && (secret === '' || KNOWN_DEFAULT_SECRETS.includes(secret.toLowerCase()))) {
    problems.push('MODERATION_SECRET is required in production: a long random value (it keys the reporter hashes)');
  } else if (isProduction && secret.length < 16) {
    problems.push('MODERATION_SECRET must be at least 16 characters in production');
  }
  if (secret === '') secret = processSecret ??= randomBytes(32).toString('base64');

  const settings = settingsFromEnv(env);
  if (!settings.ok) problems.push(...settings.errors.map((e) => e.message));

  const ttlText = env.MODERATION_CACHE_TTL_MS?.trim();
  let cacheTtlMs = 2000;
  if (ttlText) {
    // Above 4 s an instance could miss the "hidden everywhere within 5 seconds" promise.
    if (/^\d{1,4}$/.test(ttlText) && Number(ttlText) >= 100 && Number(ttlText) <= 4000) cacheTtlMs = Number(ttlText);
    else problems.push(`MODERATION_CACHE_TTL_MS must be a whole number from 100 to 4000, got '${ttlText}'`);
  }

  const redisText = env.REDIS_URL?.trim();
  let redisUrl: string | null = null;
  if (redisText) {
    try {
      const url = new URL(redisText);
      if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error('scheme');
      redisUrl = redisText;
    } catch {
      problems.push('REDIS_URL must be a redis:// or rediss:// URL');
    }
  }

  const networkRate = { perMinute: 30, perDay: 300 };
  for (const [name, key] of [['MODERATION_NETWORK_RATE_PER_MINUTE', 'perMinute'], ['MODERATION_NETWORK_RATE_PER_DAY', 'perDay']] as const) {
    const text = env[name]?.trim();
    if (!text) continue;
    if (/^[1-9][0-9]{0,6}$/.test(text)) networkRate[key] = Number(text);
    else problems.push(`${name} must be a whole number from 1 to 9999999, got '${text}'`);
  }

  if (problems.length > 0) {
    throw new Error(`Invalid moderation configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return { enabled, secret, defaults: (settings as { ok: true; value: ModerationSettings }).value, cacheTtlMs, redisUrl, networkRate };
}

export default {
  default: () => readModerationConfig(),
  validator: () => {},
};
