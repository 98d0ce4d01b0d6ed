// npm run demo: installs (when node_modules is missing), builds, seeds the Arabic demo
// content into SQLite (.tmp/data.db) and starts Nashra at http://localhost:1337.
// Plain Node with no dependency: it runs before `npm ci` has.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { readStamp, staleParts, writeStamp } from './demo/build-stamp.mjs';
import feedServer from './demo/feed-server.cjs';
const { startDemoFeeds } = feedServer;

const step = (title) => console.log(`\n\u001b[1m== ${title}\u001b[0m`);
const run = (cmd, args, env = {}) => {
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
  return ((Date.now() - started) / 1000).toFixed(1);
};

if (Number(process.versions.node.split('.')[0]) < 20) {
  console.error(`Nashra needs Node.js 20 or newer; this is ${process.version}.`);
  process.exit(1);
}
if (process.env.NODE_ENV === 'production') {
  console.error('npm run demo creates a demo admin account and never runs with NODE_ENV=production.');
  process.exit(1);
}

// The port first: a second run must not rebuild (and take a running panel offline) only to find
// the port taken. Say what is there: Nashra already running, or another program.
const port = Number(process.env.PORT ?? 1337);
const listening = await new Promise((resolve) => {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.setTimeout(1500);
  socket.once('connect', () => (socket.destroy(), resolve(true)));
  socket.once('timeout', () => (socket.destroy(), resolve(true)));
  socket.once('error', () => resolve(false));
});
if (listening) {
  // A timer of our own: AbortSignal.timeout does not keep the process alive while it waits.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 3000);
  const answer = await fetch(`http://127.0.0.1:${port}/_health`, { signal: controller.signal }).catch(() => null);
  clearTimeout(timer);
  if (answer?.headers.get('strapi')) {
    console.log(`Nashra (Strapi) is already running on port ${port}: http://localhost:${port}/admin`);
    console.log('Nothing was rebuilt or restarted. Stop it first (Ctrl+C where it runs) to start it again, or use PORT=<other port>.');
    process.exit(0);
  }
  const what = answer
    ? `an HTTP server${answer.headers.get('server') ? ` (${answer.headers.get('server')})` : ''} that is not Strapi (GET /_health: ${answer.status})`
    : 'a program that does not answer HTTP';
  console.error(`Port ${port} is taken by ${what}. Stop it, or run Nashra on another port: PORT=1338 npm run demo`);
  process.exit(1);
}

if (!fs.existsSync('node_modules/.package-lock.json')) {
  step('Installing dependencies (npm ci)');
  console.log(`installed in ${run('npm', ['ci', '--no-audit', '--no-fund'])} s`);
}

// Secrets that survive restarts (sessions, API tokens), generated once for this checkout.
const secret = () => randomBytes(24).toString('base64');
const wanted = {
  APP_KEYS: `${secret()},${secret()}`,
  ADMIN_JWT_SECRET: secret(),
  API_TOKEN_SALT: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  JWT_SECRET: secret(),
  ENCRYPTION_KEY: secret(),
  NASHRA_DEMO_EMAIL: 'demo@nashra.local',
  NASHRA_DEMO_PASSWORD: `Demo-${randomBytes(6).toString('hex')}`,
};
const envText = fs.existsSync('.env') ? fs.readFileSync('.env', 'utf8') : '# Written by npm run demo: secrets of this checkout. Not for production.\n';
const present = new Map(
  envText
    .split('\n')
    .map((line) => line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/))
    .filter(Boolean)
    .map((m) => [m[1], m[2]])
);
const missing = Object.entries(wanted).filter(([key]) => !present.has(key));
if (missing.length > 0) {
  fs.writeFileSync('.env', envText.replace(/\n?$/, '\n') + missing.map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
  for (const [k, v] of missing) present.set(k, v);
}
const env = Object.fromEntries(present);

// Only what changed since the last build: a second run with no change starts in seconds.
const stamp = readStamp();
const stale = staleParts(stamp);
const built = new Set();
if (stale.length === 0) {
  step('Build: nothing changed since the last build');
} else {
  for (const { part, hash } of stale) {
    if (built.has(part.name)) {
      stamp[part.name] = hash;
      continue;
    }
    step(`Building the ${part.name} (its sources changed since the last build)`);
    const [cmd, args] = part.build;
    console.log(`built in ${run(cmd, args, { STRAPI_TELEMETRY_DISABLED: 'true' })} s`);
    for (const name of [part.name, ...(part.alsoBuilds ?? [])]) built.add(name);
    stamp[part.name] = hash;
    writeStamp(stamp);
  }
  // A part built as a side effect of another (the server by the admin build) is stamped too.
  for (const { part, hash } of staleParts(stamp)) if (built.has(part.name)) stamp[part.name] = hash;
  writeStamp(stamp);
}

// The demo's sources get feeds served here, on the loopback: ingestion is allowed to fetch from
// private addresses for the demo only (INGEST_ALLOW_PRIVATE_NETWORKS), never by default.
const feedPort = Number(process.env.NASHRA_DEMO_FEEDS_PORT ?? port + 1);
let feeds = null;
try {
  feeds = await startDemoFeeds(feedPort);
} catch (error) {
  console.warn(`The demo feeds could not be served on port ${feedPort} (${error.code ?? error.message}); set NASHRA_DEMO_FEEDS_PORT to a free port. Continuing without them.`);
}
const ingestEnv = feeds ? { NASHRA_DEMO_FEEDS: feeds.base, INGEST_ALLOW_PRIVATE_NETWORKS: 'true' } : {};

step('Seeding the Arabic demo content');
run('node', ['--import', 'tsx', 'scripts/seed-demo.ts'], { ...env, ...ingestEnv, STRAPI_TELEMETRY_DISABLED: 'true' });

const url = `http://localhost:${process.env.PORT ?? 1337}`;
console.log(`
Nashra is starting at ${url}
  Admin panel:  ${url}/admin
  Demo admin:   ${env.NASHRA_DEMO_EMAIL}  /  ${env.NASHRA_DEMO_PASSWORD}   (kept in .env)
  Articles:     curl '${url}/api/articles?locale=ar&populate=*'
  Ticker:       curl '${url}/api/tickers/breaking/items?locale=ar'
  GraphQL:      curl -H 'Content-Type: application/json' -d '{"query":"{ articles(locale: \\"ar\\") { title source { name } } }"}' ${url}/graphql
${feeds ? `  Feeds:        ${feeds.feeds.map((k) => `${feeds.base}/feeds/${k}.xml`).join('\n                ')}
                polled within a minute of the start: see Ingestion in the admin panel\n` : ''}Stop it with Ctrl+C; run npm run demo again at any time (it duplicates nothing).
`);
step('Starting Nashra (strapi start)');
// Not spawnSync: this process keeps serving the demo feeds while Strapi runs.
const strapiProcess = spawn('npx', ['strapi', 'start'], { stdio: 'inherit', env: { ...process.env, ...ingestEnv, STRAPI_TELEMETRY_DISABLED: 'true' } });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => strapiProcess.kill(signal));
strapiProcess.on('exit', async (code) => {
  await feeds?.close();
  process.exit(code ?? 0);
});
