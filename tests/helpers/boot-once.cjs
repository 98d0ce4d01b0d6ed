// Boots the compiled Nashra in this process, then stops: used to check what boot refuses.
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const root = path.resolve(__dirname, '..', '..');
createStrapi({ appDir: root, distDir: path.join(root, 'dist'), serveAdminPanel: false })
  .load()
  .then(async (strapi) => {
    await strapi.destroy();
    console.log('BOOTED');
  })
  .catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
