// Starts the generated stock app (scripts/bench/stock-app.ts): plain JavaScript, no admin panel build.
const { createStrapi } = require('@strapi/strapi');

const dir = process.argv[2];
createStrapi({ appDir: dir, distDir: dir, serveAdminPanel: false }).start();
