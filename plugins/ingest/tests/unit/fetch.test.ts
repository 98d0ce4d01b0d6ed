import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { fetchFeed, FetchError, USER_AGENT } from '../../server/src/core/fetch';
import { isPrivateAddress } from '../../server/src/core/net';

let server: http.Server;
let base = '';
const seen: http.IncomingHttpHeaders[] = [];
const timers: NodeJS.Timeout[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    const url = new URL(req.url!, 'http://x');
    switch (url.pathname) {
      case '/feed':
        if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
        return res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"', 'last-modified': 'Wed, 01 May 2024 00:00:00 GMT' }).end('<rss/>');
      case '/gzip':
        return res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync('<rss>zipped</rss>'));
      case '/bomb':
        return res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(Buffer.alloc(2_000_000, 0x20)));
      case '/big':
        return res.writeHead(200, { 'content-length': '9999999' }).end('x');
      case '/chunked-big': {
        res.writeHead(200);
        for (let i = 0; i < 20; i++) res.write(Buffer.alloc(64 * 1024, 0x61));
        return res.end();
      }
      case '/slow':
        res.writeHead(200);
        res.write('<rss>');
        return void timers.push(setTimeout(() => res.end('</rss>'), 2000));
      case '/limited':
        return res.writeHead(429, { 'retry-after': '120' }).end();
      case '/moved':
        return res.writeHead(301, { location: '/feed' }).end();
      case '/temp':
        return res.writeHead(302, { location: `${base}/moved` }).end();
      case '/loop':
        return res.writeHead(302, { location: '/loop2' }).end();
      case '/loop2':
        return res.writeHead(302, { location: '/loop' }).end();
      case '/chain': {
        const n = Number(url.searchParams.get('n'));
        return n > 0 ? res.writeHead(302, { location: `/chain?n=${n - 1}` }).end() : res.writeHead(200).end('end');
      }
      case '/to-js':
        return res.writeHead(302, { location: 'javascript:alert(1)' }).end();
      case '/to-private':
        return res.writeHead(302, { location: 'http://10.0.0.1/feed' }).end();
      default:
        return res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => {
  timers.forEach(clearTimeout);
  server.closeAllConnections();
  server.close(() => r());
}));

const ok = { allowPrivate: true };
const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return (e as FetchError).code;
  }
};

describe('fetchFeed', () => {
  it('sends a User-Agent naming Nashra and keeps ETag/Last-Modified; 304 costs nothing', async () => {
    const first = await fetchFeed(`${base}/feed`, ok);
    expect(first).toMatchObject({ status: 200, etag: '"v1"', lastModified: 'Wed, 01 May 2024 00:00:00 GMT' });
    expect(first.body.toString()).toBe('<rss/>');
    expect(seen.at(-1)!['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/Nashra/);
    const second = await fetchFeed(`${base}/feed`, { ...ok, etag: first.etag, lastModified: first.lastModified });
    expect(second.status).toBe(304);
    expect(second.body.length).toBe(0);
    expect(seen.at(-1)!['if-modified-since']).toBe('Wed, 01 May 2024 00:00:00 GMT');
  });

  it('decompresses gzip, and cuts a gzip bomb at the byte limit', async () => {
    expect((await fetchFeed(`${base}/gzip`, ok)).body.toString()).toBe('<rss>zipped</rss>');
    expect(await code(fetchFeed(`${base}/bomb`, { ...ok, maxBytes: 1_000_000 }))).toBe('INGEST_TOO_LARGE');
  });

  it('refuses oversized answers, declared or streamed', async () => {
    expect(await code(fetchFeed(`${base}/big`, { ...ok, maxBytes: 1000 }))).toBe('INGEST_TOO_LARGE');
    expect(await code(fetchFeed(`${base}/chunked-big`, { ...ok, maxBytes: 100_000 }))).toBe('INGEST_TOO_LARGE');
  });

  it('gives up on a slow answer at the total timeout', async () => {
    const started = Date.now();
    expect(await code(fetchFeed(`${base}/slow`, { ...ok, totalTimeoutMs: 300 }))).toBe('INGEST_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('returns 429 with Retry-After', async () => {
    expect(await fetchFeed(`${base}/limited`, ok)).toMatchObject({ status: 429, retryAfterMs: 120_000 });
  });

  it('follows redirects by hand: permanent ones are remembered, loops and long chains refused', async () => {
    expect(await fetchFeed(`${base}/moved`, ok)).toMatchObject({ status: 200, url: `${base}/feed`, permanentUrl: `${base}/feed`, redirects: 1 });
    expect(await fetchFeed(`${base}/temp`, ok)).toMatchObject({ status: 200, permanentUrl: null, redirects: 2 });
    expect(await code(fetchFeed(`${base}/loop`, ok))).toBe('INGEST_TOO_MANY_REDIRECTS');
    expect((await fetchFeed(`${base}/chain?n=5`, ok)).status).toBe(200);
    expect(await code(fetchFeed(`${base}/chain?n=6`, ok))).toBe('INGEST_TOO_MANY_REDIRECTS');
    expect(await code(fetchFeed(`${base}/to-js`, ok))).toBe('INGEST_BAD_URL');
  });

  it('refuses private, loopback and link-local addresses unless allowed, at every hop', async () => {
    expect(await code(fetchFeed(`${base}/feed`))).toBe('INGEST_BLOCKED_ADDRESS');
    expect(await code(fetchFeed('http://[::1]:1/feed'))).toBe('INGEST_BLOCKED_ADDRESS');
    expect(await code(fetchFeed('http://169.254.169.254/latest/meta-data/'))).toBe('INGEST_BLOCKED_ADDRESS');
    // A name whose DNS answer is private is refused before any connection.
    const resolver = ((_h: string, _o: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) => cb(null, [{ address: '10.1.2.3', family: 4 }])) as never;
    expect(await code(fetchFeed('http://feed.example/rss', { resolver }))).toBe('INGEST_BLOCKED_ADDRESS');
    expect(await code(fetchFeed(`${base}/to-private`, { allowPrivate: false, resolver }))).toBe('INGEST_BLOCKED_ADDRESS');
    expect(await code(fetchFeed('ftp://x.example/feed'))).toBe('INGEST_BAD_URL');
    expect(await code(fetchFeed('file:///etc/passwd'))).toBe('INGEST_BAD_URL');
  });

  it('connects to the address it checked (no second DNS answer)', async () => {
    let calls = 0;
    const port = Number(new URL(base).port);
    const resolver = ((_h: string, _o: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) => {
      calls += 1;
      cb(null, [{ address: calls === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 }]);
    }) as never;
    const res = await fetchFeed(`http://feed.example:${port}/feed`, { allowPrivate: true, resolver });
    expect(res.status).toBe(200);
    expect(calls).toBe(1);
    expect(seen.at(-1)!.host).toBe(`feed.example:${port}`);
  });

  it('classifies addresses', () => {
    for (const a of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1']) expect(isPrivateAddress(a)).toBe(true);
    for (const a of ['8.8.8.8', '41.214.1.1', '2a00:1450:4007::1', '::ffff:8.8.8.8']) expect(isPrivateAddress(a)).toBe(false);
  });
});
