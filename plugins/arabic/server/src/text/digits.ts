import { ARABIC_INDIC_ZERO, EASTERN_DIGITS, EXTENDED_ARABIC_INDIC_ZERO, NUMBER_SIGNS, charFolder } from './chars';

const foldNumberSigns = charFolder(NUMBER_SIGNS);

/**
 * Converts Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹) digits to 0-9, and the Arabic number
 * punctuation to its ASCII counterpart: ٫ -> '.', ٬ -> ',', ٪ -> '%'. The separators are transliterated,
 * not deleted, so "١٬٥٠٠٫٧٥" reads "1,500.75" and nothing is lost. Everything else is unchanged.
 * (Search keys and slugs then treat '.', ',' and '%' as separators, like any punctuation.)
 */
export function toAsciiDigits(text: string): string {
  return foldNumberSigns(
    text.replace(EASTERN_DIGITS, (d) => {
      const cp = d.charCodeAt(0);
      return String(cp - (cp >= EXTENDED_ARABIC_INDIC_ZERO ? EXTENDED_ARABIC_INDIC_ZERO : ARABIC_INDIC_ZERO));
    }),
  );
}
