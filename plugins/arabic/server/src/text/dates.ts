import { toAsciiDigits } from './digits';
import { normalizeForSearch } from './normalize';
import { type WallClock, wallClockToInstant } from './zone';

export type AttributionLocale = 'ar' | 'fr' | 'en';
export type AttributionCalendar = 'gregory' | 'islamic-umalqura';
export type NumberingSystem = 'latn' | 'arab';

export interface AttributionDateOptions {
  timeZone?: string;
  calendar?: AttributionCalendar;
  /** Days added before a Hijri date is formatted (sighting may lag Umm al-Qura by 1-2 days). */
  hijriDayOffset?: number;
  locale?: AttributionLocale;
  numberingSystem?: NumberingSystem;
}

export interface AttributionLabelInput {
  sourceName?: string | null;
  date?: Date | string | null;
  locale: AttributionLocale;
  timeZone?: string;
}

export const DEFAULT_TIME_ZONE = 'Africa/Casablanca';
const DAY_MS = 86_400_000;

const LABELS: Record<AttributionLocale, { published: string; on: string }> = {
  ar: { published: 'نشر في', on: 'يوم' },
  fr: { published: 'Publié dans', on: 'le' },
  en: { published: 'Published in', on: 'on' },
};

/**
 * The one month-name dictionary: the four regional families (index = month - 1) and the spellings
 * that fit none of them. Keys are matched through normalizeForSearch, so hamza-less (ابريل, اغسطس,
 * اذار, ايلول, اب) and other folded spellings need no entry of their own.
 */
const MONTH_FAMILIES: readonly (readonly string[])[] = [
  ['يناير', 'فبراير', 'مارس', 'أبريل', 'ماي', 'يونيو', 'يوليوز', 'غشت', 'شتنبر', 'أكتوبر', 'نونبر', 'دجنبر'], // Morocco
  ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'], // Egypt, Gulf
  ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'], // Levant, Iraq
  ['جانفي', 'فيفري', 'مارس', 'أفريل', 'ماي', 'جوان', 'جويلية', 'أوت', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'], // Algeria, Tunisia
];
const MONTH_VARIANTS: readonly (readonly [string, number])[] = [
  ['إبريل', 4], ['مايس', 5], ['يونيه', 6], ['يوليه', 7], // Egyptian press, Iraq
];

const MONTHS: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  const add = (name: string, month: number): void => {
    const key = normalizeForSearch(name);
    if (map.has(key) && map.get(key) !== month) throw new Error(`month name ${name} is ambiguous`);
    map.set(key, month);
  };
  for (const family of MONTH_FAMILIES) family.forEach((name, i) => add(name, i + 1));
  for (const [name, month] of MONTH_VARIANTS) add(name, month);
  return map;
})();

/** Words that may precede a date and carry nothing the parser needs ("يوم الخميس، ..."). */
const DATE_PREFIXES = new Set(
  ['يوم', 'الأحد', 'الاثنين', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'].map(normalizeForSearch),
);
/** Words that may follow the year: "م" / "ميلادي" (Common Era). */
const ERA_SUFFIXES = new Set(['م', 'ميلادي', 'ميلادية'].map(normalizeForSearch));
const AM = new Set(['ص', 'صباحا', 'صباحًا', 'am'].map(normalizeForSearch));
const PM = new Set(['م', 'مساء', 'مساءً', 'مساءا', 'pm'].map(normalizeForSearch));

function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new RangeError(`${name} must be one of ${allowed.join(', ')}, got ${value}`);
  return value as T;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function isValidDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A Date, an ISO instant, or a date-only "YYYY-MM-DD" (a Strapi `date` field), which is a calendar
 * day, not an instant: it is taken as midnight in timeZone so it never shifts a day when formatted.
 */
function toDate(input: Date | string, timeZone: string): Date | null {
  if (input instanceof Date) return Number.isNaN(input.getTime()) ? null : new Date(input.getTime());
  if (typeof input !== 'string') return null;
  const day = DATE_ONLY.exec(input.trim());
  if (day) {
    const [year, month, date] = day.slice(1).map(Number) as [number, number, number];
    if (!isValidDay(year, month, date)) return null;
    return new Date(wallClockToInstant({ year, month, day: date, hour: 0, minute: 0, second: 0 }, timeZone));
  }
  const ms = Date.parse(input);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/**
 * Formatters by locale, time zone and shape: building one costs far more than formatting with it,
 * and a list formats a date per article. Time zones come from sources, so the map stays small; the
 * bound only keeps a stream of odd zones from growing it.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 500;

type Shape = 'gregory' | 'hijri';
const SHAPES: Record<Shape, Intl.DateTimeFormatOptions> = {
  gregory: { day: '2-digit', month: '2-digit', year: 'numeric' },
  hijri: { day: '2-digit', month: 'long', year: 'numeric', era: 'short' },
};

function dateParts(date: Date, locale: string, timeZone: string, shape: Shape): Record<string, string> {
  const key = `${locale}|${timeZone}|${shape}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone, ...SHAPES[shape] }); // throws on an unknown zone: nothing cached
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, format);
  }
  const parts: Record<string, string> = {};
  for (const { type, value } of format.formatToParts(date)) parts[type] = value;
  return parts;
}

/**
 * The date of the attribution line. Gregorian (default): "dd - MM - yyyy" in timeZone
 * (default Africa/Casablanca). 'islamic-umalqura': "dd month yyyy era" ("16 ربيع الآخر 1436 هـ"),
 * month and era in the locale's words, after shifting the instant by hijriDayOffset days (ignored
 * for Gregorian). Digits are Latin unless numberingSystem is 'arab'. Throws RangeError on an
 * invalid date, time zone or option.
 */
export function formatAttributionDate(date: Date | string, options: AttributionDateOptions = {}): string {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const calendar = oneOf(options.calendar ?? 'gregory', ['gregory', 'islamic-umalqura'], 'calendar');
  const locale = oneOf(options.locale ?? 'ar', ['ar', 'fr', 'en'], 'locale');
  const nu = oneOf(options.numberingSystem ?? 'latn', ['latn', 'arab'], 'numberingSystem');
  const offset = options.hijriDayOffset ?? 0;
  if (!Number.isInteger(offset)) throw new RangeError(`hijriDayOffset must be an integer, got ${offset}`);
  const instant = toDate(date, timeZone);
  if (!instant) throw new RangeError(`Invalid date: ${String(date)}`);

  if (calendar === 'gregory') {
    const p = dateParts(instant, `${locale}-u-ca-gregory-nu-${nu}`, timeZone, 'gregory');
    return `${p.day} - ${p.month} - ${p.year}`;
  }
  const shifted = new Date(instant.getTime() + offset * DAY_MS);
  const p = dateParts(shifted, `${locale}-u-ca-islamic-umalqura-nu-${nu}`, timeZone, 'hijri');
  return `${p.day} ${p.month} ${p.year} ${p.era}`;
}

/**
 * "نشر في {source} يوم dd - MM - yyyy" and its French/English counterparts; without a usable date
 * (missing or invalid) just "نشر في {source}". Returns null when there is no source name, since
 * there is then nothing to attribute. The name is inserted as is (trimmed): templates isolate it
 * with <bdi> when an Arabic name sits in a French/English line.
 */
export function attributionLabel({ sourceName, date, locale, timeZone = DEFAULT_TIME_ZONE }: AttributionLabelInput): string | null {
  const words = LABELS[oneOf(locale, ['ar', 'fr', 'en'], 'locale')];
  const name = typeof sourceName === 'string' ? sourceName.trim() : '';
  if (!name) return null;
  const when = date == null || date === '' ? null : toDate(date, timeZone);
  return when
    ? `${words.published} ${name} ${words.on} ${formatAttributionDate(when, { timeZone })}`
    : `${words.published} ${name}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(z|[+-]\d{2}:?\d{2})?$/i;
/** hh:mm[:ss], then the next word, which is consumed only if it is an AM/PM marker. */
const TIME = /(?<!\d)((\d{1,2}):(\d{2})(?::(\d{2}))?)(?!\d)(?:\s*([\p{L}\p{M}\u0640]+))?/u;

interface TimeOfDay { hour: number; minute: number; second: number }

/** Validated 24-hour time, applying a trailing AM/PM word (ص / م) when there is one. */
function toTime(h: number, minute: number, second: number, meridiem: 'am' | 'pm' | null): TimeOfDay | null {
  if (minute > 59 || second > 59) return null;
  if (!meridiem) return h <= 23 ? { hour: h, minute, second } : null;
  if (h < 1 || h > 12) return null;
  return { hour: (h % 12) + (meridiem === 'pm' ? 12 : 0), minute, second };
}

function fromIso(m: RegExpExecArray, timeZone: string): Date | null {
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((v) => (v === undefined ? undefined : Number(v)));
  if (year! < 1000 || !isValidDay(year!, month!, day!) || hour > 23 || minute > 59 || second > 59) return null;
  const w: WallClock = { year: year!, month: month!, day: day!, hour, minute, second };
  const zone = m[7];
  if (!zone) return new Date(wallClockToInstant(w, timeZone));
  const offsetMin = zone.toLowerCase() === 'z' ? 0
    : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  return new Date(Date.UTC(w.year, w.month - 1, w.day, hour, minute, second) - offsetMin * 60_000);
}

/**
 * Parses a feed date, day first: "05 - 02 - 2015", "5/2/2015", "2015-02-05" (ISO, with optional time
 * and offset), "2015/02/05", or "5 فبراير 2015" with any of the four regional month-name families,
 * in either digit set, after an optional "يوم" / weekday (not checked against the date: feeds get it
 * wrong more often than the date), with an optional "م" after the year and an optional "10:30"
 * (24-hour, or 12-hour followed by ص / م). A wall-clock time is read in options.timeZone (default
 * Africa/Casablanca); an ISO offset wins over it. Returns null for anything else, impossible dates
 * included (31 - 02 - 2015), and for Hijri dates and two-digit years. An unknown time zone throws.
 */
export function parseArabicDate(text: string, options: { timeZone?: string } = {}): Date | null {
  if (typeof text !== 'string') return null;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const ascii = toAsciiDigits(text).trim();
  const iso = ISO.exec(ascii);
  if (iso) return fromIso(iso, timeZone);

  let time: TimeOfDay | null = { hour: 0, minute: 0, second: 0 };
  let rest = ascii;
  const t = TIME.exec(ascii);
  if (t) {
    const word = t[5] ? normalizeForSearch(t[5]) : '';
    const meridiem = AM.has(word) ? 'am' : PM.has(word) ? 'pm' : null;
    const end = t.index + (meridiem ? t[0] : t[1]!).length;
    time = toTime(Number(t[2]), Number(t[3]), Number(t[4] ?? 0), meridiem);
    rest = `${ascii.slice(0, t.index)} ${ascii.slice(end)}`;
  }
  if (!time) return null;

  const tokens = normalizeForSearch(rest).replace(/(?<=\d)(?=\p{L})|(?<=\p{L})(?=\d)/gu, ' ').split(' ').filter(Boolean);
  while (tokens.length && DATE_PREFIXES.has(tokens[0]!)) tokens.shift();
  if (tokens.length && ERA_SUFFIXES.has(tokens[tokens.length - 1]!)) tokens.pop();
  if (tokens.length < 3 || tokens.length > 4) return null;

  const first = tokens[0]!;
  const last = tokens[tokens.length - 1]!;
  const middle = tokens.slice(1, -1).join(' ');
  let year: number, month: number, day: number;
  if (/^\d{4}$/.test(first) && /^\d{1,2}$/.test(middle) && /^\d{1,2}$/.test(last)) {
    [year, month, day] = [Number(first), Number(middle), Number(last)];
  } else if (/^\d{1,2}$/.test(first) && /^\d{4}$/.test(last) && (/^\d{1,2}$/.test(middle) || MONTHS.has(middle))) {
    [day, month, year] = [Number(first), MONTHS.get(middle) ?? Number(middle), Number(last)];
  } else {
    return null;
  }
  if (year < 1000 || !isValidDay(year, month, day)) return null;
  return new Date(wallClockToInstant({ year, month, day, ...time }, timeZone));
}
