import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isValidSlug, slugWithSuffix, slugify } from '../text';
import { SLUG_FIELD } from '../../../shared';
import { getConfig } from '../utils';

export interface SlugField {
  uid: string;
  /** The slug attribute. */
  field: string;
  /** The attribute the slug is made from (title, name). */
  sourceField: string;
  localized: boolean;
}

/** A hand-set slug must already be what the policy would produce; anything else is the client's error. */
export function assertValidSlug(slug: unknown, path: string): asserts slug is string {
  if (typeof slug !== 'string' || !isValidSlug(slug)) {
    throw new errors.ValidationError(
      `${path} must be lower-case letters (Arabic kept) and digits joined by single hyphens, at most 80 characters`,
      { errors: [{ path: [path], message: 'Invalid slug', name: 'ValidationError', value: slug }] },
    );
  }
}

/** How many candidates one query checks; a 21st identical title needs a second round only past it. */
const CANDIDATES_PER_QUERY = 25;

/** MySQL only: one row per (type, locale) whose row lock is the slug lock. */
const LOCK_TABLE = 'arabic_slug_locks';

/**
 * Slugs of every type config/plugins.ts lists (arabic.slugs), each with its `plugin::arabic.slug` field. Uniqueness is per locale across
 * documents: the draft and published rows of one document share their slug, any row of another
 * document in the same locale (draft or published) takes it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let fields: Map<string, SlugField> | null = null;

  /**
   * The slug field of each type that config/plugins.ts lists (arabic.slugs.contentTypes), read
   * once, after custom fields are resolved. The bootstrap has checked the list against the
   * schemas (config/index.ts checkAgainstSchemas); a listed type without its field still fails here.
   */
  function slugFields(): Map<string, SlugField> {
    if (fields) return fields;
    const found = new Map<string, SlugField>();
    for (const uid of getConfig(strapi).slugs.contentTypes) {
      const ct = strapi.contentTypes[uid as UID.ContentType];
      const entry = Object.entries(ct?.attributes ?? {}).find(([, attribute]) => (attribute as { customField?: string }).customField === SLUG_FIELD);
      const sourceField = (entry?.[1] as { options?: { sourceField?: unknown } } | undefined)?.options?.sourceField;
      if (!ct || !entry || typeof sourceField !== 'string' || !(sourceField in ct.attributes)) {
        throw new Error(`${uid}: a ${SLUG_FIELD} field needs options.sourceField naming an attribute of ${uid}`);
      }
      found.set(uid, { uid, field: entry[0], sourceField, localized: isLocalized(ct) });
    }
    fields = found;
    return fields;
  }

  /** What the source text gives, or the document id when it has no letter or digit. */
  function base(sourceText: unknown, documentId: string): string {
    return (typeof sourceText === 'string' && slugify(sourceText)) || slugify(documentId);
  }

  /**
   * Serializes slug assignment per type and locale until the surrounding transaction ends, on every
   * instance: the check for a free slug and the insert that takes it must not interleave.
   * PostgreSQL: a transaction-scoped advisory lock. MySQL/MariaDB: the row of that name in
   * `arabic_slug_locks`, written with ON DUPLICATE KEY UPDATE, which holds its exclusive row lock
   * until commit or rollback (GET_LOCK would outlive the transaction on a pooled connection).
   * SQLite: Strapi's one connection already runs one transaction at a time, and SQLite is a
   * single-instance setup.
   */
  async function lock(trx: { raw: (sql: string, bindings: unknown[]) => Promise<unknown> }, uid: string, locale: string | null): Promise<void> {
    const name = `arabic.slug:${uid}:${locale ?? ''}`;
    const client = strapi.db.dialect.client;
    if (client === 'postgres') await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [name]);
    if (client === 'mysql') await trx.raw(`INSERT INTO ${LOCK_TABLE} (name) VALUES (?) ON DUPLICATE KEY UPDATE name = name`, [name]);
  }

  /** The table of MySQL's slug locks (see lock), created at boot. */
  async function ensureLocks(): Promise<void> {
    if (strapi.db.dialect.client !== 'mysql') return;
    await strapi.db.connection.raw(`CREATE TABLE IF NOT EXISTS ${LOCK_TABLE} (name varchar(191) NOT NULL PRIMARY KEY) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  /** The first of base, base-2, base-3, ... that no other document of this locale uses. */
  async function unique(f: SlugField, wanted: string, locale: string | null, documentId: string | null): Promise<string> {
    for (let from = 1; ; from += CANDIDATES_PER_QUERY) {
      const candidates = Array.from({ length: CANDIDATES_PER_QUERY }, (_, i) => slugWithSuffix(wanted, from + i));
      const where: Record<string, unknown> = { [f.field]: { $in: candidates } };
      if (f.localized) where.locale = locale;
      if (documentId) where.documentId = { $ne: documentId };
      const rows: Array<Record<string, string>> = await strapi.db.query(f.uid as UID.Schema).findMany({ where, select: [f.field] });
      const taken = new Set(rows.map((r) => r[f.field]));
      const free = candidates.find((c) => !taken.has(c));
      if (free) return free;
    }
  }

  return { slugFields, assertValid: assertValidSlug, base, lock, ensureLocks, unique, isValid: isValidSlug };
};

/** Whether a type's entries are per locale (i18n's pluginOptions). */
export function isLocalized(ct: { pluginOptions?: object }): boolean {
  return (ct.pluginOptions as { i18n?: { localized?: unknown } } | undefined)?.i18n?.localized === true;
}
