import type { Core, UID } from '@strapi/strapi';
import { assertValidSlug, isLocalized, type SlugField } from '../services/slug';
import { getService } from '../utils';

const WRITES = new Set(['create', 'update', 'clone']);
/** Every action that adds, changes or removes article rows, and so their search text. */
const ROW_WRITES = new Set(['create', 'update', 'clone', 'delete', 'publish', 'unpublish', 'discardDraft']);

type Row = Record<string, unknown>;
/** What the middlewares read of a document action's params. */
type Params = { data?: Row; documentId?: unknown; locale?: unknown };
interface Locales {
  getDefaultLocale(): Promise<string>;
}

/**
 * Document Service middlewares for every write that can change a slug or an article's text, so
 * REST, GraphQL and the admin Content Manager all get the same slugs and search text.
 */
export function registerDocumentWrites(strapi: Core.Strapi) {
  const slugs = () => getService(strapi, 'slug');
  const search = () => getService(strapi, 'search');

  // Registered first, so it wraps the slug middleware's transaction and sees the rows as written
  // by the whole action (a publish makes new row ids, an unpublish removes some). One transaction
  // for the action and its search text: they commit together, and whatever waits for the commit
  // (the response cache's invalidation) never sees the rows without their text.
  strapi.documents.use(async (context, next) => {
    if (context.uid !== search().configured()?.contentType || !ROW_WRITES.has(context.action)) return next();
    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = (context.params as Params)?.documentId ?? (result as Row | null)?.documentId;
      if (typeof documentId === 'string') await search().syncDocument(documentId);
      return result;
    });
  });

  strapi.documents.use(async (context, next) => {
    if (!WRITES.has(context.action)) return next();
    const slugField: SlugField | undefined = slugs().slugFields().get(context.uid);
    if (!slugField) return next();

    const params = context.params as Params;
    params.data = params.data ?? {};
    const data: Row = params.data;
    const ct = strapi.contentType(context.uid);
    const localized = isLocalized(ct);
    const locale: string | null = localized
      ? (typeof params.locale === 'string' ? params.locale : await strapi.plugin('i18n').service<Locales>('locales').getDefaultLocale())
      : null;
    const documentId: string | null = context.action === 'create' || typeof params.documentId !== 'string' ? null : params.documentId;
    const current = documentId ? await currentRow(strapi, context.uid, documentId, localized ? locale : null, ct.options?.draftAndPublish === true) : null;
    const value = (field: string) => (data[field] !== undefined ? data[field] : current?.[field]);


    const given = data[slugField.field];
    const handSet = typeof given === 'string' && given !== '';
    if (given !== undefined && given !== null && given !== '') assertValidSlug(given, slugField.field);
    // Untouched on update and already set: nothing to decide, no lock to take.
    if (given === undefined && context.action === 'update' && current?.[slugField.field]) return next();

    return strapi.db.transaction(async ({ trx }) => {
      await slugs().lock(trx, context.uid, locale);
      // The owner's own rows never collide with it; a clone is a new document.
      const owner = context.action === 'update' ? documentId : null;
      const sourceText = value(slugField.sourceField);
      const fromText = handSet ? (given as string) : slugs().base(sourceText, owner ?? '');
      if (fromText) {
        data[slugField.field] = await slugs().unique(slugField, fromText, locale, owner);
        return next();
      }
      // Nothing to make a slug of and no document id yet: take the id Strapi assigns, in the same transaction.
      data[slugField.field] = null;
      const result = await next();
      const row = result as Row | null;
      if (typeof row?.documentId === 'string') {
        const slug = await slugs().unique(slugField, slugs().base('', row.documentId), locale, row.documentId);
        const where: Row = { documentId: row.documentId };
        if (localized) where.locale = locale;
        await strapi.db.query(context.uid).updateMany({ where, data: { [slugField.field]: slug } });
        row[slugField.field] = slug;
      }
      return result;
    });
  });
}

/** The row an update or clone starts from: the draft when the type has drafts, in the locale written. */
async function currentRow(strapi: Core.Strapi, uid: UID.Schema, documentId: string, locale: string | null, draftAndPublish: boolean): Promise<Row | null> {
  const where: Row = { documentId };
  if (locale) where.locale = locale;
  if (draftAndPublish) where.publishedAt = null;
  return strapi.db.query(uid).findOne({ where });
}
