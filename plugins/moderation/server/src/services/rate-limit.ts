/**
 * Reports per reporter, per minute and per day, counted in the database so that every
 * instance shares the same counters. Fixed windows: one row per (reporter, window), one
 * atomic upsert per window (INSERT ... ON CONFLICT DO UPDATE hits = hits + 1 RETURNING),
 * so concurrent reports on several instances never lose a count. With REDIS_URL the
 * same windows are Redis keys (INCR + PEXPIREAT), which keeps this write off the database.
 */
import type { Core } from '@strapi/strapi';
import { UID } from '../content-types';
import { baseRow, rowsOf, table } from '../utils/db';
import { getService } from '../utils/plugin';

const MINUTE = 60_000;
const DAY = 86_400_000;

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let calls = 0;

  async function increment(bucket: string, expiresAt: number, now: Date): Promise<number> {
    const t = table(strapi, UID.rate);
    const knex = strapi.db.connection;
    const row = { ...baseRow(t, now), [t.col('bucket')]: bucket, [t.col('hits')]: 1, [t.col('expiresAt')]: expiresAt };
    const result = await knex(t.name)
      .insert(row)
      .onConflict(t.col('bucket'))
      .merge({ [t.col('hits')]: knex.raw('??.?? + 1', [t.name, t.col('hits')]) })
      .returning(t.col('hits'));
    const first = rowsOf(result)[0];
    return Number(typeof first === 'object' ? first[t.col('hits')] : first);
  }

  /** Redis variant: INCR and an absolute expiry in one MULTI, so the window's key never outlives it. */
  async function incrementInRedis(redis: any, bucket: string, expiresAt: number): Promise<number> {
    const key = `nashra:moderation:rate:${bucket}`;
    const results = await redis.multi().incr(key).pexpireat(key, expiresAt + 1000).exec();
    const [error, hits] = results[0];
    if (error) throw error;
    return Number(hits);
  }

  async function sweep(now: number) {
    const t = table(strapi, UID.rate);
    await strapi.db.connection(t.name).where(t.col('expiresAt'), '<', now).delete();
  }

  return {
    /** Counts one report by this reporter and says whether it is within the limits. */
    async hit(reporterKey: string, limits: { perMinute: number; perDay: number }, at = Date.now()): Promise<RateDecision> {
      const now = new Date(at);
      const minute = Math.floor(at / MINUTE);
      const day = Math.floor(at / DAY);
      const windows = [
        { bucket: `m:${minute}:${reporterKey}`, limit: limits.perMinute, ends: (minute + 1) * MINUTE },
        { bucket: `d:${day}:${reporterKey}`, limit: limits.perDay, ends: (day + 1) * DAY },
      ];
      let retryAfter = 0;
      const redis = getService(strapi, 'redis').client();
      for (const w of windows) {
        let hits: number;
        try {
          hits = redis ? await incrementInRedis(redis, w.bucket, w.ends) : await increment(w.bucket, w.ends, now);
        } catch (error: any) {
          if (!redis) throw error;
          // Redis unreachable: count in the database rather than fail the reader or stop limiting.
          strapi.log.warn(`moderation: redis rate counter failed, using the database: ${error.message}`);
          hits = await increment(w.bucket, w.ends, now);
        }
        if (hits > w.limit) retryAfter = Math.max(retryAfter, Math.ceil((w.ends - at) / 1000));
      }
      // Expired windows are removed now and then rather than on every report.
      if (!redis && ++calls % 100 === 0) await sweep(at).catch((e) => strapi.log.warn(`moderation: rate sweep failed: ${e.message}`));
      return retryAfter > 0 ? { ok: false, retryAfterSeconds: Math.max(1, retryAfter) } : { ok: true };
    },
  };
};
