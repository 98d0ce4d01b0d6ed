/**
 * The ingestion bench: 20 feeds of 50 items each, served from local HTTP servers (loopback
 * 127.0.0.1-5, four feeds per host, so the one-request-per-host rule is part of what is
 * measured), ingested by a real Nashra on a fresh database through the poller. First pass:
 * 1,000 articles created; second pass: half the feeds answer 304 (ETag), half send the same
 * items again (duplicates). Prints time and peak memory of each pass and checks that the second
 * takes under a tenth of the first.
 *
 * Run alone: node --import tsx scripts/bench/ingest.ts (npm run bench runs it after the read cases).
 */
import http from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createScratchDatabase } from '../lib/scratch-database';
import { loadNashra } from '../lib/strapi';

const FEEDS = Number(process.env.BENCH_INGEST_FEEDS ?? 20);
const ITEMS = Number(process.env.BENCH_INGEST_ITEMS ?? 50);
const HOSTS = 5;

export interface IngestPass {
  ms: number;
  peakRssMb: number;
  created: number;
  duplicates: number;
  notModified: number;
}

export interface IngestBenchResult {
  feeds: number;
  items: number;
  first: IngestPass;
  second: IngestPass;
  ratio: number;
}

function feedXml(feed: number, base: string): string {
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const date = new Date(Date.UTC(2024, 4, 1, 8) - (feed * ITEMS + i) * 60_000).toUTCString();
    return `<item><title>خبر رقم ${i + 1} من المصدر ${feed + 1}: الحكومة تعلن إجراءات جديدة</title><link>${base}/news/${feed}/${i}?utm_source=rss</link><guid isPermaLink="false">bench-${feed}-${i}</guid><pubDate>${date}</pubDate><description><![CDATA[<p>الرباط - أعلنت الحكومة اليوم عن حزمة إجراءات جديدة تهم القطاع رقم ${i}، في إطار برنامج يمتد على ثلاث سنوات.</p><p>وأوضح بلاغ رسمي أن هذه الإجراءات تشمل <strong>دعم المقاولات الصغرى</strong> و<a href="${base}/more/${i}">تحفيز الاستثمار</a>.</p><ul><li>الإجراء الأول</li><li>الإجراء الثاني</li></ul>]]></description></item>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench ${feed}</title><link>${base}/</link><language>ar</language>\n${items}\n</channel></rss>`;
}

async function startServers(): Promise<{ urls: string[]; close: () => Promise<void> }> {
  const servers: http.Server[] = [];
  const urls: string[] = [];
  for (let h = 1; h <= HOSTS; h++) {
    const cache = new Map<string, { body: string; etag: string }>();
    const server = http.createServer((req, res) => {
      const m = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
      if (!m) return void res.writeHead(404).end();
      const feed = Number(m[1]);
      const base = `http://${req.headers.host}`;
      let entry = cache.get(m[1]!);
      if (!entry) {
        const body = feedXml(feed, base);
        entry = { body, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"` };
        cache.set(m[1]!, entry);
      }
      // Even feeds validate (ETag → 304), odd ones always send the full feed (→ duplicates).
      const validates = feed % 2 === 0;
      if (validates && req.headers['if-none-match'] === entry.etag) return void res.writeHead(304, { etag: entry.etag }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', ...(validates ? { etag: entry.etag } : {}) }).end(entry.body);
    });
    await new Promise<void>((r) => server.listen(0, `127.0.0.${h}`, r));
    servers.push(server);
    urls.push(`http://127.0.0.${h}:${(server.address() as AddressInfo).port}`);
  }
  return {
    urls,
    close: async () => {
      for (const s of servers) {
        s.closeAllConnections();
        await new Promise<void>((r) => s.close(() => r()));
      }
    },
  };
}

export async function runIngestBench(): Promise<IngestBenchResult> {
  const db = await createScratchDatabase('nashra_bench_ingest');
  const feeds = await startServers();
  Object.assign(process.env, db.env, { INGEST_ALLOW_PRIVATE_NETWORKS: 'true', INGEST_POLL: 'false', MODERATION_ENABLED: 'false', NODE_ENV: 'production', LOG_LEVEL: 'error', ...benchSecrets() });
  const strapi = await loadNashra();
  try {
    await strapi.start();
    const ids: string[] = [];
    for (let f = 0; f < FEEDS; f++) {
      const base = feeds.urls[f % HOSTS]!;
      const doc = (await strapi.documents('api::source.source').create({ data: { name: `Bench ${f}`, feedUrl: `${base}/feed/${f}.xml` } as never, status: 'published' } as never)) as unknown as { documentId: string };
      ids.push(doc.documentId);
    }
    const runner = strapi.plugin('ingest').service('runner') as { fetchSource: (id: string, o: { force: boolean }) => Promise<{ status: string; created: number; duplicates: number }> };
    const pass = async (): Promise<IngestPass> => {
      global.gc?.();
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const started = process.hrtime.bigint();
      // As the poller does: a few sources at a time, one request per host at a time.
      const queue = [...ids];
      const totals = { created: 0, duplicates: 0, notModified: 0 };
      await Promise.all(Array.from({ length: 4 }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          const r = await runner.fetchSource(id, { force: true });
          totals.created += r.created;
          totals.duplicates += r.duplicates;
          if (r.status === 'not-modified') totals.notModified += 1;
        }
      }));
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      return { ms, peakRssMb: peak / 1024 / 1024, ...totals };
    };
    const first = await pass();
    const second = await pass();
    return { feeds: FEEDS, items: ITEMS, first, second, ratio: second.ms / first.ms };
  } finally {
    await strapi.destroy();
    await feeds.close();
    await db.drop();
  }
}

function benchSecrets(): Record<string, string> {
  const r = () => createHash('sha256').update(String(Math.random())).digest('hex');
  return { APP_KEYS: `${r()},${r()}`, ADMIN_JWT_SECRET: r(), API_TOKEN_SALT: r(), TRANSFER_TOKEN_SALT: r(), JWT_SECRET: r(), ENCRYPTION_KEY: r(), MODERATION_SECRET: r() };
}

export function formatIngestBench(r: IngestBenchResult): string {
  const row = (name: string, p: IngestPass) => `| ${name} | ${(p.ms / 1000).toFixed(2)} s | ${p.peakRssMb.toFixed(0)} MB | ${p.created} | ${p.duplicates} | ${p.notModified} |`;
  return [
    `Ingestion: ${r.feeds} feeds x ${r.items} items from local servers (${HOSTS} hosts)`,
    '| pass | time | peak RSS | created | duplicates | 304 feeds |',
    '|---|---:|---:|---:|---:|---:|',
    row('first', r.first),
    row('second', r.second),
    `second pass = ${(r.ratio * 100).toFixed(1)}% of the first (goal: under 10%)`,
  ].join('\n');
}

if (require.main === module) {
  runIngestBench().then(
    (r) => {
      console.log(formatIngestBench(r));
      console.log(`INGEST_BENCH ${JSON.stringify(r)}`);
      const ok = r.first.created === r.feeds * r.items && r.second.created === 0 && r.ratio < 0.1;
      if (!ok) console.error('The ingestion bench missed its goal (all items once, second pass under a tenth of the first).');
      process.exit(ok ? 0 : 1);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
