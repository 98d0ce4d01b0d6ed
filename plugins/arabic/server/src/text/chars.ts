/**
 * Character tables shared by the normalizer, the slugger and the date parser.
 * Every table lives here once; the other modules import them.
 */

/** Pictographs, skin tones, flags (regional indicators), tag sequences and keycaps like 1️⃣ (its digit included). */
export const EMOJI =
  /[#*0-9]\uFE0F?\u20E3|[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u{E0020}-\u{E007F}]/gu;

/**
 * Invisible characters: the listed zero-width/bidi marks (ZWSP, ZWNJ, ZWJ, LRM, RLM, embeddings and
 * overrides, isolates, ALM, BOM, soft hyphen) plus the rest of Default_Ignorable_Code_Point
 * (word joiner, variation selectors, Hangul fillers...), which a reader cannot see either.
 */
export const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF\u00AD\p{Default_Ignorable_Code_Point}]/gu;

/**
 * Marks removed from keys and slugs: every combining mark (tashkeel U+064B–065F, Latin accents once
 * decomposed, ...), the Arabic ranges U+0610–061A, U+0670, U+06D6–06ED (which also hold non-mark
 * Quranic signs such as U+06DE and the small waw/yeh U+06E5–06E6), and tatweel U+0640, which Unicode
 * classes as a letter (Lm) but is only a stretch.
 */
export const MARKS_AND_TATWEEL = /[\p{M}\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/gu;

/** Arabic-Indic U+0660–0669 and Extended (Persian/Urdu) Arabic-Indic U+06F0–06F9 digits. */
export const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
export const ARABIC_INDIC_ZERO = 0x0660;
export const EXTENDED_ARABIC_INDIC_ZERO = 0x06f0;

/** Arabic number punctuation: ٫ decimal separator, ٬ thousands separator, ٪ percent. */
export const NUMBER_SIGNS: Readonly<Record<string, string>> = { '\u066B': '.', '\u066C': ',', '\u066A': '%' };

/** Latin letters that have no canonical decomposition, so NFD + mark stripping cannot fold them. */
export const LATIN_SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i', ħ: 'h',
};

/**
 * Persian/Urdu letters typed by Persian keyboards or copied from Urdu text, folded to the Arabic
 * letter a reader takes them for. Applied to slugs and search keys alike.
 */
export const PERSIAN_URDU_FOLDS: Readonly<Record<string, string>> = {
  'ک': 'ك', // U+06A9 keheh
  'ی': 'ي', // U+06CC Farsi yeh
  'ے': 'ي', // U+06D2 yeh barree
  'ۓ': 'ئ', // U+06D3 yeh barree with hamza
  'ۀ': 'ه', // U+06C0 heh with yeh above
  'ھ': 'ه', // U+06BE heh doachashmee
  'ہ': 'ه', // U+06C1 heh goal
  'ۂ': 'ه', // U+06C2 heh goal with hamza
  'ۃ': 'ة', // U+06C3 teh marbuta goal
};

/** Search-only folds: hamza carriers, alef variants, alef maqsura and ta marbuta. Slugs keep these. */
export const SEARCH_FOLDS: Readonly<Record<string, string>> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا',
  'ؤ': 'و',
  'ئ': 'ي',
  'ى': 'ي',
  'ة': 'ه',
};

/** A run of characters a slug cannot hold: anything but a-z, 0-9 and Arabic-script letters (tatweel is script Common). */
export const SLUG_SEPARATOR_RUN = /(?:(?![a-z0-9]|(?=\p{L})\p{Script=Arabic})[\s\S])+/gu;

/** A run of characters a search key cannot hold: anything but letters and digits of any script. */
export const SEARCH_SEPARATOR_RUN = /[^\p{L}\p{N}]+/gu;

/** An Arabic letter written three or more times in a row (elongation: جمييييل). */
export const ARABIC_ELONGATION = /((?=\p{L})\p{Script=Arabic})\1{2,}/gu;

/** Builds a single-pass replacer for a character table. */
export function charFolder(table: Readonly<Record<string, string>>): (text: string) => string {
  const pattern = new RegExp(`[${Object.keys(table).join('')}]`, 'gu');
  return (text) => text.replace(pattern, (c) => table[c] ?? c);
}
