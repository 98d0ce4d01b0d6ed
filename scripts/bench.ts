/**
 * npm run bench: builds Nashra, seeds 1,000 articles with covers into a fresh database
 * (SQLite, or the one DATABASE_CLIENT names), starts it in production and measures it with
 * autocannon: 10 connections, a warm-up per case, 3 rounds in alternating order, medians.
 * Every figure is also given as a ratio to Strapi's own /_health and to a raw node:http
 * server on the same machine in the same run, so results compare across machines.
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { createScratchDatabase } from './lib/scratch-database';
import { loadNashra, ROOT } from './lib/strapi';
import { seedBenchData } from './bench/seed';
import { searchCases, seedSearchCorpus } from './bench/search-cases';
import { moderationReportCase } from './bench/moderation-cases';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 1000);
const SEARCH_ARTICLES = Number(process.env.BENCH_SEARCH_ARTICLES ?? 10000);
// The search corpus lives in its own locale, so the list cases still see exactly ARTICLES rows.
const SEARCH_LOCALE = 'en';
const SEARCH_WORDS = ['الامن', 'طنجة'];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const ROUNDS = 3;
const CONNECTIONS = 10;

interface Case {
  name: string;
  /** nashra: the app as configured; baseline: the same app and data with MODERATION_ENABLED=false. */
  target: 'nashra' | 'baseline' | 'raw';
  /** autocannon `requests` (a different body or reader per request). */
  requests?: unknown[];
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  expect: number;
}

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

const secrets = {
  APP_KEYS: `${randomBytes(16).toString('hex')},${randomBytes(16).toString('hex')}`,
  ADMIN_JWT_SECRET: randomBytes(16).toString('hex'),
  API_TOKEN_SALT: randomBytes(16).toString('hex'),
  TRANSFER_TOKEN_SALT: randomBytes(16).toString('hex'),
  JWT_SECRET: randomBytes(16).toString('hex'),
  ENCRYPTION_KEY: randomBytes(16).toString('hex'),
  MODERATION_SECRET: randomBytes(16).toString('hex'),
};

async function waitFor(url: string, child: ChildProcess, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

function measure(c: Case, base: string, seconds: number): Promise<Measure> {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: base + c.path, method: c.method ?? 'GET', body: c.body, headers: c.headers, requests: c.requests as any, connections: CONNECTIONS, duration: seconds },
      (error, result) => {
        if (error) return reject(error);
        const wrong = result.non2xx;
        resolve({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + wrong });
      }
    );
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  console.log(`Building (npm run build) ...`);
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' } });
  if (build.status !== 0) process.exit(build.status ?? 1);

  const db = await createScratchDatabase('nashra_bench');
  const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', STRAPI_TELEMETRY_DISABLED: 'true', ...secrets, ...db.env } as Record<string, string>;
  Object.assign(process.env, env);

  console.log(`Seeding ${ARTICLES} articles with covers into ${db.env.DATABASE_CLIENT} ...`);
  const started = Date.now();
  const strapi = await loadNashra();
  const data = await seedBenchData(strapi, ARTICLES);
  await seedSearchCorpus(strapi, SEARCH_ARTICLES, SEARCH_LOCALE);
  await strapi.destroy();
  console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const nashraPort = 1400 + Math.floor(Math.random() * 500);
  const baselinePort = nashraPort + 1;
  const rawPort = nashraPort + 2;
  // Readers' reports carry their address in X-Forwarded-For, as behind a real proxy.
  const startServer = (port: number, extra: Record<string, string>) =>
    spawn(process.execPath, [path.join(ROOT, 'node_modules/@strapi/strapi/bin/strapi.js'), 'start'], {
      cwd: ROOT,
      env: { ...env, HOST: '127.0.0.1', PORT: String(port), TRUST_PROXY: 'true', ...extra },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  const nashra = startServer(nashraPort, {});
  const baseline = startServer(baselinePort, { MODERATION_ENABLED: 'false' });
  const raw = fork(path.join(__dirname, 'bench/raw-server.cjs'), { env: { PORT: String(rawPort) } });
  const children = [nashra, baseline, raw];
  const kill = () => children.forEach((child) => child.exitCode === null && child.kill('SIGTERM'));
  // The servers may still be answering the last requests: let them exit before the database goes.
  const stop = async () => {
    const exited = children.filter((child) => child.exitCode === null).map((child) => new Promise((resolve) => child.once('exit', resolve)));
    kill();
    await Promise.all(exited);
  };
  process.on('exit', kill);

  try {
    const bases = { nashra: `http://127.0.0.1:${nashraPort}`, baseline: `http://127.0.0.1:${baselinePort}`, raw: `http://127.0.0.1:${rawPort}` };
    await waitFor(`${bases.nashra}/_health`, nashra);
    await waitFor(`${bases.baseline}/_health`, baseline);
    await waitFor(bases.raw, raw);

    const listQuery = 'locale=ar&pagination[pageSize]=20&populate[cover]=true&populate[source]=true&sort=publishedAt:desc';
    const graphql = JSON.stringify({
      query: '{ articles(locale: "ar", sort: "publishedAt:desc", pagination: { limit: 20 }) { documentId title cover { url } source { name } } }',
    });
    const cases: Case[] = [
      { name: 'raw node:http (2 KB JSON)', target: 'raw', path: '/', expect: 200 },
      { name: 'Strapi /_health', target: 'nashra', path: '/_health', expect: 204 },
      { name: 'ticker items', target: 'nashra', path: '/api/tickers/breaking/items?locale=ar', expect: 200 },
      { name: 'article list (20, cover+source)', target: 'nashra', path: `/api/articles?${encodeURI(listQuery)}`, expect: 200 },
      { name: 'article list, moderation off', target: 'baseline', path: `/api/articles?${encodeURI(listQuery)}`, expect: 200 },
      { name: 'one article populate=*', target: 'nashra', path: `/api/articles/${data.articleDocumentId}?populate=*`, expect: 200 },
      { name: 'GraphQL article list (20)', target: 'nashra', path: '/graphql', method: 'POST', body: graphql, headers: { 'content-type': 'application/json' }, expect: 200 },
      ...searchCases(SEARCH_LOCALE)
        .filter((c) => SEARCH_WORDS.some((word) => c.name === `search ${word}` || c.name === `$containsi ${word}`))
        .map((c): Case => ({ name: `${c.name} (${SEARCH_ARTICLES})`, target: 'nashra', path: c.path, expect: 200 })),
      {
        name: 'report an image (POST)',
        target: 'nashra',
        path: '/api/moderation/reports',
        method: 'POST',
        expect: 201,
        // Files no article uses: hiding them must not change what the list cases serve.
        requests: [moderationReportCase({ files: data.reportableFileIds })],
      },
    ];

    for (const c of cases.filter((c) => !c.requests)) {
      const res = await fetch(bases[c.target] + c.path, { method: c.method ?? 'GET', body: c.body, headers: c.headers });
      if (res.status !== c.expect) throw new Error(`${c.name}: expected ${c.expect}, got ${res.status} ${await res.text()}`);
    }

    console.log(`Warming up (${WARMUP_SECONDS} s a case) ...`);
    for (const c of cases) await measure(c, bases[c.target], WARMUP_SECONDS);

    const results = new Map<string, Measure[]>(cases.map((c) => [c.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? cases : [...cases].reverse();
      console.log(`Round ${round + 1}/${ROUNDS} (${round % 2 === 0 ? 'forward' : 'reverse'}) ...`);
      for (const c of order) results.get(c.name)!.push(await measure(c, bases[c.target], SECONDS));
    }

    const summary = cases.map((c) => {
      const runs = results.get(c.name)!;
      return { name: c.name, rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), errors: runs.reduce((n, r) => n + r.errors, 0) };
    });
    const health = summary.find((s) => s.name === 'Strapi /_health')!.rps;
    const ceiling = summary.find((s) => s.name.startsWith('raw'))!.rps;

    const header = ['case', 'req/s', 'p50 ms', 'p99 ms', 'x /_health', 'x raw', 'errors'];
    const rows = summary.map((s) => [s.name, s.rps.toFixed(0), s.p50.toFixed(1), s.p99.toFixed(1), (s.rps / health).toFixed(3), (s.rps / ceiling).toFixed(3), String(s.errors)]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => '| ' + cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ') + ' |';
    console.log(`\nNashra bench: ${db.env.DATABASE_CLIENT}, ${ARTICLES} articles (+${SEARCH_ARTICLES} for search), ${CONNECTIONS} connections, ${ROUNDS} rounds x ${SECONDS} s, medians\n`);
    console.log(line(header));
    console.log('|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
    rows.forEach((r) => console.log(line(r)));

    const rps = (name: string) => summary.find((s) => s.name === name)!.rps;
    console.log('');
    const list = rps('article list (20, cover+source)') / rps('article list, moderation off');
    console.log(`article list with moderation = ${list.toFixed(3)}x the same list with MODERATION_ENABLED=false`);
    for (const word of SEARCH_WORDS) {
      const ratio = rps(`search ${word} (${SEARCH_ARTICLES})`) / rps(`$containsi ${word} (${SEARCH_ARTICLES})`);
      console.log(`search ${word} = ${ratio.toFixed(2)}x the stock filters[title][$containsi] list on the same ${SEARCH_ARTICLES} articles`);
    }

    fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
    const out = path.join(ROOT, 'bench-results', `bench-${db.env.DATABASE_CLIENT}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(out, JSON.stringify({ database: db.env.DATABASE_CLIENT, articles: ARTICLES, seconds: SECONDS, rounds: ROUNDS, connections: CONNECTIONS, summary, results: Object.fromEntries(results) }, null, 2));
    console.log(`\n(raw rounds in ${path.relative(ROOT, out)})`);
    if (summary.some((s) => s.errors > 0)) {
      console.error('Some requests failed: the figures above are not valid.');
      process.exitCode = 1;
    }
  } finally {
    await stop();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
