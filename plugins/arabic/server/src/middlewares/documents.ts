import type { Core } from '@strapi/strapi';
import { ARTICLE_UID } from '../constants';
import type { SlugField } from '../services/slug';

const WRITES = new Set(['create', 'update', 'clone']);
/** Every action that adds, changes or removes article rows, and so their search text. */
const ROW_WRITES = new Set(['create', 'update', 'clone', 'delete', 'publish', 'unpublish', 'discardDraft']);

type Row = Record<string, any>;

/**
 * Document Service middlewares for every write that can change a slug or an article's text, so
 * REST, GraphQL and the admin Content Manager all get the same slugs and search text.
 */
export function registerDocumentWrites(strapi: Core.Strapi) {
  const slugs = () => strapi.plugin('arabic').service('slug');
  const search = () => strapi.plugin('arabic').service('search');

  // Registered first, so it wraps the slug middleware's transaction and sees the rows as committed
  // by the whole action (a publish makes new row ids, an unpublish removes some).
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE_UID || !ROW_WRITES.has(context.action)) return next();
    const result = (await next()) as Row | null;
    const documentId = (context.params as Row)?.documentId ?? result?.documentId;
    if (typeof documentId === 'string') await search().syncDocument(documentId);
    return result;
  });

  strapi.documents.use(async (context, next) => {
    if (!WRITES.has(context.action)) return next();
    const slugField: SlugField | undefined = slugs().slugFields().get(context.uid);
    if (!slugField) return next();

    const params = context.params as Row;
    params.data = params.data ?? {};
    const data: Row = params.data;
    const ct = strapi.contentType(context.uid as any) as any;
    const localized = ct.pluginOptions?.i18n?.localized === true;
    const locale: string | null = localized
      ? (typeof params.locale === 'string' ? params.locale : await strapi.plugin('i18n').service('locales').getDefaultLocale())
      : null;
    const documentId: string | null = context.action === 'create' ? null : params.documentId ?? null;
    const current = documentId ? await currentRow(strapi, context.uid, documentId, localized ? locale : null, ct) : null;
    const value = (field: string) => (data[field] !== undefined ? data[field] : current?.[field]);


    const given = data[slugField.field];
    const handSet = typeof given === 'string' && given !== '';
    if (given !== undefined && given !== null && given !== '') slugs().assertValid(given, slugField.field);
    // Untouched on update and already set: nothing to decide, no lock to take.
    if (given === undefined && context.action === 'update' && current?.[slugField.field]) return next();

    return strapi.db.transaction(async ({ trx }) => {
      await slugs().lock(trx, context.uid, locale);
      // The owner's own rows never collide with it; a clone is a new document.
      const owner = context.action === 'update' ? documentId : null;
      const sourceText = value(slugField.sourceField);
      const fromText = handSet ? given : slugs().base(sourceText, owner ?? '');
      if (fromText) {
        data[slugField.field] = await slugs().unique(slugField, fromText, locale, owner);
        return next();
      }
      // Nothing to make a slug of and no document id yet: take the id Strapi assigns, in the same transaction.
      data[slugField.field] = null;
      const result = (await next()) as Row | null;
      if (result?.documentId) {
        const slug = await slugs().unique(slugField, slugs().base('', result.documentId), locale, result.documentId);
        const where: Row = { documentId: result.documentId };
        if (localized) where.locale = locale;
        await strapi.db.query(context.uid as any).updateMany({ where, data: { [slugField.field]: slug } });
        result[slugField.field] = slug;
      }
      return result;
    });
  });
}

/** The row an update or clone starts from: the draft when the type has drafts, in the locale written. */
async function currentRow(strapi: Core.Strapi, uid: string, documentId: string, locale: string | null, ct: any): Promise<Row | null> {
  const where: Row = { documentId };
  if (locale) where.locale = locale;
  if (ct.options?.draftAndPublish) where.publishedAt = null;
  return strapi.db.query(uid as any).findOne({ where });
}
