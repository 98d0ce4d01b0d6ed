/**
 * No state leaks between test files: a child Jest runs two files in one process, in order;
 * the first sets process.env and global.strapi, the second must see neither.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'isolation');

interface JestReport {
  success: boolean;
  numPassedTests: number;
  testResults: Array<{ name: string; status: string; startTime: number }>;
}

describe('test files are isolated', () => {
  it('an environment variable and global.strapi set in one file are absent in the next', () => {
    const config = {
      rootDir: ROOT,
      testEnvironment: path.join(ROOT, 'tests', 'setup', 'environment.cjs'),
      transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
      testMatch: [`${FIXTURES}/*.check.ts`],
      testSequencer: path.join(FIXTURES, 'sequencer.cjs'),
    };
    const child = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--runInBand', '--ci', '--json', '--config', JSON.stringify(config)],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NASHRA_ISOLATION_PROBE: undefined } }
    );
    const report = JSON.parse(child.stdout) as JestReport;
    const order = [...report.testResults].sort((a, b) => a.startTime - b.startTime).map((r) => [path.basename(r.name), r.status]);
    expect(order).toEqual([
      ['1-leaves.check.ts', 'passed'],
      ['2-finds-nothing.check.ts', 'passed'],
    ]);
    expect(report.success).toBe(true);
    expect(report.numPassedTests).toBe(2);
  });
});
