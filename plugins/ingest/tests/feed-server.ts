/**
 * A local HTTP server for the ingestion tests: serves the fixture feeds of fixtures/manifest.json
 * with the headers each declares, encoded in the charset each declares (the files are kept in UTF-8
 * so they stay readable), with ETag/Last-Modified and 304, gzip, delays, padding and redirects.
 * `vars` replaces tokens in the served text, so a test can change a feed between fetches.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import sharp from 'sharp';

interface Fixture {
  file?: string;
  encoding?: string;
  bom?: boolean;
  status?: number;
  headers?: Record<string, string>;
  etag?: boolean;
  lastModified?: string;
  gzip?: boolean;
  delayMs?: number;
  padBytes?: number;
  image?: boolean;
}

const DIR = path.join(__dirname, 'fixtures');

export interface FeedServer {
  url: string;
  host: string;
  vars: Record<string, string>;
  hits: Map<string, number>;
  close: () => Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const manifest = JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as Record<string, Fixture>;
  const vars: Record<string, string> = {};
  const hits = new Map<string, number>();
  const cover = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } }).jpeg().toBuffer();
  let host = '';
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(pathname, (hits.get(pathname) ?? 0) + 1);
    const fx = manifest[pathname];
    if (!fx) return void res.writeHead(404).end();
    if (fx.image) return void res.writeHead(200, { 'content-type': 'image/jpeg' }).end(cover);
    if (!fx.file) return void res.writeHead(fx.status ?? 200, fx.headers ?? {}).end();
    let text = readFileSync(path.join(DIR, fx.file), 'utf8').replaceAll('FEED_HOST', host);
    for (const [k, v] of Object.entries(vars)) text = text.replaceAll(k, v);
    if (fx.padBytes) text = text.replace('</feed>', `<!-- ${'x'.repeat(fx.padBytes)} --></feed>`);
    let body = iconv.encode(text, fx.encoding ?? 'utf-8', { addBOM: fx.bom === true });
    const headers: Record<string, string> = { ...(fx.headers ?? {}) };
    if (fx.etag) {
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      headers.etag = etag;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    }
    if (fx.lastModified) {
      headers['last-modified'] = fx.lastModified;
      if (!fx.etag && req.headers['if-modified-since'] === fx.lastModified) return void res.writeHead(304).end();
    }
    if (fx.gzip && /gzip/.test(String(req.headers['accept-encoding'] ?? ''))) {
      body = zlib.gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    const send = () => res.writeHead(fx.status ?? 200, headers).end(body);
    if (fx.delayMs) timers.add(setTimeout(send, fx.delayMs));
    else send();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${host}`,
    host,
    vars,
    hits,
    close: () =>
      new Promise<void>((r) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
