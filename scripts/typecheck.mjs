// npm run typecheck: type-checks every TypeScript project of the repository and fails when
//   - a project has type errors;
//   - a project turns `strict` or `noImplicitAny` off (as resolved, `extends` included);
//   - an expected project is missing (tests/, scripts/, each plugin's server/ and admin/);
//   - a .ts/.tsx file of src, config, database, plugins, tests or scripts is in no project.
// Each project is checked with `tsc --noEmit --incremental`, its build info under
// .tmp/tsbuildinfo/, so a second run only re-checks what changed.
// The app's project reads the plugins' declarations (dist/…/*.d.ts, what their package.json
// `types` point at): plugins whose declarations are missing are built first.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const INFO_DIR = path.join(ROOT, '.tmp', 'tsbuildinfo');
/** The directories whose every .ts/.tsx file must belong to a project. */
const COVERED = ['src', 'config', 'database', 'plugins', 'tests', 'scripts'];
/** Never source: build output and dependencies. */
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', '.cache', '.tmp', '.strapi']);

const rel = (file) => path.relative(ROOT, file).split(path.sep).join('/');
const exists = (file) => fs.existsSync(path.join(ROOT, file));

/** The projects: fixed ones, then each plugin's server/, admin/ and shared/ (required when the folder exists, shared/ only if it has a tsconfig). */
function projects() {
  const wanted = ['tsconfig.json', 'src/admin/tsconfig.json', 'scripts/tsconfig.json', 'tests/tsconfig.json'];
  const missing = [];
  for (const plugin of fs.readdirSync(path.join(ROOT, 'plugins')).sort()) {
    for (const side of ['server', 'admin']) {
      if (exists(`plugins/${plugin}/${side}`)) wanted.push(`plugins/${plugin}/${side}/tsconfig.json`);
    }
    if (exists(`plugins/${plugin}/shared/tsconfig.json`)) wanted.push(`plugins/${plugin}/shared/tsconfig.json`);
  }
  const found = wanted.filter((p) => exists(p) || (missing.push(p), false));
  return { found, missing };
}

function tsc(args) {
  return spawnSync(process.execPath, [TSC, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Builds the plugins whose declared `types` files are missing (the app's project imports them). */
function ensurePluginDeclarations() {
  const stale = [];
  for (const plugin of fs.readdirSync(path.join(ROOT, 'plugins')).sort()) {
    const pkgFile = path.join(ROOT, 'plugins', plugin, 'package.json');
    if (!fs.existsSync(pkgFile)) continue;
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    // Only the sides set up to emit declarations (a tsconfig.build.json, as strapi-plugin build wants).
    const missing = Object.entries(pkg.exports ?? {})
      .filter(([, e]) => typeof e === 'object' && e.types && !fs.existsSync(path.join(ROOT, 'plugins', plugin, e.types)))
      .filter(([key]) => exists(`plugins/${plugin}/${key.replace(/^\.\/strapi-/, '')}/tsconfig.build.json`));
    if (missing.length > 0) stale.push(plugin);
  }
  for (const plugin of stale) {
    console.log(`typecheck: building plugins/${plugin} first (its declarations are missing)`);
    const built = spawnSync('npm', ['run', 'build', '-w', `plugins/${plugin}`], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
}

function sourceFiles() {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path.join(dir, entry.name));
      } else if (/\.tsx?$/.test(entry.name)) out.push(rel(path.join(dir, entry.name)));
    }
  };
  for (const dir of COVERED) if (exists(dir)) walk(path.join(ROOT, dir));
  return out.sort();
}

const failures = [];
const { found, missing } = projects();
for (const p of missing) failures.push(`${p} is missing: the files under ${path.posix.dirname(p)}/ are in no strict project`);

ensurePluginDeclarations();

const inProjects = new Set();
const started = Date.now();
for (const project of found) {
  const shown = tsc(['-p', project, '--showConfig']);
  if (shown.status !== 0) {
    failures.push(`${project}: tsc --showConfig failed\n${shown.stdout}${shown.stderr}`);
    continue;
  }
  const options = JSON.parse(shown.stdout).compilerOptions ?? {};
  if (options.strict !== true) failures.push(`${project}: "strict" must be true (it is ${options.strict ?? 'unset'})`);
  if (options.noImplicitAny === false) failures.push(`${project}: "noImplicitAny" must not be false`);

  const info = path.join(INFO_DIR, `${project.replace(/\/?tsconfig\.json$/, '').replace(/\//g, '-') || 'root'}.tsbuildinfo`);
  const t0 = Date.now();
  const run = tsc(['-p', project, '--noEmit', '--incremental', '--tsBuildInfoFile', info, '--listFiles', '--pretty', 'false']);
  const lines = `${run.stdout}${run.stderr}`.split('\n');
  const errors = [];
  for (const line of lines) {
    if (path.isAbsolute(line) && fs.existsSync(line)) inProjects.add(rel(line));
    else if (line.trim() !== '') errors.push(line);
  }
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (run.status !== 0 || errors.length > 0) {
    failures.push(`${project}: type errors\n${errors.map((l) => `  ${l}`).join('\n')}`);
    console.log(`✗ ${project} (${seconds} s)`);
  } else {
    console.log(`✓ ${project} (${seconds} s)`);
  }
}

const orphans = sourceFiles().filter((file) => !inProjects.has(file));
if (orphans.length > 0) {
  failures.push(`${orphans.length} file(s) in no project (add them to a tsconfig's include):\n${orphans.map((f) => `  ${f}`).join('\n')}`);
}

const total = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  console.error(`\ntypecheck failed (${total} s):\n\n${failures.join('\n\n')}`);
  process.exit(1);
}
console.log(`typecheck: ${found.length} projects, ${inProjects.size} files, strict and noImplicitAny everywhere (${total} s)`);
