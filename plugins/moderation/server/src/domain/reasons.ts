/**
 * Report reasons: the codes a reader may give and their labels in the three site locales.
 * The list is a setting (see settings.ts), so functions take it as an argument rather
 * than reading DEFAULT_REASONS: a newsroom may have configured its own.
 */
import { INVISIBLE } from '../../../../arabic/server/src/text/chars';

/** What makes text markup: settings refuse labels with it, and public answers never carry it. */
export const MARKUP_CHARS = /[<>]/;

/**
 * A label as plain text: tags and stray angle brackets dropped, invisible and bidi
 * characters removed. Labels are validated when saved; this keeps a label stored before
 * that rule (or written into the store by other means) from reaching a front end that
 * renders it as HTML.
 */
export function plainText(text: string): string {
  return text.replace(/<[^>]*>?/g, '').replace(/[<>]/g, '').replace(INVISIBLE, '').trim();
}

import { LOCALES, type Locale } from '../../../shared/statuses';

export { LOCALES, type Locale };

/** Arabic is the site's default locale, so it is the fallback for every other one. */
export const DEFAULT_LOCALE: Locale = 'ar';

export interface ReportReason {
  readonly code: string;
  readonly labels: Readonly<Record<Locale, string>>;
}

export const DEFAULT_REASONS: readonly ReportReason[] = Object.freeze(
  [
    {
      code: 'violence',
      labels: { ar: 'محتوى عنيف أو صادم', fr: 'Contenu violent ou choquant', en: 'Violent or graphic content' },
    },
    {
      code: 'nudity',
      labels: { ar: 'عُري أو محتوى جنسي', fr: 'Nudité ou contenu sexuel', en: 'Nudity or sexual content' },
    },
    {
      code: 'hate',
      labels: { ar: 'خطاب كراهية أو تحريض', fr: 'Haine ou incitation à la violence', en: 'Hate or incitement' },
    },
    {
      code: 'misleading',
      labels: { ar: 'صورة مضللة أو مفبركة', fr: 'Image trompeuse ou truquée', en: 'Misleading or manipulated image' },
    },
    {
      code: 'copyright',
      labels: { ar: 'انتهاك حقوق الملكية', fr: 'Atteinte au droit d’auteur', en: 'Copyright infringement' },
    },
    {
      code: 'privacy',
      labels: { ar: 'انتهاك الخصوصية', fr: 'Atteinte à la vie privée', en: 'Privacy violation' },
    },
    {
      code: 'other',
      labels: { ar: 'سبب آخر', fr: 'Autre raison', en: 'Other reason' },
    },
  ].map((reason) => Object.freeze({ code: reason.code, labels: Object.freeze(reason.labels) })),
);

/**
 * Maps a requested locale to a site locale. Accepts region tags ("fr-FR", "ar_MA")
 * because front ends pass whatever the browser says; anything else falls back to Arabic.
 */
export function resolveLocale(locale: string | null | undefined): Locale {
  const primary = String(locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(primary) ? (primary as Locale) : DEFAULT_LOCALE;
}

/** The label of one reason, or null for a code that is not in the list. */
export function reasonLabel(
  reasons: readonly ReportReason[],
  code: string,
  locale: string | null | undefined,
): string | null {
  const reason = reasons.find((r) => r.code === code);
  return reason ? labelIn(reason, locale) : null;
}

/** The body of GET /api/moderation/reasons: codes and labels in one locale, in list order. */
export function localizedReasons(
  reasons: readonly ReportReason[],
  locale: string | null | undefined,
): Array<{ code: string; label: string }> {
  return reasons.map((reason) => ({ code: reason.code, label: labelIn(reason, locale) }));
}

function labelIn(reason: ReportReason, locale: string | null | undefined): string {
  return plainText(reason.labels[resolveLocale(locale)] || '') || plainText(reason.labels[DEFAULT_LOCALE] || '') || reason.code;
}
