import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isValidSlug, slugWithSuffix, slugify } from '../text';
import { SLUG_FIELD } from '../constants';

export interface SlugField {
  uid: string;
  /** The slug attribute. */
  field: string;
  /** The attribute the slug is made from (title, name). */
  sourceField: string;
  localized: boolean;
}

/** How many candidates one query checks; a 21st identical title needs a second round only past it. */
const CANDIDATES_PER_QUERY = 25;

/** MySQL only: one row per (type, locale) whose row lock is the slug lock. */
const LOCK_TABLE = 'arabic_slug_locks';

/**
 * Slugs of every type that declares a `plugin::arabic.slug` field. Uniqueness is per locale across
 * documents: the draft and published rows of one document share their slug, any row of another
 * document in the same locale (draft or published) takes it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let fields: Map<string, SlugField> | null = null;

  /** The schemas are the configuration: read once, after custom fields are resolved. */
  function slugFields(): Map<string, SlugField> {
    if (fields) return fields;
    fields = new Map();
    for (const [uid, ct] of Object.entries(strapi.contentTypes) as [string, any][]) {
      for (const [field, attribute] of Object.entries(ct.attributes ?? {}) as [string, any][]) {
        if (attribute.customField !== SLUG_FIELD) continue;
        const sourceField = attribute.options?.sourceField;
        if (typeof sourceField !== 'string' || !ct.attributes[sourceField]) {
          throw new Error(`${uid}.${field}: a ${SLUG_FIELD} field needs options.sourceField naming an attribute of ${uid}`);
        }
        fields.set(uid, { uid, field, sourceField, localized: ct.pluginOptions?.i18n?.localized === true });
      }
    }
    return fields;
  }

  /** A hand-set slug must already be what the policy would produce; anything else is the client's error. */
  function assertValid(slug: unknown, path: string): asserts slug is string {
    if (typeof slug !== 'string' || !isValidSlug(slug)) {
      throw new errors.ValidationError(
        `${path} must be lower-case letters (Arabic kept) and digits joined by single hyphens, at most 80 characters`,
        { errors: [{ path: [path], message: 'Invalid slug', name: 'ValidationError', value: slug }] },
      );
    }
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
      const rows: Array<Record<string, string>> = await strapi.db.query(f.uid as any).findMany({ where, select: [f.field] });
      const taken = new Set(rows.map((r) => r[f.field]));
      const free = candidates.find((c) => !taken.has(c));
      if (free) return free;
    }
  }

  return { slugFields, assertValid, base, lock, ensureLocks, unique, isValid: isValidSlug };
};
