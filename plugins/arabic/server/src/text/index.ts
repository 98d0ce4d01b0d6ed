export { normalizeForSearch } from './normalize';
export { slugify, isValidSlug, SLUG_MAX_LENGTH, type SlugifyOptions } from './slug';
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
