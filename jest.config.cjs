// Jest, for the move off node:test (the project's design names Jest, as do Strapi's testing
// docs). Not used by `npm test` yet: scripts/test.mjs still runs node:test until the suite is
// converted. TypeScript through SWC (no type-check here: `npm run typecheck` does that).
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};
const project = (name, roots) => ({
  displayName: name,
  testEnvironment: 'node',
  transform,
  testMatch: roots.map((r) => `<rootDir>/${r}/**/*.test.ts`),
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.tmp/'],
  // linkedom (feed ingestion) is CommonJS but requires ESM-only packages of its own: compile those.
  transformIgnorePatterns: ['^(?!.*/(?:linkedom/node_modules|cssomnom)/).*/node_modules/'],
});
module.exports = {
  projects: [
    project('unit', ['tests/unit', 'plugins/ingest/tests/unit']),
    project('api', ['tests/api', 'plugins/ingest/tests/api']),
    project('e2e', ['tests/e2e']),
  ],
};
