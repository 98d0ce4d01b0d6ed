/**
 * A database of its own for a test file or a benchmark run: a new SQLite file under .tmp/,
 * or a new PostgreSQL (DATABASE_CLIENT=postgres) or MySQL/MariaDB (DATABASE_CLIENT=mysql) database;
 * `drop` removes it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import mysql from 'mysql2/promise';

export interface ScratchDatabase {
  /** The DATABASE_* variables that point Nashra at it. */
  env: Record<string, string>;
  drop: () => Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');

const pgAdmin = () =>
  new pg.Client({
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 5432),
    user: process.env.DATABASE_USERNAME ?? 'postgres',
    password: process.env.DATABASE_PASSWORD ?? '',
    database: 'postgres',
  });

async function pgQuery(sql: string) {
  const client = pgAdmin();
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function mysqlQuery(sql: string) {
  const connection = await mysql.createConnection({
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 3306),
    user: process.env.DATABASE_USERNAME ?? 'root',
    password: process.env.DATABASE_PASSWORD ?? '',
  });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const id = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = process.env.DATABASE_CLIENT ?? 'sqlite';
  if (client === 'postgres') {
    await pgQuery(`CREATE DATABASE ${id} ENCODING 'UTF8' TEMPLATE template0`);
    return { env: { DATABASE_CLIENT: 'postgres', DATABASE_NAME: id }, drop: () => pgQuery(`DROP DATABASE IF EXISTS ${id} WITH (FORCE)`) };
  }
  if (client === 'mysql') {
    await mysqlQuery(`CREATE DATABASE ${id} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    return { env: { DATABASE_CLIENT: 'mysql', DATABASE_NAME: id }, drop: () => mysqlQuery(`DROP DATABASE IF EXISTS ${id}`) };
  }
  if (client !== 'sqlite') throw new Error(`Scratch databases are sqlite, postgres or mysql, not ${client}`);
  const file = path.join(ROOT, '.tmp', 'scratch', `${id}.db`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return {
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file },
    drop: async () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
    },
  };
}
