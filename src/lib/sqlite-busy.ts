/**
 * How Nashra waits for a SQLite file that another process holds locked.
 *
 * better-sqlite3 is synchronous: while a statement waits in SQLite's busy handler the
 * whole Node process waits with it (no other request, not even /_health, is served).
 * So the wait is bounded (busy_timeout = the lock timeout, 1 s by default) and, once one
 * statement has waited that long in vain, the lock is taken to be held: every connection
 * stops waiting at all (busy_timeout = 0, so writes fail at once and answer 503) and a
 * separate probe connection asks every `probeMs` whether the lock is free; when it is,
 * the normal wait comes back. Readers are never blocked by a writer in WAL mode, which
 * is set on every connection: reads go on while the file is locked for writing, and a
 * COMMIT never waits for another process's readers (a COMMIT that failed busy would
 * leave the transaction open on the connection).
 */
import Database from 'better-sqlite3';

interface Connection {
  open: boolean;
  pragma: (source: string) => unknown;
}

export interface SqliteBusyGuard {
  /** Prepares a new pool connection (knex's pool afterCreate). */
  attach(connection: Connection): void;
  /** A statement failed with SQLITE_BUSY: the lock is held, stop waiting for it. */
  tripped(): void;
  /** True while writes fail at once because another process holds the lock. */
  readonly holding: boolean;
  /** Stops probing (the instance is shutting down). */
  reset(): void;
}

export function createSqliteBusyGuard(options: { filename: string; timeoutMs: number; probeMs?: number }): SqliteBusyGuard {
  const probeMs = options.probeMs ?? 100;
  const connections = new Set<Connection>();
  let timer: NodeJS.Timeout | null = null;

  const setWait = (ms: number) => {
    for (const c of connections) {
      if (!c.open) connections.delete(c);
      else c.pragma(`busy_timeout = ${ms}`);
    }
  };

  /** True when no other process holds the write lock (taken and given back at once). */
  const lockIsFree = (): boolean => {
    let probe: InstanceType<typeof Database> | null = null;
    try {
      probe = new Database(options.filename, { timeout: 0, fileMustExist: true });
      probe.exec('BEGIN IMMEDIATE');
      probe.exec('ROLLBACK');
      return true;
    } catch {
      return false;
    } finally {
      probe?.close();
    }
  };

  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };

  return {
    attach(connection) {
      connection.pragma(`busy_timeout = ${timer ? 0 : options.timeoutMs}`);
      try {
        connection.pragma('journal_mode = WAL');
      } catch {
        // Switching needs the file to itself; if another process holds it now, the next
        // connection (or the next boot) switches. The file works in either mode.
      }
      connections.add(connection);
    },

    tripped() {
      if (timer || options.timeoutMs === 0) return;
      setWait(0);
      timer = setInterval(() => {
        if (!lockIsFree()) return;
        stop();
        setWait(options.timeoutMs);
      }, probeMs);
      timer.unref();
    },

    get holding() {
      return timer !== null;
    },

    reset() {
      stop();
      connections.clear();
    },
  };
}

let current: { guard: SqliteBusyGuard; key: string } | null = null;

/**
 * The guard of this process's SQLite database: config/database.ts names the file (again
 * at every boot, the same guard while the file and timeout stay), the pool attaches its
 * connection, the error middleware trips it.
 */
export function sqliteBusyGuard(options?: { filename: string; timeoutMs: number }): SqliteBusyGuard | null {
  if (options) {
    const key = `${options.filename}\n${options.timeoutMs}`;
    if (current?.key !== key) {
      current?.guard.reset();
      current = { guard: createSqliteBusyGuard(options), key };
    }
  }
  return current?.guard ?? null;
}
