// npm test: builds what the tests boot (plugins, compiled TypeScript), then runs Jest
// (jest.config.cjs): the unit tests in parallel, then the API tests one file at a time (each
// API file boots its own Strapi on its own database). `npm test -- unit`, `-- api` or `-- e2e`
// runs one part (e2e: the browser tests, after a full `npm run build`). Anything else is
// passed to Jest: `npm test -- --coverage` (coverage/), `npm test -- tests/api/slugs.test.ts`
// (one file; its part is the folder it is in). DATABASE_CLIENT=postgres or mysql runs the API
// tests on the local PostgreSQL or MariaDB. NASHRA_SKIP_BUILD=true skips the build.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const PARTS = ['unit', 'api', 'e2e'];
const args = process.argv.slice(2);
const named = args.filter((a) => PARTS.includes(a));
const rest = args.filter((a) => !PARTS.includes(a));
// File paths choose their own part: tests/api/x.test.ts is an API test (plugins/*/tests/api too).
const files = rest.filter((a) => !a.startsWith('-') && /\.test\.ts$/.test(a));
const partOf = (file) => PARTS.find((p) => file.split(path.sep).join('/').includes(`tests/${p}/`));
const fromFiles = [...new Set(files.map(partOf).filter(Boolean))];
const wanted = named.length > 0 ? named : fromFiles.length > 0 ? fromFiles : ['unit', 'api'];
// Unknown values after an option (`--testNamePattern foo`) and non-test paths go to Jest as they are.
const passThrough = rest;

const run = (cmd, argv, env = {}) => {
  const result = spawnSync(cmd, argv, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (process.env.NASHRA_SKIP_BUILD !== 'true') {
  // The browser tests need the admin panel too; the API tests only the compiled server.
  if (wanted.includes('e2e')) run('npm', ['run', 'build', '--silent']);
  else if (wanted.includes('api')) {
    run('npm', ['run', 'build:plugins', '--silent']);
    run('node', ['scripts/compile.cjs']);
  }
}

const jest = (part, extra) =>
  run(
    process.execPath,
    [
      // Strapi's upload plugin imports the ESM-only file-type: Jest's vm needs this flag for it.
      '--experimental-vm-modules',
      '--disable-warning=ExperimentalWarning',
      path.join('node_modules', 'jest', 'bin', 'jest.js'),
      ...(part === 'unit' ? [] : ['--runInBand']),
      ...extra,
      // Last: it takes every value that follows it.
      '--selectProjects',
      part,
    ],
    { STRAPI_TELEMETRY_DISABLED: 'true' }
  );

// One Jest run per part, in order, so the unit tests run in parallel and the API tests do not.
// Coverage of several parts: each run writes coverage/<part>/.
const coverage = passThrough.includes('--coverage');
for (const part of wanted) {
  const mine = passThrough.filter((a) => !files.includes(a) || partOf(a) === part);
  jest(part, coverage && wanted.length > 1 ? [...mine, `--coverageDirectory=coverage/${part}`] : mine);
}
