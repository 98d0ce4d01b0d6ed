import path from 'node:path';
import { readNashraEnv } from '../src/lib/env';

export default () => {
  const { database: db } = readNashraEnv();
  const pool = { min: db.poolMin, max: db.poolMax };

  if (db.client === 'sqlite') {
    return {
      connection: {
        client: 'sqlite',
        // Relative to the directory Strapi is started from (the project root); absolute paths stay as they are.
        connection: { filename: path.resolve(db.filename) },
        useNullAsDefault: true,
      },
    };
  }

  const ssl = db.ssl ? { rejectUnauthorized: true } : false;
  return {
    connection: {
      client: db.client,
      connection: db.url
        ? { connectionString: db.url, ssl }
        : {
            host: db.host,
            port: db.port,
            database: db.name,
            user: db.user,
            password: db.password,
            ssl,
            ...(db.client === 'postgres' ? { schema: db.schema } : {}),
          },
      pool,
      acquireConnectionTimeout: db.connectionTimeout,
    },
  };
};
