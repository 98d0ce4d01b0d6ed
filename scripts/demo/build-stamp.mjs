// What `npm run demo` must rebuild: a hash of the sources of each part (plugins, server, admin
// panel), compared with the hashes of the last build. Plain Node: it runs before `npm ci`.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SKIP = new Set(['node_modules', 'dist', '.cache', '.strapi', '.tmp', 'build']);

function filesUnder(entry) {
  if (!fs.existsSync(entry)) return [];
  if (fs.statSync(entry).isFile()) return [entry];
  return fs
    .readdirSync(entry, { withFileTypes: true })
    .filter((d) => !SKIP.has(d.name))
    .flatMap((d) => filesUnder(path.join(entry, d.name)));
}

/** One hash of the paths and contents of everything under `entries`. */
export function hashOf(entries) {
  const hash = createHash('sha256');
  for (const file of [...new Set(entries.flatMap(filesUnder))].sort()) {
    hash.update(file).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

// The server is built from src/ but for the admin entry, which only the admin panel build reads.
const appSources = fs.existsSync('src') ? fs.readdirSync('src').filter((n) => n !== 'admin').map((n) => path.join('src', n)) : [];
const plugins = fs.existsSync('plugins') ? fs.readdirSync('plugins').map((p) => path.join('plugins', p)) : [];
const pluginSources = plugins.flatMap((p) => [path.join(p, 'admin'), path.join(p, 'server'), path.join(p, 'package.json')]);

/**
 * Each part, in build order: the sources it is built from, the outputs that must exist, and how to build it.
 * The admin panel is built from the app's admin entry and the plugins' admin code (which imports
 * their server text rules); the server from everything else Strapi compiles.
 */
export const PARTS = [
  {
    name: 'plugins',
    sources: [...pluginSources, 'package-lock.json'],
    outputs: plugins.map((p) => path.join(p, 'dist')),
    build: ['npm', ['run', 'build:plugins', '--silent']],
  },
  {
    name: 'admin panel',
    sources: ['src/admin', ...pluginSources, 'config/admin.ts', 'config/server.ts', 'package-lock.json'],
    outputs: ['dist/build/index.html'],
    // strapi build compiles the server too: after it, the server part is up to date as well.
    build: ['npx', ['strapi', 'build']],
    alsoBuilds: ['server'],
  },
  {
    name: 'server',
    sources: [...appSources, 'config', 'database', 'tsconfig.json', 'package-lock.json'],
    outputs: ['dist/src/index.js', 'dist/config'],
    build: ['node', ['scripts/compile.cjs']],
  },
];

export const STAMP_FILE = path.join('.tmp', 'demo-build-stamp.json');

export function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(STAMP_FILE, 'utf8'));
  } catch {
    return {};
  }
}

export function writeStamp(stamp) {
  fs.mkdirSync(path.dirname(STAMP_FILE), { recursive: true });
  fs.writeFileSync(STAMP_FILE, JSON.stringify(stamp, null, 2) + '\n');
}

/** The parts whose sources changed since the stamp (or whose outputs are missing), with their new hashes. */
export function staleParts(stamp = readStamp()) {
  return PARTS.map((part) => ({ part, hash: hashOf(part.sources) })).filter(
    ({ part, hash }) => stamp[part.name] !== hash || part.outputs.some((o) => !fs.existsSync(o))
  );
}
