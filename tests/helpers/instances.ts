/** Starts Nashra child processes on one shared test database (see nashra-process.ts). */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import supertest from 'supertest';
import { ROOT, type TestDatabase } from './strapi';

export interface Instance {
  url: string;
  token?: string;
  admin?: { email: string; password: string };
  http: () => supertest.Agent;
  stop: () => Promise<void>;
  /** Kills the process with SIGKILL, as a crash would: nothing is flushed or closed. Resolves once it is gone. */
  crash: () => Promise<void>;
}

export function startInstance(database: TestDatabase, env: Record<string, string>, extra: Record<string, string> = {}): Promise<Instance> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests', 'helpers', 'nashra-process.ts')], {
    cwd: ROOT,
    env: { ...process.env, NASHRA_CHILD_DB: JSON.stringify(database.env), NASHRA_CHILD_ENV: JSON.stringify(env), ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stderr!.on('data', (d) => (errors += d));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const crash = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      output += d;
      const line = output.split('\n').find((l) => l.startsWith('NASHRA_READY '));
      if (!line) return;
      output = '';
      const ready = JSON.parse(line.slice('NASHRA_READY '.length));
      resolve({ ...ready, http: () => supertest.agent(ready.url), stop, crash });
    });
    child.once('exit', (code) => reject(new Error(`Nashra child exited with ${code} before it was ready:\n${errors.slice(-3000)}`)));
  });
}
