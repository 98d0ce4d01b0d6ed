import { afterAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { createSqliteBusyGuard } from '../../../src/lib/sqlite-busy';

const dir = path.resolve(__dirname, '..', '..', '..', '.tmp', 'scratch');
fs.mkdirSync(dir, { recursive: true });
const files: string[] = [];
afterAll(() => {
  for (const f of files) for (const s of ['', '-wal', '-shm', '-journal']) fs.rmSync(f + s, { force: true });
});

function scratch() {
  const filename = path.join(dir, `busy_${process.pid}_${randomBytes(4).toString('hex')}.db`);
  files.push(filename);
  const setup = new Database(filename);
  setup.exec('CREATE TABLE t (v INTEGER)');
  setup.close();
  return filename;
}

const timedWrite = (db: InstanceType<typeof Database>) => {
  const start = performance.now();
  try {
    db.prepare('INSERT INTO t (v) VALUES (1)').run();
    return { ok: true, ms: performance.now() - start, code: null as string | null };
  } catch (error) {
    return { ok: false, ms: performance.now() - start, code: (error as { code: string }).code };
  }
};

const until = async (check: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return check();
};

describe('the SQLite busy guard', () => {
  it('switches a new connection to WAL with the bounded wait', () => {
    const filename = scratch();
    const guard = createSqliteBusyGuard({ filename, timeoutMs: 300 });
    const db = new Database(filename);
    guard.attach(db);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('busy_timeout', { simple: true }), 300);
    assert.equal(guard.holding, false);
    db.close();
  });

  it('waits the lock timeout once, then refuses at once until the lock is free, then waits again', async () => {
    const filename = scratch();
    const guard = createSqliteBusyGuard({ filename, timeoutMs: 300, probeMs: 50 });
    const db = new Database(filename);
    guard.attach(db);
    const holder = new Database(filename);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const first = timedWrite(db);
      assert.equal(first.ok, false);
      assert.equal(first.code, 'SQLITE_BUSY');
      assert.ok(first.ms >= 250 && first.ms < 1500, `first write waited ${first.ms.toFixed(0)} ms`);

      guard.tripped();
      assert.equal(guard.holding, true);
      for (let i = 0; i < 5; i++) {
        const next = timedWrite(db);
        assert.equal(next.code, 'SQLITE_BUSY');
        assert.ok(next.ms < 50, `a write while held waited ${next.ms.toFixed(0)} ms`);
      }
      // A connection the pool opens meanwhile does not wait either.
      const late = new Database(filename);
      guard.attach(late);
      assert.equal(late.pragma('busy_timeout', { simple: true }), 0);
      late.close();
      // Reads go on (WAL).
      assert.equal(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM t').get()?.n, 0);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(guard.holding, true, 'still held: the probe must not clear it');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    assert.ok(await until(() => !guard.holding, 2000), 'the probe sees the lock free');
    assert.equal(db.pragma('busy_timeout', { simple: true }), 300);
    assert.equal(timedWrite(db).ok, true);
    guard.reset();
    db.close();
  });

  it('a lock timeout of 0 never trips (there is no wait to save)', () => {
    const guard = createSqliteBusyGuard({ filename: scratch(), timeoutMs: 0 });
    guard.tripped();
    assert.equal(guard.holding, false);
  });
});
