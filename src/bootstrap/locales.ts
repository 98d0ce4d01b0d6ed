import type { Core } from '@strapi/strapi';

/** Nashra's locales, Arabic first: the default locale of every localized type. */
export const LOCALES = [
  { code: 'ar', name: 'Arabic (ar)' },
  { code: 'fr', name: 'French (fr)' },
  { code: 'en', name: 'English (en)' },
] as const;

export const DEFAULT_LOCALE = 'ar';

/** Creates the missing locales and makes Arabic the default; a no-op when all is in place. */
export async function ensureLocales(strapi: Core.Strapi): Promise<void> {
  const locales = strapi.plugin('i18n').service('locales');
  for (const locale of LOCALES) {
    if (!(await locales.findByCode(locale.code))) await locales.create({ ...locale });
  }
  if ((await locales.getDefaultLocale()) !== DEFAULT_LOCALE) {
    await locales.setDefaultLocale({ code: DEFAULT_LOCALE });
  }
}
