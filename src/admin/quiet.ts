/**
 * Strapi features Nashra does not use, turned off in the browser where Strapi offers no server
 * setting. Each is what a user's own "skip" or "close" would store, or an answer Strapi's
 * Community Edition would give if it had the route.
 */

/** The guided tour: `config.tutorials` is ignored by 5.54; the tour reads its own stored state. */
function skipGuidedTour() {
  const KEY = 'STRAPI_GUIDED_TOUR';
  let state: Record<string, unknown> = {};
  try {
    state = JSON.parse(localStorage.getItem(KEY) ?? '{}') ?? {};
  } catch {
    state = {};
  }
  localStorage.setItem(KEY, JSON.stringify({ ...state, enabled: false }));
}

/**
 * The "Introducing the new Media Library" banner has no setting: it shows until dismissed, and
 * its dismissal is stored per project uuid (false when telemetry is off, undefined while loading).
 */
function dismissMediaLibraryBanner() {
  for (const legacy of ['true', 'false'])
    for (const scope of ['false', 'undefined'])
      localStorage.setItem(`STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_${legacy}:${scope}`, 'true');
}

/**
 * The edit view asks for the AI features of Strapi's paid plans on every document even when
 * `window.strapi.ai.enabled` is false (5.54 does not check it first); the Community Edition has no
 * such routes, so each request is a 404 in the console. Answer them here with what "off" means.
 */
const AI_ROUTES: Array<[RegExp, unknown]> = [
  [/\/admin\/ai-feature-config(\?|$)/, { data: { isAiI18nConfigured: false, isAiMediaLibraryConfigured: false } }],
  [/\/i18n\/ai-localization-jobs\//, { data: null }],
];

function answerUnusedAiRoutes() {
  const original = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (method === 'GET') {
      const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
      for (const [pattern, body] of AI_ROUTES) {
        if (pattern.test(path)) {
          return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }));
        }
      }
    }
    return original(input as RequestInfo, init);
  };
}

export function quietStrapi() {
  skipGuidedTour();
  dismissMediaLibraryBanner();
  answerUnusedAiRoutes();
}
