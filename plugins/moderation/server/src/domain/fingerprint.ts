/**
 * The fingerprint of a picture that survives re-encoding and resizing: a 64-bit difference
 * hash of its 9x8 greyscale thumbnail (which neighbour is brighter, row by row) plus its mean
 * colour. A blocked picture's fingerprint is kept; an upload whose fingerprint is the same
 * picture's is hidden on upload. The colour matters: two pictures of one layout in other
 * colours (a template, a chart) share a difference hash.
 */

export const GRID_WIDTH = 9;
export const GRID_HEIGHT = 8;

export interface Fingerprint {
  /** 16 hex digits: the difference hash. */
  hash: string;
  /** Mean red, green, blue, 0..255. */
  color: readonly [number, number, number];
}

export interface SameOptions {
  /** Bits the two hashes may differ by (re-encoding flips a few). */
  maxDistance?: number;
  /** How far each mean channel may move (re-encoding shifts it slightly). */
  maxColorDelta?: number;
}

/** The difference hash of a 9x8 greyscale grid (72 values, row-major). */
export function differenceHash(gray: ArrayLike<number>): string {
  if (gray.length !== GRID_WIDTH * GRID_HEIGHT) throw new RangeError(`differenceHash needs ${GRID_WIDTH * GRID_HEIGHT} values, got ${gray.length}`);
  let hex = '';
  for (let y = 0; y < GRID_HEIGHT; y++) {
    let byte = 0;
    for (let x = 0; x < GRID_WIDTH - 1; x++) {
      byte = (byte << 1) | (gray[y * GRID_WIDTH + x] < gray[y * GRID_WIDTH + x + 1] ? 1 : 0);
    }
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length) throw new RangeError('hashes of different lengths');
  let bits = 0;
  for (let i = 0; i < a.length; i += 2) {
    let x = parseInt(a.slice(i, i + 2), 16) ^ parseInt(b.slice(i, i + 2), 16);
    while (x) {
      bits += x & 1;
      x >>= 1;
    }
  }
  return bits;
}

/**
 * A flat or almost flat picture has almost no bits set (or all of them): its hash says
 * nothing, and matching on it would hide every plain banner once one is blocked.
 */
export function isInformative(fp: Fingerprint): boolean {
  const ones = hammingDistance(fp.hash, '0'.repeat(fp.hash.length));
  return ones >= 6 && ones <= 58;
}

export function samePicture(a: Fingerprint, b: Fingerprint, options: SameOptions = {}): boolean {
  const { maxDistance = 8, maxColorDelta = 24 } = options;
  if (!isInformative(a) || !isInformative(b)) return false;
  if (a.color.some((c, i) => Math.abs(c - b.color[i]) > maxColorDelta)) return false;
  return hammingDistance(a.hash, b.hash) <= maxDistance;
}

const ENCODED = /^([0-9a-f]{16}):([0-9a-f]{6})$/;

/** How a fingerprint is stored (the media state's `phash` column): `<hash>:<rrggbb>`. */
export function encodeFingerprint(fp: Fingerprint): string {
  return `${fp.hash}:${fp.color.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

export function decodeFingerprint(text: unknown): Fingerprint | null {
  const m = typeof text === 'string' ? ENCODED.exec(text) : null;
  if (!m) return null;
  const color = [0, 2, 4].map((i) => parseInt(m[2].slice(i, i + 2), 16)) as [number, number, number];
  return { hash: m[1], color };
}

/** The first blocked fingerprint that is the same picture as `candidate`, if any. */
export function findSamePicture<T extends { fingerprint: Fingerprint }>(candidate: Fingerprint, blocked: readonly T[], options?: SameOptions): T | null {
  return blocked.find((b) => samePicture(candidate, b.fingerprint, options)) ?? null;
}
