/**
 * One app's part of `npm run bench`, in a process of its own (Nashra and the stock app seed at
 * the same time): loads the app on the database its environment names, seeds the bench data,
 * then serves it once on a free port to count the SQL statements of each read case. Prints one
 * line `BENCH_SEED <json>`.
 *   node --import tsx scripts/bench/seed-app.ts nashra|stock ARTICLES [SEARCH_ARTICLES SEARCH_LOCALE]
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createStrapi, type Core } from '@strapi/strapi';
import { ROOT } from '../lib/strapi';
import { seedBenchData } from './seed';
import { seedSearchCorpus } from './search-cases';
import { readCases } from './read-cases';
import { STOCK_DIR } from './stock-app';

async function quiet(strapi: Core.Strapi, ms = 300) {
  let last = Date.now();
  const tick = () => (last = Date.now());
  strapi.db.connection.on('query', tick);
  while (Date.now() - last < ms) await new Promise((r) => setTimeout(r, 50));
  strapi.db.connection.off('query', tick);
}

/** Fewest statements over a few requests: the steady state, without a periodic refresh that happened to fall in one. */
async function statementsPerRequest(strapi: Core.Strapi, base: string, cases: ReturnType<typeof readCases>) {
  const counts: Record<string, number> = {};
  for (const c of cases) {
    const send = () => fetch(base + c.path, { method: c.method ?? 'GET', body: c.body, headers: c.headers });
    const first = await send();
    if (first.status !== c.expect) throw new Error(`${c.name}: expected ${c.expect}, got ${first.status} ${await first.text()}`);
    let fewest = Infinity;
    for (let i = 0; i < 3; i++) {
      await quiet(strapi);
      let n = 0;
      const count = () => n++;
      strapi.db.connection.on('query', count);
      await (await send()).arrayBuffer();
      strapi.db.connection.off('query', count);
      fewest = Math.min(fewest, n);
    }
    counts[c.name] = fewest;
  }
  return counts;
}

async function main() {
  const [app, articles, searchArticles, searchLocale] = process.argv.slice(2);
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  Object.assign(process.env, { HOST: '127.0.0.1', PORT: '0' });
  const dir = app === 'stock' ? STOCK_DIR : ROOT;
  const strapi = await createStrapi({ appDir: dir, distDir: app === 'stock' ? dir : path.join(ROOT, 'dist'), serveAdminPanel: false }).load();
  const data = await seedBenchData(strapi, Number(articles), { asciiSlugs: app === 'stock' });
  if (Number(searchArticles) > 0) await seedSearchCorpus(strapi, Number(searchArticles), searchLocale);
  await strapi.listen();
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  const statements = await statementsPerRequest(strapi, `http://127.0.0.1:${port}`, readCases(data.articleDocumentId));
  console.log(`BENCH_SEED ${JSON.stringify({ data, statements })}`);
  await strapi.destroy();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
