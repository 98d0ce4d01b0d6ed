// Strapi loads `.env` (or ENV_PATH) when its configuration module is first required.
// A developer's `.env` (npm run demo writes one) must not leak into the tests: point
// Strapi at a file that does not exist. Imported before @strapi/strapi.
import path from 'node:path';

process.env.ENV_PATH = path.join(__dirname, 'no-such.env');
