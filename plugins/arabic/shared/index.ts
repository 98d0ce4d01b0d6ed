/**
 * What the admin and the server of the arabic plugin both need: names, limits and the shapes of
 * the answers the server sends. One copy, imported by both sides (server/src and admin/src).
 */

export const PLUGIN_ID = 'arabic';

/** The custom field's own name, as both sides register it. */
export const SLUG_CUSTOM_FIELD = 'slug';
/** How a schema names the custom field: `"customField": "plugin::arabic.slug"`. */
export const SLUG_FIELD = `plugin::${PLUGIN_ID}.${SLUG_CUSTOM_FIELD}` as const;

/** Locales the plugin has words for (admin translations, attribution labels); any other falls back to English. */
export const PLUGIN_LOCALES = ['ar', 'fr', 'en'] as const;
export type PluginLocale = (typeof PLUGIN_LOCALES)[number];
export const isPluginLocale = (locale: unknown): locale is PluginLocale =>
  (PLUGIN_LOCALES as readonly unknown[]).includes(locale);

/** The admin route of the editor's preview (POST, under /arabic). */
export const PREVIEW_PATH = '/preview';
/** The longest text the preview accepts, in characters. */
export const PREVIEW_MAX_INPUT = 2000;

export interface PreviewRequest {
  text: string;
}

/** POST /arabic/preview: what the slug and the search key of a text would be. */
export interface PreviewResponse {
  data: { slug: string; searchKey: string };
}

/** The `attribution` every attributed entry carries in REST, search and GraphQL answers. */
export interface Attribution {
  /** "نشر في اليوم 24 يوم 05 - 02 - 2015" in the entry's locale; null without a source. */
  label: string | null;
  sourceName: string | null;
  homepage: string | null;
  originalUrl: string | null;
  sourcePublishedAt: string | null;
}
