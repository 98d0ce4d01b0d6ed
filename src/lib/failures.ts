/**
 * Which failures of a request are expected, and what the client should be told.
 *
 * Pure: looks only at the error object (and its `cause` chain, since services wrap
 * driver errors). Two kinds are expected:
 * - the database is busy: a lock another connection holds (SQLite's SQLITE_BUSY, a
 *   PostgreSQL lock_timeout, a deadlock or serialization failure, MySQL's lock wait) or
 *   no free connection in the pool. The transaction was rolled back, so nothing of the
 *   request is stored: a 503 with Retry-After says "send it again".
 * - a client error a library threw with a 4xx status (a malformed JSON body, a body over
 *   the size limit): the client's doing, worth one line in the log, not a stack.
 */

export type Failure =
  | { kind: 'busy'; reason: string; retryAfterSeconds: number; sqlite: boolean }
  | { kind: 'client'; status: number; name: string; message: string };

/** PostgreSQL SQLSTATEs meaning "another transaction is in the way" or "no connection now". */
const PG_BUSY: Record<string, string> = {
  '55P03': 'lock not available (lock_timeout)',
  '40P01': 'deadlock detected',
  '40001': 'serialization failure',
  '53300': 'too many connections',
  '57P03': 'the database cannot accept connections yet',
};
/** MySQL error numbers with the same meaning. */
const MYSQL_BUSY: Record<number, string> = { 1205: 'lock wait timeout', 1213: 'deadlock' };

/** A lock clears in a moment; an exhausted pool needs the load to drop first. */
export const RETRY_AFTER_LOCK_SECONDS = 1;
export const RETRY_AFTER_POOL_SECONDS = 5;

const MAX_CAUSES = 5;

function* causes(error: unknown): Generator<Record<string, any>> {
  let current: unknown = error;
  for (let i = 0; i < MAX_CAUSES && current && typeof current === 'object'; i++) {
    yield current as Record<string, any>;
    current = (current as { cause?: unknown }).cause;
  }
}

export function busyDatabase(error: unknown): Extract<Failure, { kind: 'busy' }> | null {
  for (const e of causes(error)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      return { kind: 'busy', reason: code, retryAfterSeconds: RETRY_AFTER_LOCK_SECONDS, sqlite: true };
    }
    if (Object.hasOwn(PG_BUSY, code)) {
      const pool = code === '53300' || code === '57P03';
      return { kind: 'busy', reason: `${code} ${PG_BUSY[code]}`, retryAfterSeconds: pool ? RETRY_AFTER_POOL_SECONDS : RETRY_AFTER_LOCK_SECONDS, sqlite: false };
    }
    if (typeof e.errno === 'number' && Object.hasOwn(MYSQL_BUSY, e.errno) && typeof e.sqlState === 'string') {
      return { kind: 'busy', reason: `${e.errno} ${MYSQL_BUSY[e.errno]}`, retryAfterSeconds: RETRY_AFTER_LOCK_SECONDS, sqlite: false };
    }
    if (e.name === 'KnexTimeoutError') {
      return { kind: 'busy', reason: 'no free database connection (pool acquire timeout)', retryAfterSeconds: RETRY_AFTER_POOL_SECONDS, sqlite: false };
    }
  }
  return null;
}

/** Status names as http-errors spells them, for errors that carry only a number. */
const STATUS_NAMES: Record<number, string> = {
  400: 'BadRequestError',
  404: 'NotFoundError',
  405: 'MethodNotAllowedError',
  406: 'NotAcceptableError',
  411: 'LengthRequiredError',
  413: 'PayloadTooLargeError',
  414: 'URITooLongError',
  415: 'UnsupportedMediaTypeError',
  422: 'UnprocessableEntityError',
};

export function clientError(error: unknown): Extract<Failure, { kind: 'client' }> | null {
  if (!error || typeof error !== 'object') return null;
  const e = error as Record<string, any>;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : NaN;
  if (!Number.isInteger(status) || status < 400 || status > 499 || e.expose === false) return null;
  const name = typeof e.name === 'string' && /^[A-Z][A-Za-z]*Error$/.test(e.name) && e.name !== 'SyntaxError' && e.name !== 'Error' ? e.name : (STATUS_NAMES[status] ?? 'BadRequestError');
  return { kind: 'client', status, name, message: oneLine(typeof e.message === 'string' && e.message ? e.message : name) };
}

export function classifyFailure(error: unknown): Failure | null {
  return busyDatabase(error) ?? clientError(error);
}

/** A message fit for one log line and a client: no line breaks, bounded. */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
