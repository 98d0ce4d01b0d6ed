import { SLUG_SEPARATOR_RUN } from './chars';
import { foldCommon } from './normalize';

export const SLUG_MAX_LENGTH = 80;

export interface SlugifyOptions {
  /** Maximum length in code points (default 80). */
  maxLength?: number;
}

const codePoints = (s: string): number => [...s].length;

/** Keeps whole words while they fit; a first word longer than the limit is cut at the limit. */
function cutAtWordBoundary(slug: string, max: number): string {
  if (codePoints(slug) <= max) return slug;
  let out = '';
  for (const word of slug.split('-')) {
    const next = out ? `${out}-${word}` : word;
    if (codePoints(next) > max) break;
    out = next;
  }
  return out || [...slug].slice(0, max).join('');
}

/**
 * Arabic slug (API.md "Arabic slugs"): NFKC; invisible marks, tashkeel, Quranic marks and tatweel
 * dropped; ک -> ك, ی/ے -> ي; ASCII digits; Latin lower-cased and de-accented; hamza forms, ة, ى and
 * ڤ ڭ ڨ پ چ گ kept; emoji dropped; every run of anything else becomes one '-'; cut at a word
 * boundary to maxLength code points. Marks are gone before the cut, so it can never separate a
 * letter from its shadda. Returns '' when nothing is left: the caller then uses the document id.
 */
export function slugify(text: string, options: SlugifyOptions = {}): string {
  const { maxLength = SLUG_MAX_LENGTH } = options;
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new RangeError(`slugify: maxLength must be a positive integer, got ${maxLength}`);
  }
  const slug = foldCommon(text).replace(SLUG_SEPARATOR_RUN, '-').replace(/^-|-$/g, '');
  return cutAtWordBoundary(slug, maxLength);
}

/** True iff s is a non-empty slug of at most SLUG_MAX_LENGTH code points that slugify leaves as is. */
export function isValidSlug(s: string): boolean {
  return typeof s === 'string' && s !== '' && codePoints(s) <= SLUG_MAX_LENGTH && slugify(s) === s;
}

/**
 * The n-th candidate for a slug that is taken: `${base}-${n}` (n >= 2), the base cut at a word
 * boundary first when base and suffix together would pass maxLength, so every candidate is itself
 * a valid slug. n = 1 is the base itself.
 */
export function slugWithSuffix(base: string, n: number, maxLength: number = SLUG_MAX_LENGTH): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`slugWithSuffix: n must be a positive integer, got ${n}`);
  if (n === 1) return base;
  const suffix = `-${n}`;
  const room = maxLength - suffix.length;
  if (room < 1) throw new RangeError(`slugWithSuffix: no room for ${suffix} in ${maxLength} code points`);
  return `${cutAtWordBoundary(base, room).replace(/-+$/, '')}${suffix}`;
}
