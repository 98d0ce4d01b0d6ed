/**
 * Fetches a feed (or an article page, or a cover) politely and safely.
 *
 * node:http(s) rather than the global fetch, because it takes a `lookup` function: the address the
 * socket connects to is the one that was checked (see net.ts), so DNS rebinding cannot swap it after
 * the check. Redirects are followed by hand, each hop checked again (scheme, address, count).
 */
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { BlockedAddressError, checkedLookup, isPrivateAddress, type LookupFunction } from './net';
import { parseRetryAfter } from './backoff';

export const USER_AGENT = 'Nashra-Ingest/0.1 (+https://github.com/nashra; news aggregator feed reader)';

export interface FetchOptions {
  etag?: string | null;
  lastModified?: string | null;
  allowPrivate?: boolean;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  accept?: string;
  /** Replaces DNS (tests); still checked like a real answer. */
  resolver?: Parameters<typeof checkedLookup>[1];
}

export type FetchErrorCode =
  | 'INGEST_BAD_URL' | 'INGEST_BLOCKED_ADDRESS' | 'INGEST_TOO_MANY_REDIRECTS' | 'INGEST_TOO_LARGE'
  | 'INGEST_TIMEOUT' | 'INGEST_CONNECT_TIMEOUT' | 'INGEST_NETWORK' | 'INGEST_BAD_ENCODING';

export class FetchError extends Error {
  constructor(readonly code: FetchErrorCode, message: string, readonly url: string) {
    super(message);
    this.name = 'FetchError';
  }
}

export interface FetchResult {
  /** Final HTTP status (after redirects). 304 means "not modified": body is empty. */
  status: number;
  url: string;
  /** The URL to keep for next time: set when a redirect chain was permanent only (301/308). */
  permanentUrl: string | null;
  redirects: number;
  headers: Record<string, string>;
  body: Buffer;
  etag: string | null;
  lastModified: string | null;
  retryAfterMs: number | null;
  contentType: string | null;
}

const DEFAULTS = {
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
};

function parseUrl(raw: string, base?: string): URL {
  let url: URL;
  try {
    url = base ? new URL(raw, base) : new URL(raw);
  } catch {
    throw new FetchError('INGEST_BAD_URL', `Not a URL: ${raw.slice(0, 200)}`, raw);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('INGEST_BAD_URL', `Only http and https are fetched, not ${url.protocol}`, raw);
  if (url.username || url.password) throw new FetchError('INGEST_BAD_URL', 'URLs with credentials are not fetched', raw);
  return url;
}

interface Hop {
  status: number;
  headers: http.IncomingHttpHeaders;
  stream: Readable | null;
  request: http.ClientRequest;
}

function requestOnce(url: URL, options: Required<Pick<FetchOptions, 'connectTimeoutMs'>> & FetchOptions, lookup: LookupFunction, signal: AbortSignal): Promise<Hop> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !options.allowPrivate && isPrivateAddress(host)) {
    return Promise.reject(new FetchError('INGEST_BLOCKED_ADDRESS', new BlockedAddressError(host, host).message, url.href));
  }
  const headers: Record<string, string> = {
    'user-agent': options.userAgent ?? USER_AGENT,
    accept: options.accept ?? 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    const request = mod.request(url, { method: 'GET', headers, lookup: lookup as never, signal, agent: false });
    const connectTimer = setTimeout(() => {
      request.destroy(new FetchError('INGEST_CONNECT_TIMEOUT', `No connection to ${url.host} within ${options.connectTimeoutMs} ms`, url.href));
    }, options.connectTimeoutMs);
    request.once('socket', (socket) => {
      if (!socket.connecting) clearTimeout(connectTimer);
      else socket.once('connect', () => clearTimeout(connectTimer));
    });
    request.once('response', (res) => {
      clearTimeout(connectTimer);
      resolve({ status: res.statusCode ?? 0, headers: res.headers, stream: res, request });
    });
    request.once('error', (err) => {
      clearTimeout(connectTimer);
      reject(err);
    });
    request.end();
  });
}

function decompress(stream: Readable, encoding: string | undefined): Readable {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return stream.pipe(zlib.createGunzip());
    case 'deflate':
      return stream.pipe(zlib.createInflate());
    case 'br':
      return stream.pipe(zlib.createBrotliDecompress());
    default:
      return stream;
  }
}

/** Reads the body, counting decoded bytes, so a gzip bomb is cut at the same limit as a plain body. */
async function readLimited(stream: Readable, maxBytes: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    total += buf.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new FetchError('INGEST_TOO_LARGE', `The answer from ${new URL(url).host} exceeds ${maxBytes} bytes`, url);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function header(headers: http.IncomingHttpHeaders, name: string): string | null {
  const v = headers[name];
  if (Array.isArray(v)) return v[0] ?? null;
  return v ?? null;
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function toFetchError(err: unknown, url: string, timedOut: boolean, totalMs: number): FetchError {
  if (err instanceof FetchError) return err;
  if (err instanceof BlockedAddressError) return new FetchError('INGEST_BLOCKED_ADDRESS', err.message, url);
  if (timedOut) return new FetchError('INGEST_TIMEOUT', `No complete answer from ${new URL(url).host} within ${totalMs} ms`, url);
  const e = err as NodeJS.ErrnoException;
  if (e && (e.code === 'Z_DATA_ERROR' || e.code === 'Z_BUF_ERROR' || e.code === 'ERR__ERROR_FORMAT_PARAM')) {
    return new FetchError('INGEST_BAD_ENCODING', `The compressed answer from ${new URL(url).host} is corrupt`, url);
  }
  return new FetchError('INGEST_NETWORK', `${new URL(url).host}: ${e?.code ?? ''} ${e?.message ?? String(err)}`.trim(), url);
}

/**
 * GET `rawUrl` with connect and total timeouts, a byte limit on the decoded body, at most
 * `maxRedirects` redirects (each checked), and a conditional request when an ETag or
 * Last-Modified is given. Non-2xx statuses are returned, not thrown (the caller decides what a
 * 404, 410, 429 or 503 means); network trouble, refusals and limits throw a FetchError.
 */
export async function fetchFeed(rawUrl: string, options: FetchOptions = {}): Promise<FetchResult> {
  const opts = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof DEFAULTS & FetchOptions;
  const lookup = checkedLookup(opts.allowPrivate === true, opts.resolver);
  // Parsed before the timer starts: a bad URL must not leave a timer behind.
  let url = parseUrl(rawUrl);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.totalTimeoutMs);
  let permanent = true;
  let redirects = 0;
  const seen = new Set<string>([url.href]);
  try {
    for (;;) {
      let hop: Hop;
      try {
        hop = await requestOnce(url, opts, lookup, controller.signal);
      } catch (err) {
        throw toFetchError(err, url.href, timedOut, opts.totalTimeoutMs);
      }
      const location = header(hop.headers, 'location');
      if ([301, 302, 303, 307, 308].includes(hop.status) && location) {
        hop.stream?.resume();
        if (redirects >= opts.maxRedirects) throw new FetchError('INGEST_TOO_MANY_REDIRECTS', `More than ${opts.maxRedirects} redirects from ${rawUrl}`, url.href);
        const next = parseUrl(location, url.href);
        if (seen.has(next.href)) throw new FetchError('INGEST_TOO_MANY_REDIRECTS', `Redirect loop at ${next.href}`, url.href);
        seen.add(next.href);
        if (hop.status !== 301 && hop.status !== 308) permanent = false;
        redirects += 1;
        url = next;
        continue;
      }
      let body: Buffer = Buffer.alloc(0);
      if (hop.status !== 304 && hop.stream) {
        const declared = Number(header(hop.headers, 'content-length') ?? NaN);
        if (Number.isFinite(declared) && declared > opts.maxBytes && !header(hop.headers, 'content-encoding')) {
          hop.request.destroy();
          throw new FetchError('INGEST_TOO_LARGE', `The answer from ${url.host} declares ${declared} bytes, more than ${opts.maxBytes}`, url.href);
        }
        try {
          body = await readLimited(decompress(hop.stream, header(hop.headers, 'content-encoding') ?? undefined), opts.maxBytes, url.href);
        } catch (err) {
          hop.request.destroy();
          throw toFetchError(err, url.href, timedOut, opts.totalTimeoutMs);
        }
      } else {
        hop.stream?.resume();
      }
      return {
        status: hop.status,
        url: url.href,
        permanentUrl: redirects > 0 && permanent ? url.href : null,
        redirects,
        headers: flatHeaders(hop.headers),
        body,
        etag: header(hop.headers, 'etag'),
        lastModified: header(hop.headers, 'last-modified'),
        retryAfterMs: parseRetryAfter(header(hop.headers, 'retry-after')),
        contentType: header(hop.headers, 'content-type'),
      };
    }
  } finally {
    clearTimeout(timer);
  }
}
