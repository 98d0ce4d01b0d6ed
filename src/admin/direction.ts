/**
 * The document's direction follows the interface language. Strapi sets only `<html lang>`
 * (at start and whenever the language is changed in the profile), so the direction is derived
 * from that attribute: one observer, no reload, and switching back to English or French
 * restores left to right at once.
 */
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur']);

export const directionOf = (lang: string | null | undefined): 'rtl' | 'ltr' =>
  RTL_LANGUAGES.has(String(lang ?? '').toLowerCase().split('-')[0]) ? 'rtl' : 'ltr';

const apply = () => {
  const html = document.documentElement;
  const lang = html.getAttribute('lang') || localStorage.getItem('strapi-admin-language') || 'en';
  const dir = directionOf(lang);
  if (html.getAttribute('dir') !== dir) html.setAttribute('dir', dir);
};

export function syncDocumentDirection() {
  apply();
  new MutationObserver(apply).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}
