// Jest for the whole suite (the project's design names it, and so do Strapi's testing docs).
// TypeScript through SWC (no type-check here: `npm run typecheck` does that). API and browser
// test files each boot their own Strapi on their own database, so they run one file at a
// time (`--runInBand`, set by scripts/test.mjs); each file gets its own module registry,
// globals and copy of process.env, so nothing leaks from one file to the next.
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};
const project = (name, roots, timeout) => ({
  displayName: name,
  testEnvironment: 'node',
  transform,
  testMatch: roots.map((r) => `<rootDir>/${r}/**/*.test.ts`),
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.tmp/'],
  ...(timeout ? { testTimeout: timeout } : {}),
});
module.exports = {
  projects: [
    project('unit', ['tests/unit', 'plugins/ingest/tests/unit']),
    project('api', ['tests/api', 'plugins/ingest/tests/api']),
    project('e2e', ['tests/e2e']),
  ],
};
