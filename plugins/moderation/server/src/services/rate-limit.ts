/**
 * Reports per reader (each identity a report carries) and per network (IPv4 /24, IPv6
 * /48), per minute and per day, counted in the database so that every instance, REST and
 * GraphQL alike, shares the same counters. Fixed windows: one row per (reporter, window), one
 * atomic upsert per window (hits = hits + 1, in each database's form: utils/db.ts),
 * so concurrent reports on several instances never lose a count. With REDIS_URL the
 * same windows are Redis keys (INCR + PEXPIREAT), which keeps this write off the database.
 */
import type { Core } from '@strapi/strapi';
import { UID } from '../content-types';
import { baseRow, incrementCounters, table } from '../utils/db';
import { getService } from '../utils/plugin';
import type Redis from 'ioredis';
import { messageOf } from '../utils/errors';

const MINUTE = 60_000;
const DAY = 86_400_000;

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimits {
  perMinute: number;
  perDay: number;
}

/** One counter to hit: a reader's identity or a network, each with its own limits. */
export interface RateSubject {
  key: string;
  limits: RateLimits;
}

interface Window {
  bucket: string;
  limit: number;
  ends: number;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let calls = 0;

  /** Every window in one upsert: the counts of one report land together or not at all. */
  async function increment(windows: Window[], now: Date): Promise<Map<string, number>> {
    const t = table(strapi, UID.rate);
    const rows = windows.map((w) => ({ ...baseRow(t, now), [t.col('bucket')]: w.bucket, [t.col('hits')]: 1, [t.col('expiresAt')]: w.ends }));
    return incrementCounters(strapi, t, rows, t.col('bucket'), t.col('hits'));
  }

  /** Redis variant: INCR and an absolute expiry in one MULTI, so a window's key never outlives it. */
  async function incrementInRedis(redis: Redis, windows: Window[]): Promise<Map<string, number>> {
    const multi = redis.multi();
    for (const w of windows) {
      const key = `nashra:moderation:rate:${w.bucket}`;
      multi.incr(key).pexpireat(key, w.ends + 1000);
    }
    // exec answers null only when a WATCHed key changed; nothing is watched here.
    const results = (await multi.exec()) ?? [];
    const hits = new Map<string, number>();
    windows.forEach((w, i) => {
      const [error, value] = results[i * 2] ?? [new Error('no reply'), null];
      if (error) throw error;
      hits.set(w.bucket, Number(value));
    });
    return hits;
  }

  async function sweep(now: number) {
    const t = table(strapi, UID.rate);
    await strapi.db.connection(t.name).where(t.col('expiresAt'), '<', now).delete();
  }

  /** Counts one report against every subject (reader identities, network) and says whether all are within their limits. */
  async function check(subjects: readonly RateSubject[], at = Date.now()): Promise<RateDecision> {
    const now = new Date(at);
    const minute = Math.floor(at / MINUTE);
    const day = Math.floor(at / DAY);
    const byBucket = new Map<string, Window>();
    for (const { key, limits } of subjects) {
      for (const w of [
        { bucket: `m:${minute}:${key}`, limit: limits.perMinute, ends: (minute + 1) * MINUTE },
        { bucket: `d:${day}:${key}`, limit: limits.perDay, ends: (day + 1) * DAY },
      ]) {
        // One key under two subjects is counted once, against the stricter limit.
        const known = byBucket.get(w.bucket);
        byBucket.set(w.bucket, known && known.limit <= w.limit ? known : w);
      }
    }
    const windows = [...byBucket.values()];
    if (windows.length === 0) return { ok: true };
    const redis = getService(strapi, 'redis').client();
    let hits: Map<string, number>;
    try {
      hits = redis ? await incrementInRedis(redis, windows) : await increment(windows, now);
    } catch (error) {
      if (!redis) throw error;
      // Redis unreachable: count in the database rather than fail the reader or stop limiting.
      strapi.log.warn(`moderation: redis rate counter failed, using the database: ${messageOf(error)}`);
      hits = await increment(windows, now);
    }
    let retryAfter = 0;
    for (const w of windows) if ((hits.get(w.bucket) ?? 0) > w.limit) retryAfter = Math.max(retryAfter, Math.ceil((w.ends - at) / 1000));
    // Expired windows are removed now and then rather than on every report.
    if (!redis && ++calls % 100 === 0) await sweep(at).catch((e) => strapi.log.warn(`moderation: rate sweep failed: ${messageOf(e)}`));
    return retryAfter > 0 ? { ok: false, retryAfterSeconds: Math.max(1, retryAfter) } : { ok: true };
  }

  return {
    check,
    /** One subject: a reader under the given limits. */
    hit: (key: string, limits: RateLimits, at = Date.now()) => check([{ key, limits }], at),
  };
};
