import {
  ARABIC_ELONGATION,
  EMOJI,
  INVISIBLE,
  LATIN_SPECIAL,
  MARKS_AND_TATWEEL,
  PERSIAN_URDU_FOLDS,
  SEARCH_FOLDS,
  SEARCH_SEPARATOR_RUN,
  charFolder,
} from './chars';
import { toAsciiDigits } from './digits';

const foldPersianUrdu = charFolder(PERSIAN_URDU_FOLDS);
const foldSearchLetters = charFolder(SEARCH_FOLDS);
const foldLatinSpecial = charFolder(LATIN_SPECIAL);

/** Lower-cases and splits accented Latin letters into base + mark (the marks go with the others). */
function lowerLatin(text: string): string {
  return foldLatinSpecial(text.toLowerCase().replace(/\p{Script=Latin}/gu, (c) => c.normalize('NFD')));
}

/**
 * The steps slugs and search keys share: NFKC (folds presentation forms, ﻻ, ﷲ, full-width and
 * NBSP; also makes NFC and NFD input identical), emoji out, invisible marks out, Latin lower-cased
 * and de-accented, Persian/Urdu letters folded, ASCII digits, marks and tatweel removed.
 * Hamza forms, ة and ى survive this step (NFKC composes ا+U+0653 into آ before marks go).
 */
export function foldCommon(text: string): string {
  const composed = text.normalize('NFKC').replace(EMOJI, ' ').replace(INVISIBLE, '');
  return toAsciiDigits(foldPersianUrdu(lowerLatin(composed))).replace(MARKS_AND_TATWEEL, '');
}

/**
 * Search / de-duplication key: foldCommon, then hamza/alef/ى/ة folded, every run of non-letters
 * and non-digits (punctuation, symbols, whitespace) turned into one space, Arabic elongation
 * collapsed, trimmed. Idempotent.
 *
 * Elongation: a run of 3+ identical Arabic letters becomes one (جمييييل -> جميل). Two identical
 * letters are kept, because Arabic has them legitimately (ممتاز, تتويج, للاعب). Latin runs are
 * left alone: "book" must stay, and so must Roman numerals (Louis XIII is not Louis XI) and "www".
 */
export function normalizeForSearch(text: string): string {
  return foldSearchLetters(foldCommon(text))
    .replace(SEARCH_SEPARATOR_RUN, ' ')
    .replace(ARABIC_ELONGATION, '$1')
    .trim();
}
