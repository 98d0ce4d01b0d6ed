export { normalizeForSearch } from './normalize';
export { slugify, isValidSlug, slugWithSuffix, SLUG_MAX_LENGTH, type SlugifyOptions } from './slug';
export { blocksToText } from './blocks';
export { toAsciiDigits } from './digits';
export {
  formatAttributionDate,
  attributionLabel,
  parseArabicDate,
  type AttributionDateOptions,
  type AttributionLabelInput,
  type AttributionLocale,
  type AttributionCalendar,
  type NumberingSystem,
} from './dates';
