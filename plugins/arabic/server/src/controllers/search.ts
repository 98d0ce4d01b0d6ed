import type { Core, UID } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { normalizeForSearch } from '../text';
import { getService } from '../utils';

/** What the search reads of the request's query string (qs-parsed by Strapi). */
type SearchParams = { q?: unknown; locale?: unknown; pagination?: unknown };
/** The part of i18n's locales service the search uses (the i18n plugin exports no service types). */
interface Locales {
  getDefaultLocale(): Promise<string>;
  findByCode(code: string): Promise<unknown>;
}

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

/**
 * GET /api/articles/search?q=&locale=&pagination[page]=&pagination[pageSize]= (published entries only)
 * of the type config/plugins.ts names (arabic.search), populated as it says.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async articles(ctx: Context) {
    const search = getService(strapi, 'search');
    const config = search.configured();
    if (!config) throw new errors.NotFoundError('No search is configured');
    const { q, locale: requestedLocale, pagination = {} } = ctx.query as SearchParams;
    if (typeof q !== 'string' || q.trim() === '') throw invalid('q', 'q is required');
    if (q.length > MAX_QUERY_LENGTH) throw invalid('q', `q must be at most ${MAX_QUERY_LENGTH} characters`);
    const key = normalizeForSearch(q);
    if (!key) throw invalid('q', 'q must contain a letter or a digit', q);

    const locales = strapi.plugin('i18n').service<Locales>('locales');
    let locale: string;
    if (requestedLocale === undefined) locale = await locales.getDefaultLocale();
    else if (typeof requestedLocale !== 'string' || !(await locales.findByCode(requestedLocale))) throw invalid('locale', 'Unknown locale', requestedLocale);
    else locale = requestedLocale;

    if (typeof pagination !== 'object' || Array.isArray(pagination)) throw invalid('pagination', 'pagination must be an object');
    const maxLimit = Number(strapi.config.get('api.rest.maxLimit', 100));
    const { page: rawPage, pageSize: rawPageSize } = pagination as { page?: unknown; pageSize?: unknown };
    const page = positiveInt(rawPage, 'pagination.page', 1);
    const pageSize = positiveInt(rawPageSize, 'pagination.pageSize', Number(strapi.config.get('api.rest.defaultLimit', 25)), maxLimit);

    const { ids, total } = await search.search({ key, locale, page, pageSize });
    const uid = config.contentType as UID.ContentType;
    const documents = ids.length === 0 ? [] : await strapi.documents(uid).findMany({
      status: 'published',
      locale,
      filters: { id: { $in: ids } },
      populate: Object.fromEntries(config.populate.map((field) => [field, true])),
    });
    // The page order is the search's ranking, not the database's return order.
    const byId = new Map(documents.map((d) => [d.id, d]));
    const ordered = ids.map((id) => byId.get(id)).filter(Boolean);
    const data = await strapi.contentAPI.sanitize.output(ordered, strapi.getModel(uid), { auth: ctx.state.auth });
    if (getService(strapi, 'attribution').configured()?.contentType === config.contentType) await getService(strapi, 'attribution').attach(data);

    ctx.body = {
      data,
      meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
    };
  },
});
