/**
 * A busy database is a 503, not a freeze. Another process holds the write lock (SQLite:
 * BEGIN IMMEDIATE on the file; PostgreSQL: LOCK TABLE ... IN EXCLUSIVE MODE; MySQL: every row
 * and gap of the tables locked FOR UPDATE, so inserts wait too): a report and
 * an article write answer 503 with Retry-After in well under 2 s, in Strapi's error
 * format, storing nothing; /_health and reads are answered meanwhile; once the lock is
 * released the same writes succeed. An exhausted connection pool is a 503 as well.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { UID } from '@strapi/strapi';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { ROOT, startNashra, type Nashra } from '../helpers/strapi';
import { fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';

const CLIENT = process.env.DATABASE_CLIENT ?? 'sqlite';
const IS_PG = CLIENT === 'postgres';
const CLIENT_NAME = ({ postgres: 'PostgreSQL', mysql: 'MySQL' } as Record<string, string>)[CLIENT] ?? 'SQLite';
const WRITTEN_TABLES = ['plugin::moderation.report', 'plugin::moderation.media-state', 'plugin::moderation.rate-counter', 'api::article.article'];
const LOCK_TIMEOUT_MS = 1000;
const FAST_MS = 2000;

let app: Nashra;
let ed: ReturnType<typeof editor>;
let file: { id: number };
let article: { documentId: string };

beforeAll(async () => {
  app = await startNashra({
    env: {
      MODERATION_SECRET: 'p4O8i2U6y0T3r7E1w5Q9a3S7d1F5g9H3',
      TRUST_PROXY: 'true',
      DATABASE_LOCK_TIMEOUT: String(LOCK_TIMEOUT_MS),
      DATABASE_CONNECTION_TIMEOUT: '1000',
    },
  });
  ed = editor(app.http, await fullAccessToken(app.strapi));
  file = await ed.upload('busy.jpg', 60);
  article = await ed.create('articles', { title: 'خبر قبل القفل' }, '?locale=ar');
});

afterAll(async () => app?.stop());

const tableOf = (uid: string) => (app.strapi.db.metadata.get(uid) as { tableName: string }).tableName;

/** Another process holding the write lock until released. */
interface Holder {
  release: () => Promise<void>;
}

async function holdSqlite(filename: string): Promise<Holder> {
  const script = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3', { paths: [ROOT] }))});
    const db = new Database(${JSON.stringify(filename)});
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('LOCKED\\n');
    process.stdin.on('data', () => { db.exec('ROLLBACK'); db.close(); process.stdout.write('RELEASED\\n'); process.exit(0); });
  `;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  await waitForLine(child, 'LOCKED');
  return {
    release: async () => {
      const released = waitForLine(child, 'RELEASED');
      child.stdin!.write('go\n');
      await released;
    },
  };
}

async function holdPostgres(): Promise<Holder> {
  const client = new pg.Client({
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 5432),
    user: process.env.DATABASE_USERNAME ?? 'postgres',
    password: process.env.DATABASE_PASSWORD ?? '',
    database: process.env.DATABASE_NAME,
  });
  await client.connect();
  await client.query('BEGIN');
  // EXCLUSIVE: every write to these tables waits, reads go on.
  for (const uid of WRITTEN_TABLES) {
    await client.query(`LOCK TABLE "${tableOf(uid)}" IN EXCLUSIVE MODE`);
  }
  return {
    release: async () => {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

async function holdMysql(): Promise<Holder> {
  const connection = await mysql.createConnection({
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 3306),
    user: process.env.DATABASE_USERNAME ?? 'root',
    password: process.env.DATABASE_PASSWORD ?? '',
    database: process.env.DATABASE_NAME,
  });
  await connection.query('BEGIN');
  // A full scan FOR UPDATE takes every row and every gap (next-key locks): updates and inserts
  // wait on InnoDB row locks, which innodb_lock_wait_timeout bounds; plain reads go on.
  for (const uid of WRITTEN_TABLES) await connection.query(`SELECT id FROM \`${tableOf(uid)}\` FOR UPDATE`);
  return {
    release: async () => {
      await connection.query('ROLLBACK');
      await connection.end();
    },
  };
}

function waitForLine(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes(line)) {
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
}

const hold = () => (IS_PG ? holdPostgres() : CLIENT === 'mysql' ? holdMysql() : holdSqlite(process.env.DATABASE_FILENAME!));

const timed = async <T>(work: () => PromiseLike<T>) => {
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start };
};

const report = (fromIp: string) =>
  app.http().post('/api/moderation/reports').set('X-Forwarded-For', fromIp).send({ data: { file: file.id, reason: 'violence' } });
const rename = (title: string) => app.http().put(`/api/articles/${article.documentId}?locale=ar`).set(ed.auth).send({ data: { title } });

// any: a webhook body is whatever JSON the sender posted
function unavailable(res: { status: number; body: any; headers: Record<string, string> }) {
  assert.equal(res.status, 503, JSON.stringify(res.body).slice(0, 300));
  const retryAfter = Number(res.headers['retry-after']);
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 30, `Retry-After ${res.headers['retry-after']}`);
  assert.equal(res.body.data, null);
  assert.equal(res.body.error.status, 503);
  assert.equal(res.body.error.name, 'ServiceUnavailableError');
  assert.equal(typeof res.body.error.message, 'string');
}

const reportCount = () => app.strapi.db.query('plugin::moderation.report').count();

describe(`a write lock held by another process (${CLIENT_NAME})`, () => {
  let holder: Holder | null = null;
  afterAll(async () => holder?.release());

  it('a report answers 503 with Retry-After in under 2 s, and /_health answers meanwhile', async () => {
    holder = await hold();
    const before = await reportCount();
    const [write, health] = await Promise.all([timed(() => report('198.51.100.1')), timed(() => app.http().get('/_health'))]);
    console.log(`report: ${write.result.status} in ${write.ms.toFixed(0)} ms; /_health alongside: ${health.ms.toFixed(0)} ms`);
    unavailable(write.result);
    assert.ok(write.ms < FAST_MS, `report took ${write.ms.toFixed(0)} ms`);
    assert.equal(health.result.status, 204);
    assert.ok(health.ms < FAST_MS, `/_health took ${health.ms.toFixed(0)} ms`);
    assert.equal(await reportCount(), before);
  });

  it('an article write with an API token answers 503 too, and changes nothing', async () => {
    const { result, ms } = await timed(() => rename('عنوان لن يحفظ'));
    console.log(`article write: ${result.status} in ${ms.toFixed(0)} ms`);
    unavailable(result);
    assert.ok(ms < FAST_MS, `${ms.toFixed(0)} ms`);
    const read = await app.http().get(`/api/articles/${article.documentId}?locale=ar`);
    assert.equal(read.body.data.title, 'خبر قبل القفل');
  });

  it('the GraphQL report mutation answers 503 with Retry-After too', async () => {
    const res = await app
      .http()
      .post('/graphql')
      .set('X-Forwarded-For', '198.51.100.50')
      .send({ query: `mutation { reportMedia(file: "${file.id}", reason: "violence") { status } }` });
    assert.equal(res.status, 503, JSON.stringify(res.body).slice(0, 300));
    assert.ok(Number(res.headers['retry-after']) >= 1);
    assert.ok(Array.isArray(res.body.errors));
    assert.equal(res.body.errors[0].extensions.code, 'SERVICE_UNAVAILABLE');
    // Strapi copies a failed resolver's original error into the answer: here, the SQL and its values.
    assert.doesNotMatch(JSON.stringify(res.body), /insert into|select |SqliteError|moderation_/i);
  });

  it('a burst of writes does not queue: each is refused quickly, and /_health and reads go on', async () => {
    const writes = Array.from({ length: 6 }, (_, i) => timed(() => (i % 2 ? rename(`burst ${i}`) : report(`198.51.100.${10 + i}`))));
    const health = timed(() => app.http().get('/_health'));
    const read = timed(() => app.http().get('/api/articles?locale=ar'));
    const [w, h, r] = await Promise.all([Promise.all(writes), health, read]);
    console.log(`burst: writes ${w.map((x) => `${x.result.status}/${x.ms.toFixed(0)}ms`).join(' ')}; /_health ${h.ms.toFixed(0)} ms; read ${r.result.status}/${r.ms.toFixed(0)} ms`);
    for (const x of w) unavailable(x.result);
    // All six together well under the time one used to take (5 s each, one after the other).
    assert.ok(Math.max(...w.map((x) => x.ms)) < FAST_MS, 'burst');
    assert.equal(h.result.status, 204);
    assert.ok(h.ms < FAST_MS, `/_health ${h.ms.toFixed(0)} ms`);
    assert.equal(r.result.status, 200);
    assert.ok(r.ms < FAST_MS, `read ${r.ms.toFixed(0)} ms`);
  });

  it('once the lock is released, the same writes succeed and are stored', async () => {
    await holder!.release();
    holder = null;
    const deadline = Date.now() + 5000;
    let res = await report('198.51.100.1');
    while (res.status === 503 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, Number(res.headers['retry-after'] ?? 1) * 200));
      res = await report('198.51.100.1');
    }
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal((await rename('عنوان بعد القفل')).status, 200);
    const read = await app.http().get(`/api/articles/${article.documentId}?locale=ar`);
    assert.equal(read.body.data.title, 'عنوان بعد القفل');
    assert.equal(await app.strapi.db.query('plugin::moderation.report').count({ where: { fileId: file.id } }), 1);
  });
});

describe('no free connection in the pool', () => {
  // A report: its route has no auth step. (users-permissions' authenticate turns any error,
  // a pool timeout included, into "not authenticated", so a read there answers 401/403.)
  it('a request that cannot get a connection answers 503 with Retry-After, then the pool recovers', async () => {
    // any: knex's client type has no pool
    const size = (app.strapi.db.connection.client as any).pool.max as number;
    const held = await Promise.all(Array.from({ length: size }, () => app.strapi.db.connection.transaction()));
    const before = { reports: 0 };
    try {
      const { result, ms } = await timed(() => report('198.51.100.99'));
      console.log(`report without a connection: ${result.status} in ${ms.toFixed(0)} ms`);
      unavailable(result);
      assert.ok(ms < 1000 + FAST_MS, `${ms.toFixed(0)} ms`);
      assert.equal((await app.http().get('/_health')).status, 204);
    } finally {
      await Promise.all(held.map((trx) => trx.rollback()));
    }
    before.reports = await reportCount();
    assert.equal((await report('198.51.100.99')).status, 201);
    assert.equal(await reportCount(), before.reports + 1);
  });
});
