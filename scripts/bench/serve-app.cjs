// Starts an app for the bench without its admin panel (no one opens it, and neither app then
// needs the ~40 s admin build): node serve-app.cjs APP_DIR DIST_DIR
const { createStrapi } = require('@strapi/strapi');

const [appDir, distDir] = process.argv.slice(2);
createStrapi({ appDir, distDir, serveAdminPanel: false }).start();
