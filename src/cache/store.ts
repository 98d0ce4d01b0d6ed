/**
 * Where cached answers live: this process's memory (lru-cache, bounded by entries and by
 * bytes) or Redis (shared by every instance, each entry with a time to live). Keys carry
 * the generation they were filled under (see generation.ts), so an answer filled before
 * an invalidation is never found after it.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type Redis from 'ioredis';

export interface CachedAnswer {
  /** The body as sent. */
  body: Buffer;
  etag: string;
  type: string;
}

export interface AnswerStore {
  get(key: string): CachedAnswer | undefined | Promise<CachedAnswer | undefined>;
  set(key: string, answer: CachedAnswer): void | Promise<void>;
  /** Drops everything this store can drop at once (memory); Redis entries die by generation and TTL. */
  clear(): void;
  stats(): { entries: number; bytes: number };
}

/** The bytes an entry costs, roughly as V8 holds it: the body, the key (UTF-16) and the object. */
export const entryBytes = (key: string, answer: CachedAnswer) => answer.body.length + 2 * key.length + answer.etag.length * 2 + 128;

export function memoryStore(options: { maxEntries: number; maxBytes: number; ttlMs: number }): AnswerStore {
  const lru = new LRUCache<string, CachedAnswer>({
    max: options.maxEntries,
    maxSize: options.maxBytes,
    sizeCalculation: (answer, key) => entryBytes(key, answer),
    ttl: options.ttlMs,
  });
  return {
    get: (key) => lru.get(key),
    set: (key, answer) => {
      lru.set(key, answer);
    },
    clear: () => lru.clear(),
    stats: () => ({ entries: lru.size, bytes: lru.calculatedSize }),
  };
}

/** One Redis string per answer: a JSON header line (etag, type), a newline, the body. */
export function encodeAnswer(answer: CachedAnswer): Buffer {
  return Buffer.concat([Buffer.from(JSON.stringify({ etag: answer.etag, type: answer.type }) + '\n'), answer.body]);
}

export function decodeAnswer(raw: Buffer): CachedAnswer | undefined {
  const newline = raw.indexOf(10);
  if (newline < 0) return undefined;
  try {
    const { etag, type } = JSON.parse(raw.subarray(0, newline).toString('utf8'));
    if (typeof etag !== 'string' || typeof type !== 'string') return undefined;
    return { etag, type, body: raw.subarray(newline + 1) };
  } catch {
    return undefined;
  }
}

export function redisStore(redis: Redis, options: { ttlMs: number; prefix: string; maxEntryBytes: number; onError: (e: Error) => void }): AnswerStore {
  // Keys hold whole GraphQL documents: a digest keeps Redis keys short.
  const redisKey = (key: string) => {
    const split = key.indexOf(':');
    return `${options.prefix}${key.slice(0, split)}:${createHash('sha256').update(key.slice(split + 1)).digest('base64url')}`;
  };
  return {
    async get(key) {
      try {
        const raw = await redis.getBuffer(redisKey(key));
        return raw ? decodeAnswer(raw) : undefined;
      } catch (error) {
        options.onError(error as Error);
        return undefined;
      }
    },
    async set(key, answer) {
      if (answer.body.length > options.maxEntryBytes) return;
      await redis.set(redisKey(key), encodeAnswer(answer), 'PX', options.ttlMs).catch(options.onError);
    },
    clear() {},
    stats: () => ({ entries: -1, bytes: -1 }),
  };
}
