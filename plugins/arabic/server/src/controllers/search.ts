import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { normalizeForSearch } from '../text';
import { ARTICLE_UID } from '../constants';

/** Longest query accepted, in characters: a headline fits, a pasted article does not. */
export const MAX_QUERY_LENGTH = 200;

const invalid = (path: string, message: string, value?: unknown) =>
  new errors.ValidationError(message, { errors: [{ path: [path], message, name: 'ValidationError', value }] });

function positiveInt(raw: unknown, path: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,8}$/.test(raw) || Number(raw) > max) {
    throw invalid(path, `${path} must be an integer from 1 to ${max}`, raw);
  }
  return Number(raw);
}

/** GET /api/articles/search?q=&locale=&pagination[page]=&pagination[pageSize]= (published articles only). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async articles(ctx: any) {
    const { q, locale: requestedLocale, pagination = {} } = ctx.query;
    if (typeof q !== 'string' || q.trim() === '') throw invalid('q', 'q is required');
    if (q.length > MAX_QUERY_LENGTH) throw invalid('q', `q must be at most ${MAX_QUERY_LENGTH} characters`);
    const key = normalizeForSearch(q);
    if (!key) throw invalid('q', 'q must contain a letter or a digit', q);

    const locales = strapi.plugin('i18n').service('locales');
    let locale: string;
    if (requestedLocale === undefined) locale = await locales.getDefaultLocale();
    else if (typeof requestedLocale !== 'string' || !(await locales.findByCode(requestedLocale))) throw invalid('locale', 'Unknown locale', requestedLocale);
    else locale = requestedLocale;

    if (typeof pagination !== 'object' || Array.isArray(pagination)) throw invalid('pagination', 'pagination must be an object');
    const maxLimit = Number(strapi.config.get('api.rest.maxLimit', 100));
    const page = positiveInt(pagination.page, 'pagination.page', 1);
    const pageSize = positiveInt(pagination.pageSize, 'pagination.pageSize', Number(strapi.config.get('api.rest.defaultLimit', 25)), maxLimit);

    const { ids, total } = await strapi.plugin('arabic').service('search').search({ key, locale, page, pageSize });
    const documents = ids.length === 0 ? [] : await strapi.documents(ARTICLE_UID as any).findMany({
      status: 'published',
      locale,
      filters: { id: { $in: ids } },
      populate: { source: true, cover: true },
    });
    // The page order is the search's ranking, not the database's return order.
    const byId = new Map((documents as any[]).map((d) => [d.id, d]));
    const ordered = ids.map((id: number) => byId.get(id)).filter(Boolean);
    const data = await strapi.contentAPI.sanitize.output(ordered, strapi.getModel(ARTICLE_UID as any), { auth: ctx.state.auth });
    await strapi.plugin('arabic').service('attribution').attach(data);

    ctx.body = {
      data,
      meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
    };
  },
});
