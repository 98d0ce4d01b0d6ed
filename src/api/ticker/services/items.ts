import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { etagOf } from '../../../cache/http';
import { responseCache } from '../../../cache/runtime';
import { mergeTickerItems, type ManualItem, type TickerArticle } from '../domain/merge';

export interface TickerResponse {
  /** The serialized `{ data, meta }` body, ready to send. */
  body: string;
  etag: string;
}

interface CacheEntry extends TickerResponse {
  expiresAt: number;
  /** The response cache's generation it was computed under: a publish or a hide anywhere ends it. */
  generation: string | null;
}

const cacheKey = (slug: string, requestedLocale: string | undefined) => `${requestedLocale ?? ''}\u0000${slug}`;

/**
 * Each process keeps a short-lived copy of every ticker it served. A write to the content
 * a ticker shows clears this process's copies at once; other instances see it when their
 * copy expires, at most `cacheSeconds` later. Time-bound changes (an item starting or
 * expiring, an article ageing out) end a copy early.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cache = new Map<string, CacheEntry>();
  const cacheMs = () => Number(strapi.config.get('api.ticker.cacheSeconds', 5)) * 1000;
  // Without the response cache (RESPONSE_CACHE=false) the copy lives by its expiry and this process's writes.
  const generation = () => responseCache(strapi)?.generation.token() ?? 'local';

  async function compute(slug: string, locale: string, now: Date): Promise<{ body: string; changesAt: Date | null } | null> {
    const ticker = await strapi.documents('api::ticker.ticker').findFirst({
      status: 'published',
      locale,
      filters: { slug },
      populate: {
        items: { populate: { article: { populate: { source: { fields: ['name'] } } } } },
        autoSources: { fields: ['documentId'] },
        autoCategories: { fields: ['documentId'] },
      },
    });
    if (!ticker) return null;

    const limit = ticker.limit ?? 10;
    let automatic: TickerArticle[] = [];
    if (ticker.autoEnabled !== false) {
      const filters: Record<string, any> = {};
      const sources = (ticker.autoSources ?? []).map((s: { documentId: string }) => s.documentId);
      const categories = (ticker.autoCategories ?? []).map((c: { documentId: string }) => c.documentId);
      if (sources.length > 0) filters.source = { documentId: { $in: sources } };
      if (categories.length > 0) filters.category = { documentId: { $in: categories } };
      if (ticker.autoMaxAgeHours) {
        filters.publishedAt = { $gte: new Date(now.getTime() - ticker.autoMaxAgeHours * 3_600_000).toISOString() };
      }
      automatic = (await strapi.documents('api::article.article').findMany({
        status: 'published',
        locale,
        filters,
        sort: [{ publishedAt: 'desc' }, { id: 'desc' }],
        limit,
        fields: ['title', 'slug', 'publishedAt'],
        populate: { source: { fields: ['name'] } },
      })) as unknown as TickerArticle[];
    }

    // Only published articles may appear, also through a manual item's link.
    const manual = ((ticker.items ?? []) as ManualItem[]).map((item) => ({
      ...item,
      article: item.article?.publishedAt ? item.article : null,
    }));
    const { items, changesAt } = mergeTickerItems({ manual, automatic, limit, now, maxAgeHours: ticker.autoMaxAgeHours });
    const body = JSON.stringify({
      data: items,
      // No generatedAt: the body, and so its ETag, depends on the data only and is the same on every instance.
      meta: { ticker: { documentId: ticker.documentId, slug: ticker.slug, name: ticker.name, locale } },
    });
    return { body, changesAt };
  }

  /** The locale asked for, or the default one; a locale that does not exist is a 400. */
  async function resolveLocale(requested: string | undefined): Promise<string> {
    const locales = strapi.plugin('i18n').service('locales');
    if (requested === undefined) return (await locales.getDefaultLocale()) as string;
    if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(requested) || !(await locales.findByCode(requested))) {
      throw new errors.ValidationError('Unknown locale', { locale: requested });
    }
    return requested;
  }

  /** This process's copy, if it is still fresh; never touches the database. */
  function peek(slug: string, requestedLocale: string | undefined): TickerResponse | undefined {
    const hit = cache.get(cacheKey(slug, requestedLocale));
    return hit && hit.expiresAt > Date.now() && hit.generation !== null && hit.generation === generation() ? hit : undefined;
  }

  return {
    /**
     * The ticker's current items, or null when no published ticker has that slug in that
     * locale. A cache hit costs no query at all: this is every reader's request.
     */
    async current(slug: string, requestedLocale: string | undefined): Promise<TickerResponse | null> {
      const hit = peek(slug, requestedLocale);
      if (hit) return hit;
      const key = cacheKey(slug, requestedLocale);
      const nowMs = Date.now();
      const startedUnder = generation();

      const locale = await resolveLocale(requestedLocale);
      const now = new Date(nowMs);
      const computed = await compute(slug, locale, now);
      if (!computed) {
        cache.delete(key);
        return null;
      }
      const expiresAt = Math.min(nowMs + cacheMs(), computed.changesAt?.getTime() ?? Infinity);
      const entry = { body: computed.body, etag: etagOf(computed.body), expiresAt, generation: startedUnder };
      // Computed from data a write changed meanwhile: answer it, keep no copy.
      if (startedUnder === generation()) cache.set(key, entry);
      return entry;
    },

    peek,

    invalidate() {
      cache.clear();
    },
  };
};
