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
          afterCreate: (connection: Parameters<NonNullable<ReturnType<typeof sqliteBusyGuard>>['attach']>[0], done: (error: Error | null, connection: unknown) => void) => {
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
  const mysqlSession = db.client === 'mysql' ? { afterCreate: mysqlSessionSetup(db.lockTimeout) } : {};
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
      pool: { ...pool, ...mysqlSession },
      acquireConnectionTimeout: db.connectionTimeout,
    },
  };
};

/**
 * Every MySQL/MariaDB connection, as it is opened:
 * - READ COMMITTED, PostgreSQL's default: a read after taking a lock sees what committed before
 *   it (InnoDB's default REPEATABLE READ would answer from a snapshot taken earlier in the
 *   transaction, and a free-slug check behind the slug lock could miss the slug just taken);
 * - innodb_lock_wait_timeout, the MySQL form of lock_timeout (whole seconds, at least 1): a
 *   query waiting on a row lock gives up with error 1205, which the error middleware answers
 *   with 503. 0 keeps the server's default.
 */
function mysqlSessionSetup(lockTimeoutMs: number) {
  const statements = ['SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED'];
  if (lockTimeoutMs > 0) statements.push(`SET SESSION innodb_lock_wait_timeout = ${Math.max(1, Math.ceil(lockTimeoutMs / 1000))}`);
  // A mysql2 callback connection, as far as used here.
  return (connection: { query(sql: string, callback: (error: Error | null) => void): void }, done: (error: Error | null, connection: unknown) => void) => {
    const next = (i: number) => {
      if (i === statements.length) return done(null, connection);
      connection.query(statements[i], (error: Error | null) => (error ? done(error, connection) : next(i + 1)));
    };
    next(0);
  };
}
