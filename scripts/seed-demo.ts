/**
 * Seeds the Arabic demo content and the demo admin into the configured database
 * (SQLite under .tmp/ by default). Run by `npm run demo`; refuses production.
 */
import { ensureDemoAdmin, seedDemo } from './lib/demo-seed';
import { loadNashra } from './lib/strapi';

async function main() {
  if (process.env.NODE_ENV === 'production') throw new Error('The demo seed does not run in production');
  const email = process.env.NASHRA_DEMO_EMAIL ?? 'demo@nashra.local';
  const password = process.env.NASHRA_DEMO_PASSWORD;
  if (!password) throw new Error('NASHRA_DEMO_PASSWORD is not set (npm run demo writes it to .env)');

  const strapi = await loadNashra();
  try {
    const started = Date.now();
    const summary = await seedDemo(strapi, new Date(), { feedBase: process.env.NASHRA_DEMO_FEEDS });
    const admin = await ensureDemoAdmin(strapi, email, password);
    console.log(
      `Demo content: ${summary.articles} articles, ${summary.sources} sources, ${summary.categories} categories ` +
        `(${summary.created} new) in ${((Date.now() - started) / 1000).toFixed(1)} s; demo admin ${admin}.`
    );
  } finally {
    await strapi.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
