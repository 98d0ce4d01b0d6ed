// npm test: builds what the tests boot (plugins, compiled TypeScript), then runs the unit
// tests and the API tests with Node's test runner (`npm run test:e2e`: the browser tests), one file at a time (each API file boots
// its own Strapi on its own database). `npm test -- unit` or `-- api` runs one part.
// DATABASE_CLIENT=postgres runs the API tests on the local PostgreSQL.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const parts = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const wanted = parts.length > 0 ? parts : ['unit', 'api'];
const run = (cmd, args, env = {}) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const files = (dir) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true })
        .filter((f) => /\.test\.ts$/.test(f))
        .map((f) => path.join(dir, f))
        .sort()
    : [];

const testFiles = wanted.flatMap((part) => files(path.join('tests', part)));
if (testFiles.length === 0) {
  console.error(`No test files for: ${wanted.join(', ')}`);
  process.exit(1);
}

if (process.env.NASHRA_SKIP_BUILD !== 'true') {
  // The browser tests need the admin panel too; the API tests only the compiled server.
  if (wanted.includes('e2e')) run('npm', ['run', 'build', '--silent']);
  else if (wanted.includes('api')) {
    run('npm', ['run', 'build:plugins', '--silent']);
    run('node', ['scripts/compile.cjs']);
  }
}

run(
  'node',
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=600000', ...testFiles],
  { STRAPI_TELEMETRY_DISABLED: 'true' }
);
