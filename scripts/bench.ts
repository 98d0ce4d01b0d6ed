/**
 * npm run bench: builds Nashra and generates, beside it, a stock Strapi app of the same
 * article, source and category schemas (scripts/bench/stock-app.ts); seeds both with the same
 * 1,000 Arabic articles with covers and 20 sources into fresh databases (SQLite, or the one
 * DATABASE_CLIENT names), starts them in production (LOG_LEVEL=warn) and measures them with
 * autocannon: 10 connections, a warm-up per case, 3 rounds in alternating order, medians.
 * Each read case runs on Nashra uncached (RESPONSE_CACHE=false), Nashra cached and stock, one
 * after the other in every round, and is given as a ratio to stock; every figure is also
 * given as a ratio to Strapi's own /_health (the stock app's) and to a raw node:http server
 * on the same machine in the same run, so results compare across machines. Then the feed
 * ingestion case (scripts/bench/ingest.ts; BENCH_INGEST=false skips it).
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { createScratchDatabase } from './lib/scratch-database';
import { ROOT } from './lib/strapi';
import type { BenchData } from './bench/seed';
import { searchCases } from './bench/search-cases';
import { readCases, LIST_QUERY } from './bench/read-cases';
import { STOCK_DIR, writeStockApp } from './bench/stock-app';
import { moderationReportCase } from './bench/moderation-cases';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 1000);
const SEARCH_ARTICLES = Number(process.env.BENCH_SEARCH_ARTICLES ?? 10000);
// The search corpus lives in its own locale, so the list cases still see exactly ARTICLES rows.
const SEARCH_LOCALE = 'en';
const SEARCH_WORDS = ['الامن', 'طنجة'];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
const ROUNDS = 3;
const CONNECTIONS = 10;

interface Case {
  name: string;
  /**
   * nashra: the app as configured (response cache on); uncached: the same with RESPONSE_CACHE=false;
   * baseline: uncached and MODERATION_ENABLED=false; stock: the stock app on its own copy of the data.
   */
  target: Target;
  /** The read case this measures, for the side-by-side table. */
  read?: string;
  /** autocannon `requests` (a different body or reader per request). */
  requests?: unknown[];
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  expect: number;
}

type Target = 'nashra' | 'uncached' | 'baseline' | 'stock' | 'raw';

interface Measure {
  /** CPU time the server process spent per request (Linux /proc): steadier than req/s on a loaded machine. */
  cpu: number;
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

/** User + system CPU of a process in ms, from /proc (NaN where there is none). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

function measure(c: Case, base: string, seconds: number, pid?: number): Promise<Measure> {
  const before = cpuMs(pid);
  return new Promise((resolve, reject) => {
    autocannon(
      { url: base + c.path, method: c.method ?? 'GET', body: c.body, headers: c.headers, requests: c.requests, connections: CONNECTIONS, duration: seconds },
      (error, result) => {
        if (error) return reject(error);
        const wrong = result.non2xx;
        const cpu = (cpuMs(pid) - before) / Math.max(1, result.requests.total);
        resolve({ cpu, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + wrong });
      }
    );
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Seeds one app in a process of its own (scripts/bench/seed-app.ts) and gives back its data and statement counts. */
function seedApp(app: 'nashra' | 'stock', env: Record<string, string>, args: string[]): Promise<{ data: BenchData; statements: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'bench/seed-app.ts'), app, ...args], {
      cwd: app === 'stock' ? STOCK_DIR : ROOT,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let result: { data: BenchData; statements: Record<string, number> } | null = null;
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('BENCH_SEED ')) result = JSON.parse(line.slice('BENCH_SEED '.length));
      else console.log(`[${app}] ${line}`);
    });
    child.on('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`seeding ${app} exited with ${code}`))));
  });
}

async function main() {
  const wallStart = Date.now();
  // The server only: the bench serves no admin panel (scripts/bench/serve-app.cjs).
  console.log(`Building (plugins and server) ...`);
  for (const [command, args] of [['npm', ['run', 'build:plugins', '--silent']], [process.execPath, ['scripts/compile.cjs']]] as const) {
    const build = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' } });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  writeStockApp();

  const db = await createScratchDatabase('nashra_bench');
  const stockDb = await createScratchDatabase('stock_bench');
  const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', STRAPI_TELEMETRY_DISABLED: 'true', ...secrets, ...db.env } as Record<string, string>;
  delete env.RESPONSE_CACHE; // the cached target is Nashra as deployed
  const stockEnv = { ...env, ...stockDb.env };

  console.log(`Seeding ${ARTICLES} articles with covers into Nashra and into the stock app (${db.env.DATABASE_CLIENT}) ...`);
  const started = Date.now();
  const [nashraSeed, stockSeed] = await Promise.all([
    seedApp('nashra', { ...env, RESPONSE_CACHE: 'false' }, [String(ARTICLES), String(SEARCH_ARTICLES), SEARCH_LOCALE]),
    seedApp('stock', stockEnv, [String(ARTICLES), String(SEARCH_ARTICLES), SEARCH_LOCALE]),
  ]);
  const data = nashraSeed.data;
  console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const nashraPort = 1400 + Math.floor(Math.random() * 500);
  const ports: Record<Target, number> = { nashra: nashraPort, uncached: nashraPort + 1, baseline: nashraPort + 2, stock: nashraPort + 3, raw: nashraPort + 4 };
  // Readers' reports carry their address in X-Forwarded-For, as behind a real proxy.
  const serve = path.join(__dirname, 'bench/serve-app.cjs');
  const startServer = (port: number, extra: Record<string, string>) =>
    spawn(process.execPath, [serve, ROOT, path.join(ROOT, 'dist')], {
      cwd: ROOT,
      env: { ...env, HOST: '127.0.0.1', PORT: String(port), TRUST_PROXY: 'true', ...extra },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  const servers: Record<Target, ChildProcess> = {
    nashra: startServer(ports.nashra, {}),
    uncached: startServer(ports.uncached, { RESPONSE_CACHE: 'false' }),
    baseline: startServer(ports.baseline, { RESPONSE_CACHE: 'false', MODERATION_ENABLED: 'false' }),
    stock: spawn(process.execPath, [serve, STOCK_DIR, STOCK_DIR], {
      cwd: STOCK_DIR,
      env: { ...stockEnv, HOST: '127.0.0.1', PORT: String(ports.stock) },
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
    raw: fork(path.join(__dirname, 'bench/raw-server.cjs'), { env: { PORT: String(ports.raw) } }),
  };
  const children = Object.values(servers);
  const kill = () => children.forEach((child) => child.exitCode === null && child.kill('SIGTERM'));
  // The servers may still be answering the last requests: let them exit before the database goes.
  const stop = async () => {
    const exited = children.filter((child) => child.exitCode === null).map((child) => new Promise((resolve) => child.once('exit', resolve)));
    kill();
    await Promise.all(exited);
  };
  process.on('exit', kill);

  try {
    const bases = Object.fromEntries(Object.entries(ports).map(([t, port]) => [t, `http://127.0.0.1:${port}`])) as Record<Target, string>;
    for (const target of ['nashra', 'uncached', 'baseline', 'stock'] as const) await waitFor(`${bases[target]}/_health`, servers[target]);
    await waitFor(bases.raw, servers.raw);

    const label: Record<'uncached' | 'nashra' | 'stock', string> = { uncached: 'Nashra uncached', nashra: 'Nashra cached', stock: 'stock' };
    const readTriples = readCases(data.articleDocumentId).flatMap((read) =>
      (['uncached', 'nashra', 'stock'] as const).map((target): Case => {
        const own = target === 'stock' ? readCases(stockSeed.data.articleDocumentId).find((c) => c.name === read.name)! : read;
        return { ...own, name: `${read.name} [${label[target]}]`, target, read: read.name };
      })
    );
    const cases: Case[] = [
      { name: 'raw node:http (2 KB JSON)', target: 'raw', path: '/', expect: 200 },
      ...readTriples,
      { name: 'ticker items', target: 'nashra', path: '/api/tickers/breaking/items?locale=ar', expect: 200 },
      { name: 'article list, moderation off [uncached]', target: 'baseline', path: `/api/articles?${encodeURI(LIST_QUERY)}`, expect: 200 },
      ...searchCases(SEARCH_LOCALE)
        .filter((c) => SEARCH_WORDS.some((word) => c.name === `search ${word}` || c.name === `$containsi ${word}`))
        .map((c): Case => ({ name: `${c.name} (${SEARCH_ARTICLES})`, target: 'uncached', path: c.path, expect: 200 })),
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
    const pid = (c: Case) => servers[c.target].pid;
    for (const c of cases) await measure(c, bases[c.target], WARMUP_SECONDS, pid(c));

    const results = new Map<string, Measure[]>(cases.map((c) => [c.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? cases : [...cases].reverse();
      console.log(`Round ${round + 1}/${ROUNDS} (${round % 2 === 0 ? 'forward' : 'reverse'}) ...`);
      for (const c of order) results.get(c.name)!.push(await measure(c, bases[c.target], SECONDS, pid(c)));
    }

    const summary = cases.map((c) => {
      const runs = results.get(c.name)!;
      return { name: c.name, cpu: median(runs.map((r) => r.cpu)), rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), errors: runs.reduce((n, r) => n + r.errors, 0) };
    });
    const health = summary.find((s) => s.name === '/_health [stock]')!.rps;
    const ceiling = summary.find((s) => s.name.startsWith('raw'))!.rps;

    const header = ['case', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'x /_health', 'x raw', 'errors'];
    const rows = summary.map((s) => [s.name, s.rps.toFixed(0), s.p50.toFixed(1), s.p99.toFixed(1), s.cpu.toFixed(2), (s.rps / health).toFixed(3), (s.rps / ceiling).toFixed(3), String(s.errors)]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => '| ' + cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ') + ' |';
    console.log(`\nNashra bench: ${db.env.DATABASE_CLIENT}, ${ARTICLES} articles (+${SEARCH_ARTICLES} for search), ${CONNECTIONS} connections, ${ROUNDS} rounds x ${SECONDS} s, medians\n`);
    console.log(line(header));
    console.log('|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
    rows.forEach((r) => console.log(line(r)));

    const rps = (name: string) => summary.find((s) => s.name === name)!.rps;
    console.log(`\nSide by side with stock Strapi (same data; SQL statements per request counted once per app, uncached)\n`);
    const cpu = (name: string) => summary.find((s) => s.name === name)!.cpu;
    // x stock: req/s over stock's; CPU x stock: stock's CPU per request over Nashra's (above 1 = Nashra does less work).
    const sideHeader = ['read case', 'Nashra uncached', 'Nashra cached', 'stock', 'uncached x stock', 'cached x stock', 'CPU ms/req uncached', 'CPU ms/req stock', 'CPU x stock', 'SQL Nashra', 'SQL stock'];
    const sideRows = readCases(data.articleDocumentId).map((c) => {
      const names = (['Nashra uncached', 'Nashra cached', 'stock'] as const).map((l) => `${c.name} [${l}]`);
      const [u, n, st] = names.map(rps);
      const [cu, , cs] = names.map(cpu);
      return [c.name, u.toFixed(0), n.toFixed(0), st.toFixed(0), (u / st).toFixed(2), (n / st).toFixed(2), cu.toFixed(2), cs.toFixed(2), (cs / cu).toFixed(2), String(nashraSeed.statements[c.name]), String(stockSeed.statements[c.name])];
    });
    const sideWidths = sideHeader.map((h, i) => Math.max(h.length, ...sideRows.map((r) => r[i].length)));
    const sideLine = (cells: string[]) => '| ' + cells.map((cell, i) => (i === 0 ? cell.padEnd(sideWidths[i]) : cell.padStart(sideWidths[i]))).join(' | ') + ' |';
    console.log(sideLine(sideHeader));
    console.log('|' + sideWidths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
    sideRows.forEach((r) => console.log(sideLine(r)));
    console.log('');
    const list = rps('REST list 20 + cover + source [Nashra uncached]') / rps('article list, moderation off [uncached]');
    console.log(`article list with moderation = ${list.toFixed(3)}x the same list with MODERATION_ENABLED=false (both uncached)`);
    for (const word of SEARCH_WORDS) {
      const ratio = rps(`search ${word} (${SEARCH_ARTICLES})`) / rps(`$containsi ${word} (${SEARCH_ARTICLES})`);
      console.log(`search ${word} = ${ratio.toFixed(2)}x the stock filters[title][$containsi] list on the same ${SEARCH_ARTICLES} articles`);
    }

    fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
    const out = path.join(ROOT, 'bench-results', `bench-${db.env.DATABASE_CLIENT}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(out, JSON.stringify({ database: db.env.DATABASE_CLIENT, articles: ARTICLES, seconds: SECONDS, rounds: ROUNDS, connections: CONNECTIONS, statements: { nashra: nashraSeed.statements, stock: stockSeed.statements }, summary, results: Object.fromEntries(results) }, null, 2));
    console.log(`\n(raw rounds in ${path.relative(ROOT, out)}; the whole bench took ${((Date.now() - wallStart) / 60000).toFixed(1)} min)`);
    if (summary.some((s) => s.errors > 0)) {
      console.error('Some requests failed: the figures above are not valid.');
      process.exitCode = 1;
    }
    if (process.env.BENCH_INGEST !== 'false') {
      // Feed ingestion (scripts/bench/ingest.ts): its own process, database and Strapi.
      console.log('');
      const ingest = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(__dirname, 'bench/ingest.ts')], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, DATABASE_CLIENT: db.env.DATABASE_CLIENT } });
      if (ingest.status !== 0) process.exitCode = 1;
    }
  } finally {
    await stop();
    await db.drop();
    await stockDb.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
