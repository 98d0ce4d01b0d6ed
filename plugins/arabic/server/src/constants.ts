/** The custom field that marks a slug attribute; its `options.sourceField` names the field it is made from. */
export const SLUG_FIELD = 'plugin::arabic.slug';
/** The type whose rows carry the private search columns and are served by /api/articles/search. */
export const ARTICLE_UID = 'api::article.article';
/** Locales the attribution label has words for; any other falls back to English. */
export const LABEL_LOCALES = ['ar', 'fr', 'en'] as const;
