// Compiles the app's TypeScript (src, config, database) into dist/ without building the
// admin panel: what the API tests, the seed and the benchmark need.
// CommonJS on purpose: Strapi's ESM entry does not load under Node's own ESM resolver.
const { compileStrapi } = require('@strapi/strapi');

compileStrapi({ appDir: process.cwd() }).catch((error) => {
  console.error(error);
  process.exit(1);
});
