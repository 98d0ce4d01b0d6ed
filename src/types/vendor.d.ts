/**
 * Declarations for the untyped packages the app imports, written for the parts it uses
 * (neither package ships types, and @types/* for them are not installed).
 */

declare module 'better-sqlite3' {
  /** A better-sqlite3 connection: src/lib/sqlite-busy.ts opens one as its lock probe. */
  interface Database {
    readonly open: boolean;
    pragma(source: string, options?: { simple?: boolean }): unknown;
    prepare(source: string): { run(...params: unknown[]): unknown; get(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] };
    exec(source: string): Database;
    close(): Database;
  }
  interface DatabaseConstructor {
    new (filename: string, options?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number }): Database;
  }
  const Database: DatabaseConstructor;
  export default Database;
}

declare module 'koa-bodyparser' {
  import type { Middleware } from 'koa';
  interface Options {
    enableTypes?: Array<'json' | 'form' | 'text' | 'xml'>;
    jsonLimit?: string | number;
    formLimit?: string | number;
    textLimit?: string | number;
    strict?: boolean;
  }
  function bodyParser(options?: Options): Middleware;
  export default bodyParser;
}
