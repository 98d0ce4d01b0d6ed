import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RETRY_AFTER_LOCK_SECONDS, RETRY_AFTER_POOL_SECONDS, classifyFailure, oneLine, type Failure } from '../../../src/lib/failures';

const withProps = (message: string, props: Record<string, unknown>, name = 'Error') => Object.assign(Object.assign(new Error(message), { name }), props);

describe('classifyFailure: a busy database', () => {
  const busy: Array<[string, unknown, number]> = [
    ['SQLITE_BUSY (better-sqlite3)', withProps('database is locked', { code: 'SQLITE_BUSY' }, 'SqliteError'), RETRY_AFTER_LOCK_SECONDS],
    ['SQLITE_BUSY_SNAPSHOT', withProps('database is locked', { code: 'SQLITE_BUSY_SNAPSHOT' }, 'SqliteError'), RETRY_AFTER_LOCK_SECONDS],
    ['SQLITE_LOCKED', withProps('database table is locked', { code: 'SQLITE_LOCKED' }, 'SqliteError'), RETRY_AFTER_LOCK_SECONDS],
    ['PostgreSQL lock_timeout (55P03)', withProps('canceling statement due to lock timeout', { code: '55P03', severity: 'ERROR' }), RETRY_AFTER_LOCK_SECONDS],
    ['PostgreSQL deadlock (40P01)', withProps('deadlock detected', { code: '40P01' }), RETRY_AFTER_LOCK_SECONDS],
    ['PostgreSQL serialization failure (40001)', withProps('could not serialize access', { code: '40001' }), RETRY_AFTER_LOCK_SECONDS],
    ['PostgreSQL too many connections (53300)', withProps('sorry, too many clients already', { code: '53300' }), RETRY_AFTER_POOL_SECONDS],
    ['MySQL lock wait timeout (1205)', withProps('Lock wait timeout exceeded', { errno: 1205, sqlState: 'HY000', code: 'ER_LOCK_WAIT_TIMEOUT' }), RETRY_AFTER_LOCK_SECONDS],
    ['knex pool acquire timeout', withProps('Knex: Timeout acquiring a connection. The pool is probably full.', {}, 'KnexTimeoutError'), RETRY_AFTER_POOL_SECONDS],
    ['a driver error wrapped by a service', new Error('report failed', { cause: withProps('database is locked', { code: 'SQLITE_BUSY' }) }), RETRY_AFTER_LOCK_SECONDS],
  ];
  for (const [what, error, retryAfter] of busy) {
    it(what, () => {
      const failure = classifyFailure(error);
      assert.equal(failure?.kind, 'busy');
      if (failure?.kind === 'busy') assert.equal(failure.retryAfterSeconds, retryAfter);
    });
  }

  it('only SQLite busy errors trip the SQLite guard', () => {
    assert.equal((classifyFailure(withProps('x', { code: 'SQLITE_BUSY' })) as Extract<Failure, { kind: 'busy' }>).sqlite, true);
    assert.equal((classifyFailure(withProps('x', { code: '55P03' })) as Extract<Failure, { kind: 'busy' }>).sqlite, false);
  });

  const notBusy: Array<[string, unknown]> = [
    ['a constraint violation', withProps('UNIQUE constraint failed', { code: 'SQLITE_CONSTRAINT_UNIQUE' })],
    ['a PostgreSQL unique violation', withProps('duplicate key', { code: '23505' })],
    ['a syntax error in SQL', withProps('syntax error', { code: '42601' })],
    ['a plain TypeError', new TypeError('x is undefined')],
    ['a code inherited from the prototype chain', withProps('x', { code: 'constructor' })],
    ['null', null],
    ['a string', 'SQLITE_BUSY'],
  ];
  for (const [what, error] of notBusy) {
    it(`not ${what}`, () => assert.notEqual(classifyFailure(error)?.kind, 'busy'));
  }

  it('stops after a few causes (a cycle cannot hang it)', () => {
    const a: Error = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    assert.equal(classifyFailure(a), null);
  });
});

describe('classifyFailure: a client error thrown by a library', () => {
  it('a malformed JSON body (co-body: SyntaxError with status 400)', () => {
    const error = withProps("Unexpected token '}' in JSON at position 9", { status: 400, body: '{"a":1,}' }, 'SyntaxError');
    assert.deepEqual(classifyFailure(error), { kind: 'client', status: 400, name: 'BadRequestError', message: "Unexpected token '}' in JSON at position 9" });
  });

  it('a body over the limit (raw-body: 413, expose)', () => {
    const error = withProps('request entity too large', { status: 413, statusCode: 413, expose: true, type: 'entity.too.large' }, 'PayloadTooLargeError');
    assert.deepEqual(classifyFailure(error), { kind: 'client', status: 413, name: 'PayloadTooLargeError', message: 'request entity too large' });
  });

  it('never a 5xx, never an error its thrower said not to expose, never one without a status', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 999 }), fc.boolean(), fc.string(), (status, expose, message) => {
        const failure = classifyFailure(withProps(message, { status, expose }));
        const expected = status >= 400 && status <= 499 && expose;
        return expected ? failure?.kind === 'client' && failure.status === status : failure === null;
      }),
    );
    assert.equal(classifyFailure(new Error('boom')), null);
  });

  it('the message is one bounded line whatever the library wrote', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (message) => {
        const failure = classifyFailure(withProps(message, { status: 400 }));
        return failure?.kind === 'client' && !/[\r\n]/.test(failure.message) && failure.message.length <= 201;
      }),
    );
    assert.equal(oneLine('a\n   at b\n  at c'), 'a at b at c');
  });
});
