/**
 * Declarations for the untyped packages the scripts import, written for the parts they use
 * (neither ships types, and their @types/* packages are not installed).
 */

declare module 'autocannon' {
  namespace autocannon {
    interface Options {
      url: string;
      method?: string;
      body?: string | Buffer;
      headers?: Record<string, string>;
      /** Request sequences (a body or headers per request); autocannon's own shape is loose. */
      requests?: unknown[];
      connections?: number;
      duration?: number;
    }
    interface Histogram {
      average: number;
      total: number;
      p50: number;
      p99: number;
    }
    interface Result {
      requests: Histogram;
      latency: Histogram;
      errors: number;
      timeouts: number;
      non2xx: number;
    }
  }
  function autocannon(options: autocannon.Options, callback: (error: Error | null, result: autocannon.Result) => void): unknown;
  export default autocannon;
}

declare module 'pg' {
  class Client {
    constructor(config: { host?: string; port?: number; user?: string; password?: string; database?: string });
    connect(): Promise<void>;
    query(sql: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
    end(): Promise<void>;
  }
  const pg: { Client: typeof Client };
  export default pg;
}
