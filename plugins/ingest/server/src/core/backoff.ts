/** When a source is fetched next: its interval when healthy, exponential backoff with jitter after failures. */
export const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;
const BASE_BACKOFF_MS = 60 * 1000;

/**
 * Delay before the next attempt after `failures` consecutive failures (>= 1): base·2^(n-1), capped at a
 * day, with "full jitter" over the upper half so instances that failed together do not retry together.
 * A Retry-After the server sent wins when it is longer (never beyond the cap). A source is never
 * stopped for good: the cap is a day, not infinity.
 */
export function backoffDelay(failures: number, retryAfterMs: number | null = null, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(failures));
  const exp = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.min(n - 1, 30));
  const jittered = Math.round(exp / 2 + random() * (exp / 2));
  const delay = Math.max(jittered, retryAfterMs ?? 0);
  return Math.min(MAX_BACKOFF_MS, delay);
}

/** The next poll for a healthy source: its interval, or a longer Retry-After. */
export function nextPollDelay(pollMinutes: number, retryAfterMs: number | null = null): number {
  return Math.min(MAX_BACKOFF_MS, Math.max(pollMinutes * 60_000, retryAfterMs ?? 0));
}

/** Retry-After: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
