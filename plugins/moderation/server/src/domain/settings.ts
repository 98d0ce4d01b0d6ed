/**
 * Moderation settings: their shape, safe defaults, and the one validator used both at
 * boot (environment) and by the admin settings API, so both reject the same things.
 */
import { DEFAULT_REASONS, LOCALES, MARKUP_CHARS, type ReportReason } from './reasons';
import { INVISIBLE } from '../../../../arabic/server/src/text/chars';

export interface ModerationSettings {
  /** Distinct reporters within the window that hide a file. */
  readonly threshold: number;
  /** Distinct networks (IPv4 /24, IPv6 /48) those reporters must come from to hide. */
  readonly minNetworks: number;
  /** How many days a report keeps counting. */
  readonly windowDays: number;
  /** Reports one reporter may send, across all files and instances. */
  readonly rateLimit: { readonly perMinute: number; readonly perDay: number };
  readonly reasons: readonly ReportReason[];
}

/** The settings without the reasons: what the plugin's config gives as defaults. */
export type RuleAndRateSettings = Omit<ModerationSettings, 'reasons'>;

export const DEFAULT_SETTINGS: ModerationSettings = Object.freeze({
  threshold: 3,
  minNetworks: 2,
  windowDays: 7,
  rateLimit: Object.freeze({ perMinute: 10, perDay: 50 }),
  reasons: DEFAULT_REASONS,
});

/** One problem in an input; `path` names the field, e.g. `reasons[2].labels.fr`. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: ValidationIssue[] };

export const REASON_CODE = /^[a-z][a-z0-9-]{1,31}$/;
export const MAX_REASONS = 30;
export const MAX_LABEL_LENGTH = 80;

const MAX = { threshold: 1000, windowDays: 365, perMinute: 10_000, perDay: 1_000_000 } as const;

/** C0 and C1 controls and DEL: invisible in the admin panel and never part of a label. */
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

type NumberField = 'threshold' | 'minNetworks' | 'windowDays' | 'perMinute' | 'perDay';
type Numbers = Record<NumberField, unknown>;

/**
 * Range rules for the numeric settings, shared by the object and the environment forms.
 * Two bounds depend on another setting (minNetworks <= threshold, perDay >= perMinute);
 * `nameOf` lets the message name that setting the way the caller's user knows it.
 */
function numberIssues(values: Numbers, nameOf: (field: NumberField) => string): Array<{ field: NumberField; message: string }> {
  const issues: Array<{ field: NumberField; message: string }> = [];
  const check = (field: NumberField, min: number, max: number, minLabel = `${min}`, maxLabel = `${max}`): boolean => {
    if (isWhole(values[field], min, max)) return true;
    issues.push({ field, message: `must be a whole number from ${minLabel} to ${maxLabel}` });
    return false;
  };
  const thresholdOk = check('threshold', 1, MAX.threshold);
  if (thresholdOk) {
    const threshold = values.threshold as number;
    check('minNetworks', 1, threshold, '1', `${nameOf('threshold')} (${threshold})`);
  } else {
    check('minNetworks', 1, MAX.threshold);
  }
  check('windowDays', 1, MAX.windowDays);
  if (check('perMinute', 1, MAX.perMinute)) {
    const perMinute = values.perMinute as number;
    check('perDay', perMinute, MAX.perDay, `${nameOf('perMinute')} (${perMinute})`);
  } else {
    check('perDay', 1, MAX.perDay);
  }
  return issues;
}

function isWhole(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** JSON-style object: rejects arrays, null, class instances and anything with a prototype chain. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Adds one issue per key that is not allowed, so a typo in a setting is never silently ignored. */
export function unknownKeyIssues(
  value: Record<string, unknown>,
  allowed: readonly string[],
  prefix: string,
  limit = 10,
): ValidationIssue[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .slice(0, limit)
    .map((key) => ({ path: joinPath(prefix, key.length > 64 ? `${key.slice(0, 64)}…` : key), message: 'is not allowed' }));
}

function joinPath(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

const SETTINGS_PATH: Record<NumberField, string> = {
  threshold: 'threshold',
  minNetworks: 'minNetworks',
  windowDays: 'windowDays',
  perMinute: 'rateLimit.perMinute',
  perDay: 'rateLimit.perDay',
};

/**
 * Validates a complete settings object (no partial updates: the admin API sends the
 * whole form, and a missing field is an error rather than a silent default).
 * Returns a fresh object with trimmed labels; the input is never returned or mutated.
 */
export function validateSettings(input: unknown): Validation<ModerationSettings> {
  if (!isPlainObject(input)) return { ok: false, errors: [{ path: 'settings', message: 'must be an object' }] };
  const errors: ValidationIssue[] = unknownKeyIssues(input, ['threshold', 'minNetworks', 'windowDays', 'rateLimit', 'reasons'], '');

  const rateLimit = input.rateLimit;
  if (!isPlainObject(rateLimit)) {
    errors.push({ path: 'rateLimit', message: 'must be an object with perMinute and perDay' });
  } else {
    errors.push(...unknownKeyIssues(rateLimit, ['perMinute', 'perDay'], 'rateLimit'));
  }
  const rate = isPlainObject(rateLimit) ? rateLimit : {};
  const numbers: Numbers = {
    threshold: input.threshold,
    minNetworks: input.minNetworks,
    windowDays: input.windowDays,
    perMinute: rate.perMinute,
    perDay: rate.perDay,
  };
  for (const issue of numberIssues(numbers, (field) => SETTINGS_PATH[field])) {
    errors.push({ path: SETTINGS_PATH[issue.field], message: issue.message });
  }

  const reasons = validateReasons(input.reasons, errors);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      threshold: numbers.threshold as number,
      minNetworks: numbers.minNetworks as number,
      windowDays: numbers.windowDays as number,
      rateLimit: { perMinute: numbers.perMinute as number, perDay: numbers.perDay as number },
      reasons,
    },
  };
}

/** The numeric rules alone (ranges, minNetworks <= threshold, perDay >= perMinute), for the plugin's config validator. */
export function validateRules(input: RuleAndRateSettings): ValidationIssue[] {
  const numbers: Numbers = {
    threshold: input.threshold,
    minNetworks: input.minNetworks,
    windowDays: input.windowDays,
    perMinute: input.rateLimit.perMinute,
    perDay: input.rateLimit.perDay,
  };
  return numberIssues(numbers, (field) => SETTINGS_PATH[field]).map((issue) => ({ path: SETTINGS_PATH[issue.field], message: issue.message }));
}

function validateReasons(input: unknown, errors: ValidationIssue[]): ReportReason[] {
  if (!Array.isArray(input) || input.length < 1 || input.length > MAX_REASONS) {
    errors.push({ path: 'reasons', message: `must be a list of 1 to ${MAX_REASONS} reasons` });
    return [];
  }
  const seen = new Set<string>();
  const reasons: ReportReason[] = [];
  input.forEach((item, index) => {
    const path = `reasons[${index}]`;
    if (!isPlainObject(item)) {
      errors.push({ path, message: 'must be an object with code and labels' });
      return;
    }
    errors.push(...unknownKeyIssues(item, ['code', 'labels'], path));
    const code = item.code;
    if (typeof code !== 'string' || !REASON_CODE.test(code)) {
      errors.push({ path: `${path}.code`, message: 'must be 2 to 32 characters: a lower-case letter, then lower-case letters, digits or hyphens' });
    } else if (seen.has(code)) {
      errors.push({ path: `${path}.code`, message: `duplicates the code '${code}'` });
    } else {
      seen.add(code);
    }
    const labels = validateLabels(item.labels, `${path}.labels`, errors);
    if (typeof code === 'string' && labels) reasons.push({ code, labels });
  });
  return reasons;
}

function validateLabels(input: unknown, path: string, errors: ValidationIssue[]): Record<(typeof LOCALES)[number], string> | null {
  if (!isPlainObject(input)) {
    errors.push({ path, message: `must be an object with ${LOCALES.join(', ')} labels` });
    return null;
  }
  errors.push(...unknownKeyIssues(input, LOCALES, path));
  const labels = { ar: '', fr: '', en: '' };
  for (const locale of LOCALES) {
    // Invisible and bidi characters are dropped, as from report comments: an override in a
    // label would reorder the reasons list around it on every front end.
    const label = typeof input[locale] === 'string' ? (input[locale] as string).replace(INVISIBLE, '').trim() : '';
    if (label.length === 0 || [...label].length > MAX_LABEL_LENGTH || CONTROL_CHARS.test(label)) {
      errors.push({ path: `${path}.${locale}`, message: `must be text of 1 to ${MAX_LABEL_LENGTH} characters without control characters` });
    } else if (MARKUP_CHARS.test(label)) {
      // Front ends may render labels as HTML; a label is plain text, so < and > have no use in one.
      errors.push({ path: `${path}.${locale}`, message: 'must be plain text, without < or >' });
    }
    labels[locale] = label;
  }
  return labels;
}
