/**
 * better-sqlite3 is a native addon: Node loads it once per process, while Jest evaluates
 * its JavaScript wrapper again for every test file. The wrapper hands the addon its
 * SqliteError class only the first time (`addon.isInitialized`), so in the second file the
 * errors the addon throws were built by the first file's class: not `instanceof Error` in
 * this file (GraphQL then answers a busy database with a 500 instead of a 503). Run before
 * each file (setupFilesAfterEnv): give the addon this file's SqliteError.
 *
 * Rows the addon returns are still built in Node's own realm, not the test file's: compare
 * them with expect().toEqual (or copy them with Array.from) rather than strict deepEqual,
 * which tells prototypes of two realms apart.
 */
interface SqliteAddon {
  setErrorConstructor(constructor: new (message: string, code: string) => Error): void;
  isInitialized?: boolean;
}

const addon = require('better-sqlite3/build/Release/better_sqlite3.node') as SqliteAddon;
addon.setErrorConstructor(require('better-sqlite3/lib/sqlite-error'));
addon.isInitialized = true;
