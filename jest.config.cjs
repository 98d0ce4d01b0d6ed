// Jest: what `npm test` runs (scripts/test.mjs). TypeScript through SWC, no type-check here
// (`npx tsc -p tests/tsconfig.json --noEmit` does that). Projects: unit (in parallel, fast),
// api and e2e (one file at a time: each API file boots its own Strapi on its own database).
// Run it through scripts/test.mjs, which adds --experimental-vm-modules (Strapi's upload
// plugin imports the ESM-only file-type at run time).
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};
const project = (name, roots, setup = []) => ({
  displayName: name,
  testEnvironment: '<rootDir>/tests/setup/environment.cjs',
  transform,
  testMatch: roots.map((r) => `<rootDir>/${r}/**/*.test.ts`),
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.tmp/'],
  setupFilesAfterEnv: ['<rootDir>/tests/helpers/native-modules.ts', ...setup],
  // linkedom (feed ingestion) is CommonJS but requires ESM-only packages of its own: compile those.
  transformIgnorePatterns: ['^(?!.*/(?:linkedom/node_modules|cssomnom)/).*/node_modules/'],
});
const slow = ['<rootDir>/tests/setup/slow.ts'];
module.exports = {
  projects: [
    project('unit', ['tests/unit', 'plugins/ingest/tests/unit', 'plugins/moderation/tests/unit']),
    project('api', ['tests/api', 'plugins/ingest/tests/api'], slow),
    project('e2e', ['tests/e2e'], slow),
  ],
  coverageDirectory: '<rootDir>/coverage',
  collectCoverageFrom: ['src/**/*.ts', 'plugins/*/server/src/**/*.ts', 'scripts/**/*.ts', '!**/*.d.ts'],
};
