/**
 * The response cache of one Strapi: its store, its generation and what moves it. Built
 * once per Strapi from the environment (src/lib/env.ts); the middleware reads through it,
 * src/index.ts wires the writes that invalidate it.
 */
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import { readNashraEnv, type ResponseCacheEnv } from '../lib/env';
import { createGeneration, type Generation, type SharedVersion } from './generation';
import { memoryStore, redisStore, type AnswerStore } from './store';

/**
 * Redis names are per database: two deployments (or two test runs) sharing one Redis never
 * read each other's answers or move each other's generation.
 */
function redisNamespace(): string {
  const { client, filename, url, host, port, name, schema } = readNashraEnv().database;
  const identity = client === 'sqlite' ? [client, path.resolve(filename)] : [client, url ?? `${host}:${port}/${name}/${schema}`];
  return `nashra:response-cache:${createHash('sha256').update(identity.join('\u0000')).digest('base64url').slice(0, 16)}:`;
}
const VERSION_ROW = 'nashra_response_cache_version';
/** How often an instance without Redis reads the shared version row: the cross-instance bound. */
const CHECK_EVERY_MS = 1000;

export interface ResponseCache {
  config: ResponseCacheEnv;
  store: AnswerStore;
  generation: Generation;
  /** URL names (/api/<name>) of the content types whose reads are cached. */
  collections: ReadonlySet<string>;
  /** Before a lookup: the hidden set and the shared version are within their bounds. */
  fresh(): Promise<void>;
  /** Something a public answer may show has changed (after its transaction commits). */
  invalidate(): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const caches = new WeakMap<Core.Strapi, ResponseCache | null>();

/** The response cache of this Strapi, or null with RESPONSE_CACHE=false. */
export function responseCache(strapi: Core.Strapi): ResponseCache | null {
  let cache = caches.get(strapi);
  if (cache === undefined) {
    const config = readNashraEnv().responseCache;
    cache = config.enabled ? createResponseCache(strapi, config) : null;
    caches.set(strapi, cache);
  }
  return cache;
}

/** The version row lives in Strapi's core store table, which every database already has. */
function databaseVersion(strapi: Core.Strapi): SharedVersion {
  const table = () => strapi.db.metadata.get('strapi::core-store').tableName;
  const knex = () => strapi.db.connection;
  return {
    async read() {
      const row = await knex()(table()).where({ key: VERSION_ROW }).first('value');
      return String(row?.value ?? '');
    },
    async bump(known) {
      const value = randomUUID();
      // Compare and set: no row changed means another instance moved the version since we read it.
      if (known !== null && (await knex()(table()).where({ key: VERSION_ROW, value: known }).update({ value })) > 0) return { value, others: false };
      const updated = await knex()(table()).where({ key: VERSION_ROW }).update({ value });
      if (updated === 0) await knex()(table()).insert({ key: VERSION_ROW, value, type: 'string' });
      return { value, others: true };
    },
  };
}

function redisVersion(redis: Redis, namespace: string): SharedVersion {
  return {
    read: async () => String((await redis.get(`${namespace}generation`)) ?? '0'),
    async bump(known) {
      const value = String(await redis.incr(`${namespace}generation`));
      await redis.publish(`${namespace}generation`, value);
      return { value, others: known === null || Number(value) !== Number(known) + 1 };
    },
  };
}

function createResponseCache(strapi: Core.Strapi, config: ResponseCacheEnv): ResponseCache {
  const warn = (what: string) => (error: Error) => strapi.log.warn(`response cache: ${what}: ${error.message}`);
  let redis: Redis | null = null;
  let subscriber: Redis | null = null;
  let store: AnswerStore;
  let shared: SharedVersion;
  const namespace = redisNamespace();
  if (config.redisUrl) {
    // Fail fast while Redis is away: the request is then served uncached.
    redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, lazyConnect: true });
    redis.on('error', warn('redis'));
    store = redisStore(redis, { ttlMs: config.ttlSeconds * 1000, prefix: `${namespace}answer:`, maxEntryBytes: config.maxBytes, onError: warn('redis store') });
    shared = redisVersion(redis, namespace);
  } else {
    store = memoryStore({ maxEntries: config.maxEntries, maxBytes: config.maxBytes, ttlMs: config.ttlSeconds * 1000 });
    shared = databaseVersion(strapi);
  }
  const generation = createGeneration({
    shared,
    sharedStore: Boolean(redis),
    checkEveryMs: CHECK_EVERY_MS,
    onMove: () => store.clear(),
    // Before Redis is connected (boot writes) a bump is simply owed: not worth a warning.
    onError: (error) => (redis && redis.status !== 'ready' ? undefined : warn('shared version')(error)),
  });

  const moderation = () => {
    const plugin = strapi.plugin('moderation');
    return plugin && plugin.config('enabled') !== false ? plugin.service('visibility') : null;
  };

  const collections = new Set<string>();
  for (const [uid, model] of Object.entries(strapi.contentTypes) as [string, any][]) {
    if (!uid.startsWith('api::')) continue;
    collections.add(model.kind === 'singleType' ? model.info.singularName : model.info.pluralName);
  }

  return {
    config,
    store,
    generation,
    collections,
    async fresh() {
      // A refresh of the hidden set that finds it changed moves the generation (onChange below),
      // so a hit never outlives the hidden set's own bound.
      await moderation()?.hidden();
      await generation.fresh();
    },
    invalidate() {
      generation.bump();
    },
    async start() {
      moderation()?.onChange(() => generation.bump());
      if (redis) {
        // Boot waits (briefly) for Redis; until it answers, reads are served uncached.
        const connection = redis;
        if (connection.status === 'wait') connection.connect().catch(warn('redis connect'));
        if (connection.status !== 'ready') {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 3000);
            connection.once('ready', () => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        redis.on('ready', () => void generation.check());
        subscriber = new Redis(config.redisUrl!, { maxRetriesPerRequest: null });
        subscriber.on('error', warn('redis subscriber'));
        subscriber.on('message', (channel) => {
          if (channel === `${namespace}generation`) void generation.check();
        });
        await subscriber.subscribe(`${namespace}generation`).catch(warn('redis subscribe'));
      }
      await generation.check();
    },
    async stop() {
      await Promise.all([redis, subscriber].map((c) => c?.quit().catch(() => c.disconnect())));
    },
  };
}
