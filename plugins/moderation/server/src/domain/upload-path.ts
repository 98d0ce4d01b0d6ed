/**
 * Which file a request path makes Strapi's static servers read, as a key to compare with the
 * keys of hidden files. Both servers (the upload plugin's `/uploads/(.*)` route and
 * strapi::public's catch-all) are koa-static over `public/`, and koa-send turns `ctx.path`
 * into a file this way: drop the leading `/`, percent-decode once, join under the root and
 * normalize (so `//`, `.` and `..` segments collapse). A guard that compares the raw path
 * sees `/uploads//a.jpg`, `/x/../uploads/a.jpg` or `/%75ploads/a.jpg` as other files; the
 * file server does not. The key errs on the side of hiding:
 * - every decoding depth counts, not only the first (a proxy in front may decode once more);
 * - the path is resolved twice, with `/` as the only separator (POSIX: `\` is a letter and
 *   `\/..` climbs out of a folder named `\`) and with `\` as one too (Windows);
 * - each segment is folded as case-insensitive file systems (macOS, Windows) fold it: NFC,
 *   lower case, trailing dots and spaces and an NTFS `::$DATA` stream suffix dropped.
 * A visible file only collides with a hidden one when their names differ by that folding
 * alone; Strapi's names carry a random hash, so that does not happen by accident.
 */

/** At most this many percent-decoding rounds; further rounds of a longer chain gain nothing koa-send would do. */
const MAX_DECODINGS = 4;

const POSIX = /\/+/;
const WINDOWS = /[\\/]+/;

function foldSegment(segment: string): string {
  return segment
    .normalize('NFC')
    .toLowerCase()
    .replace(/::\$data$/, '')
    .replace(/[. ]+$/, '');
}

/** The folded path relative to the public root, resolved as koa-send resolves it ("uploads/a.jpg"). */
export function fileKey(decodedPath: string, separators: RegExp = POSIX): string {
  const out: string[] = [];
  for (const raw of decodedPath.split(separators)) {
    // A folded segment that is empty or a dot segment resolves the way the file system would: to
    // nothing, or one level up (a path cannot climb above the root: koa-send refuses it, and
    // clamping here only adds a candidate).
    if (raw === '' || raw === '.') continue;
    if (raw === '..') {
      out.pop();
      continue;
    }
    const folded = foldSegment(raw);
    if (folded === '') continue;
    out.push(folded);
  }
  return out.join('/');
}

/** The path itself and each successive percent-decoding of it, until it stops changing or stops decoding. */
export function decodings(path: string): string[] {
  const out = [path];
  let current = path;
  for (let i = 0; i < MAX_DECODINGS && current.includes('%'); i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      break;
    }
    if (next === current) break;
    out.push(next);
    current = next;
  }
  return out;
}

/** The keys of every file this request path could make a static server read. */
export function requestFileKeys(requestPath: string): string[] {
  const keys = new Set<string>();
  for (const decoded of decodings(requestPath)) {
    keys.add(fileKey(decoded, POSIX));
    keys.add(fileKey(decoded, WINDOWS));
  }
  return [...keys];
}

/**
 * Cheap first test: false when no spelling of this path can name a file under `uploads/`.
 * Reaching one needs the letters of "uploads" in the path, or an escape that could spell them.
 */
export function mayNameUpload(requestPath: string): boolean {
  return requestPath.includes('%') || /uploads/i.test(requestPath);
}

/**
 * The key of a stored file URL: `/uploads/a.jpg` or an absolute URL on the local server
 * (rich text keeps those). Null when the URL has no path (not a local file).
 */
export function urlFileKey(url: string): string | null {
  let path = url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) {
    try {
      path = new URL(url, 'http://localhost').pathname;
    } catch {
      return null;
    }
  }
  path = path.split(/[?#]/)[0];
  if (!path.startsWith('/')) return null;
  const key = fileKey(decodings(path).at(-1) ?? path);
  return key === '' ? null : key;
}
