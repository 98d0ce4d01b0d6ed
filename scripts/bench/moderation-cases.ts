/**
 * Benchmark case for the lead's autocannon bench: POST /api/moderation/reports, each
 * request from a different reader. Readers come from 198.18.0.0/15, the range set aside
 * for benchmarks (RFC 2544), one address per request, so neither the one-report-per-
 * reporter rule nor the per-reporter rate limit turns the bench into a 200/429 bench.
 * The server must run with TRUST_PROXY=true (the address travels in X-Forwarded-For).
 * With MODERATION_ENABLED=false the route does not exist: that run is the stock baseline.
 */

export interface ModerationReportCaseOptions {
  /** Files to report (ids or documentIds), used round robin. Upload them before the run. */
  files: ReadonlyArray<number | string>;
  reasons?: readonly string[];
  /** Offset of the first reader, so two runs on one database do not reuse readers. */
  firstReader?: number;
}

export interface AutocannonRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

const READERS = 1 << 17; // 198.18.0.0/15

/** The n-th benchmark reader's address: 198.18.0.0 + n, wrapping inside the /15. */
export function benchReaderIp(n: number): string {
  const i = ((n % READERS) + READERS) % READERS;
  return `198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
}

/**
 * An autocannon `requests` entry: `setupRequest` gives every request its own reader and
 * a valid body. Usage: autocannon({ url, requests: [moderationReportCase({ files })] }).
 */
export function moderationReportCase(options: ModerationReportCaseOptions) {
  const { files, reasons = ['violence', 'nudity', 'hate', 'misleading'], firstReader = 0 } = options;
  if (files.length === 0) throw new Error('moderationReportCase needs at least one file');
  let n = firstReader;
  const next = (): AutocannonRequest => {
    const i = n++;
    return {
      method: 'POST',
      path: '/api/moderation/reports',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': benchReaderIp(i) },
      body: JSON.stringify({ data: { file: files[i % files.length], reason: reasons[i % reasons.length] } }),
    };
  };
  return {
    title: 'moderation: report an image',
    method: 'POST' as const,
    path: '/api/moderation/reports',
    setupRequest: (request: Record<string, unknown>) => ({ ...request, ...next() }),
    /** The same requests without autocannon, e.g. for a warm-up or a test. */
    next,
  };
}
