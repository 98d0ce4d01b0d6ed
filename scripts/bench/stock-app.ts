/**
 * The stock Strapi app `npm run bench` measures Nashra against: generated from Nashra's own
 * article, source and category schemas, with none of Nashra's plugins, middlewares or custom
 * fields (the arabic slug becomes Strapi's plain `uid` of the same source field). Plain
 * JavaScript, no build step; it lives under .tmp/ (gitignored) so Node finds Strapi in the
 * project's node_modules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/strapi';

export const STOCK_DIR = path.join(ROOT, '.tmp', 'bench-stock');
/** The types a front end reads in the bench cases, and what their relations need. */
const TYPES = ['article', 'source', 'category'];

/** A Nashra schema as stock Strapi would have it: custom fields replaced by their stock type. */
/** A content-type schema.json as read from disk, as far as read here. */
interface SchemaFile {
  info: { singularName: string };
  attributes: Record<string, AttributeFile>;
  [key: string]: unknown;
}
interface AttributeFile {
  type: string;
  customField?: string;
  target?: string;
  options?: { sourceField?: string };
  [key: string]: unknown;
}

export function stockSchema(schema: SchemaFile): SchemaFile {
  const attributes: Record<string, AttributeFile> = {};
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    if (attribute.type === 'customField') {
      if (attribute.customField !== 'plugin::arabic.slug') throw new Error(`No stock type for custom field ${attribute.customField}`);
      const { customField: _c, options, type: _t, ...rest } = attribute;
      attributes[name] = { ...rest, type: 'uid', targetField: options?.sourceField };
    } else if (attribute.type === 'relation' && !TYPES.some((t) => attribute.target === `api::${t}.${t}`)) {
      throw new Error(`${schema.info.singularName}.${name} targets ${attribute.target}, which the stock app does not have`);
    } else {
      attributes[name] = attribute;
    }
  }
  return { ...schema, attributes };
}

const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

/** Writes the stock app (afresh: nothing of a previous run is kept). */
export function writeStockApp(dir = STOCK_DIR): string {
  fs.rmSync(dir, { recursive: true, force: true });
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const dependency = (name: string) => ({ [name]: pkg.dependencies[name] });
  write(path.join(dir, 'package.json'), JSON.stringify({
    name: 'nashra-bench-stock',
    private: true,
    version: '0.0.0',
    dependencies: { ...dependency('@strapi/strapi'), ...dependency('@strapi/plugin-users-permissions'), ...dependency('@strapi/plugin-graphql'), ...dependency('better-sqlite3'), ...dependency('pg') },
    strapi: { telemetryDisabled: true },
  }, null, 2));

  write(path.join(dir, 'config', 'database.js'), `const path = require('node:path');
module.exports = () => process.env.DATABASE_CLIENT === 'postgres'
  ? { connection: { client: 'postgres', connection: { host: process.env.DATABASE_HOST || '127.0.0.1', port: Number(process.env.DATABASE_PORT || 5432), database: process.env.DATABASE_NAME, user: process.env.DATABASE_USERNAME || 'postgres', password: process.env.DATABASE_PASSWORD || '', schema: 'public' }, pool: { min: 0, max: 10 } } }
  : { connection: { client: 'sqlite', connection: { filename: path.resolve(process.env.DATABASE_FILENAME) }, useNullAsDefault: true } };
`);
  write(path.join(dir, 'config', 'server.js'), `module.exports = () => ({
  host: process.env.HOST || '127.0.0.1',
  port: Number(process.env.PORT || 1337),
  app: { keys: process.env.APP_KEYS.split(',') },
  logger: { updates: { enabled: false }, startup: { enabled: false } },
});
`);
  write(path.join(dir, 'config', 'admin.js'), `module.exports = () => ({
  auth: { secret: process.env.ADMIN_JWT_SECRET },
  apiToken: { salt: process.env.API_TOKEN_SALT },
  transfer: { token: { salt: process.env.TRANSFER_TOKEN_SALT } },
  secrets: { encryptionKey: process.env.ENCRYPTION_KEY },
});
`);
  // The same page limits as Nashra's config/api.ts and the same GraphQL limits as its defaults.
  write(path.join(dir, 'config', 'api.js'), `module.exports = { rest: { defaultLimit: 25, maxLimit: 100, withCount: true } };\n`);
  write(path.join(dir, 'config', 'plugins.js'), `module.exports = () => ({
  'users-permissions': { config: { jwtSecret: process.env.JWT_SECRET } },
  graphql: { config: { endpoint: '/graphql', shadowCRUD: true, landingPage: false, depthLimit: 10, defaultLimit: 25, maxLimit: 100 } },
});
`);
  write(path.join(dir, 'config', 'logger.js'), `module.exports = { level: process.env.LOG_LEVEL || 'http' };\n`);
  write(path.join(dir, 'config', 'middlewares.js'), `module.exports = ['strapi::logger', 'strapi::errors', 'strapi::security', 'strapi::cors', 'strapi::poweredBy', 'strapi::query', 'strapi::body', 'strapi::session', 'strapi::favicon', 'strapi::public'];\n`);

  write(path.join(dir, 'src', 'index.js'), `/** Arabic first, as Nashra has it, and the public may read the three types. */
module.exports = {
  register() {},
  async bootstrap({ strapi }) {
    const locales = strapi.plugin('i18n').service('locales');
    for (const [code, name] of [['ar', 'Arabic (ar)'], ['fr', 'French (fr)'], ['en', 'English (en)']]) {
      if (!(await locales.findByCode(code))) await locales.create({ code, name });
    }
    await locales.setDefaultLocale({ code: 'ar' });
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    for (const type of ${JSON.stringify(TYPES)}) {
      for (const action of ['find', 'findOne'].map((a) => 'api::' + type + '.' + type + '.' + a)) {
        const have = await strapi.db.query('plugin::users-permissions.permission').findOne({ where: { action, role: role.id } });
        if (!have) await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
      }
    }
  },
};
`);
  for (const type of TYPES) {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'api', type, 'content-types', type, 'schema.json'), 'utf8'));
    const api = path.join(dir, 'src', 'api', type);
    const uid = `api::${type}.${type}`;
    write(path.join(api, 'content-types', type, 'schema.json'), JSON.stringify(stockSchema(schema), null, 2));
    write(path.join(api, 'routes', `${type}.js`), `module.exports = require('@strapi/strapi').factories.createCoreRouter('${uid}');\n`);
    write(path.join(api, 'controllers', `${type}.js`), `module.exports = require('@strapi/strapi').factories.createCoreController('${uid}');\n`);
    write(path.join(api, 'services', `${type}.js`), `module.exports = require('@strapi/strapi').factories.createCoreService('${uid}');\n`);
  }
  fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  return dir;
}
