import path from 'node:path';
import { readNashraEnv } from '../src/lib/env';
import { sqliteBusyGuard } from '../src/lib/sqlite-busy';

export default () => {
  const { database: db } = readNashraEnv();
  const pool = { min: db.poolMin, max: db.poolMax };

  if (db.client === 'sqlite') {
    // Relative to the directory Strapi is started from (the project root); absolute paths stay as they are.
    const filename = path.resolve(db.filename);
    // A short, bounded wait for another process's lock, then 503 (see src/lib/sqlite-busy.ts).
    sqliteBusyGuard({ filename, timeoutMs: db.lockTimeout });
    return {
      connection: {
        client: 'sqlite',
        connection: { filename },
        useNullAsDefault: true,
        // One connection (knex's SQLite pool): a request waiting for it gives up like on the other clients.
        acquireConnectionTimeout: db.connectionTimeout,
        pool: {
          afterCreate: (connection: any, done: (error: Error | null, connection: unknown) => void) => {
            try {
              sqliteBusyGuard()?.attach(connection);
              done(null, connection);
            } catch (error) {
              done(error as Error, connection);
            }
          },
        },
      },
    };
  }

  const ssl = db.ssl ? { rejectUnauthorized: true } : false;
  // A query waiting on a row or table lock gives up after lockTimeout (SQLSTATE 55P03),
  // which the error middleware answers with 503: a held lock never queues requests forever.
  const waits = db.client === 'postgres' && db.lockTimeout > 0 ? { lock_timeout: db.lockTimeout } : {};
  return {
    connection: {
      client: db.client,
      connection: db.url
        ? { connectionString: db.url, ssl, ...waits }
        : {
            host: db.host,
            port: db.port,
            database: db.name,
            user: db.user,
            password: db.password,
            ssl,
            ...(db.client === 'postgres' ? { schema: db.schema } : {}),
            ...waits,
          },
      pool,
      acquireConnectionTimeout: db.connectionTimeout,
    },
  };
};
