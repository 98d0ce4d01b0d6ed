/** An item's date: RFC 822 (RSS), ISO 8601 (Atom, JSON Feed), or an Arabic date (the arabic plugin's parser). */
import { parseArabicDate } from '../../../../arabic/server/src/text/dates';
import { toAsciiDigits } from '../../../../arabic/server/src/text/digits';

const RFC822 = /^(?:[A-Za-z]{3},?\s*)?\d{1,2}\s+[A-Za-z]{3,}\s+\d{2,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*(?:[A-Za-z]{1,5}|[+-]\d{4}))?$/;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const FRENCH_MONTHS: Record<string, string> = { janv: 'Jan', févr: 'Feb', fevr: 'Feb', mars: 'Mar', avr: 'Apr', mai: 'May', juin: 'Jun', juil: 'Jul', août: 'Aug', aout: 'Aug', sept: 'Sep', oct: 'Oct', nov: 'Nov', déc: 'Dec', dec: 'Dec' };
const MAX_FUTURE_MS = 2 * 24 * 3600 * 1000;

export interface ItemDate {
  date: Date | null;
  /** Set when the feed's date was unreadable, or in the future and clamped to now. */
  warning: string | null;
}

/**
 * Reads `text` (falling back to `parsed`, feedparser's own reading). A wall-clock time without a
 * zone is read in the source's zone; a date more than two days ahead is a feed's mistake and is
 * clamped to `now`; a missing date stays null (the caller uses the fetch time).
 */
export function parseItemDate(text: string | null, parsed: Date | null, timeZone: string, now: Date = new Date()): ItemDate {
  let date: Date | null = null;
  let warning: string | null = null;
  const t = text ? toAsciiDigits(text).replace(/\s+/g, ' ').trim() : '';
  if (t) {
    if (ISO.test(t) && /[T ]\d{2}:\d{2}/.test(t) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(t)) {
      date = parseArabicDate(t.replace(' ', 'T'), { timeZone });
    } else if (ISO.test(t)) {
      date = /^\d{4}-\d{2}-\d{2}$/.test(t) ? parseArabicDate(t, { timeZone }) : new Date(t);
    } else if (RFC822.test(t)) {
      const d = new Date(t.replace(/\b(UT)\b/, 'GMT'));
      date = Number.isNaN(d.getTime()) ? null : d;
    }
    if (!date) {
      const fr = t.toLowerCase().replace(/\b(janv|f[ée]vr|mars|avr|mai|juin|juil|ao[uû]t|sept|oct|nov|d[ée]c)[a-zéû]*\.?/g, (m, k: string) => FRENCH_MONTHS[k.normalize('NFC')] ?? m);
      if (fr !== t.toLowerCase()) {
        const d = new Date(fr.replace(/^(lun|mar|mer|jeu|ven|sam|dim)[a-z.]*,?\s*/, ''));
        if (!Number.isNaN(d.getTime())) date = d;
      }
    }
    if (!date) date = parseArabicDate(t, { timeZone });
  }
  if (!date && parsed && !Number.isNaN(parsed.getTime())) date = parsed;
  if (!date && t) warning = `unreadable date "${t.slice(0, 60)}"`;
  if (date && (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1990)) {
    warning = `implausible date "${t.slice(0, 60)}"`;
    date = null;
  }
  if (date && date.getTime() - now.getTime() > MAX_FUTURE_MS) {
    warning = `date in the future "${t.slice(0, 60)}" taken as now`;
    date = new Date(now);
  }
  return { date, warning };
}
