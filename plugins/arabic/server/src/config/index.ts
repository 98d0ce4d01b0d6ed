/**
 * Which content types the plugin works on, from the app's config/plugins.ts (the `arabic` block):
 * the plugin names no type of the app itself. Validated with zod when Strapi loads the plugin,
 * so a wrong key stops the boot with a message naming it; checked against the schemas at
 * bootstrap (checkAgainstSchemas), once the content types are known.
 */
import { z } from 'zod';
import { SLUG_FIELD } from '../../../shared';

const uid = z
  .string()
  .regex(/^(api|plugin)::[a-z0-9-]+\.[a-z0-9-]+$/, 'must be a content-type uid such as api::article.article');
const attributeName = z.string().min(1, 'must name an attribute');

const schema = z
  .object({
    /** Types whose `plugin::arabic.slug` field the plugin fills and keeps unique per locale. */
    slugs: z.object({ contentTypes: z.array(uid) }).strict(),
    /**
     * The type served by the Arabic search (its routes name `plugin::arabic.search.articles`), or
     * null for none: the search text is made of `titleField` (also used for the ranking) and
     * `textFields` (strings or blocks), and the answers populate `populate`.
     */
    search: z
      .object({
        contentType: uid,
        titleField: attributeName,
        textFields: z.array(attributeName),
        populate: z.array(attributeName),
      })
      .strict()
      .nullable(),
    /**
     * The type whose entries carry `attribution`, or null: its `sourceField` is a to-one relation
     * to a type with `name`, `homepage` and `timeZone`; the entry's own `originalUrl`,
     * `sourcePublishedAt` and `locale` complete the line.
     */
    attribution: z.object({ contentType: uid, sourceField: attributeName }).strict().nullable(),
  })
  .strict();

export type ArabicConfig = z.infer<typeof schema>;
export type SearchConfig = NonNullable<ArabicConfig['search']>;
export type AttributionConfig = NonNullable<ArabicConfig['attribution']>;

/** Nothing is configured until the app says so: without a block the plugin only registers its field. */
export const defaultConfig: ArabicConfig = { slugs: { contentTypes: [] }, search: null, attribution: null };

/** The error Strapi shows ("Error regarding arabic config: …"): every bad key with its path. */
export class ArabicConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'ArabicConfigError';
  }
}

function keyOf(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? '(the block)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

/** The config, or an ArabicConfigError naming each bad key (`search.titleField: …`). */
export function parseArabicConfig(input: unknown): ArabicConfig {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ArabicConfigError(
    result.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys') return `${issue.keys.map((k) => keyOf([...issue.path, k])).join(', ')}: unknown key`;
      return `${keyOf(issue.path)}: ${issue.message}`;
    }),
  );
}

/** What checkAgainstSchemas needs of a content type: its attributes. */
export interface SchemaLike {
  attributes?: Record<string, { type?: string; customField?: string; relation?: string; target?: string; options?: { sourceField?: unknown } }>;
}

/**
 * The config against the app's content types: every named type and attribute exists, each slug
 * type has one slug field made from an existing attribute, and no schema declares a slug field
 * the config leaves out (it would stay empty). Returns the problems, each naming its key.
 */
export function checkAgainstSchemas(config: ArabicConfig, contentTypes: Readonly<Record<string, SchemaLike>>): string[] {
  const problems: string[] = [];
  const slugTypes = new Set(config.slugs.contentTypes);
  config.slugs.contentTypes.forEach((uid, i) => {
    const ct = contentTypes[uid];
    if (!ct) return problems.push(`slugs.contentTypes[${i}]: no content type ${uid}`);
    const fields = Object.entries(ct.attributes ?? {}).filter(([, a]) => a.customField === SLUG_FIELD);
    if (fields.length !== 1) return problems.push(`slugs.contentTypes[${i}]: ${uid} must have exactly one ${SLUG_FIELD} field, it has ${fields.length}`);
    const [field, attribute] = fields[0]!;
    const sourceField = attribute.options?.sourceField;
    if (typeof sourceField !== 'string' || !ct.attributes?.[sourceField]) {
      problems.push(`slugs.contentTypes[${i}]: ${uid}.${field} needs options.sourceField naming an attribute of ${uid}`);
    }
  });
  for (const [uid, ct] of Object.entries(contentTypes)) {
    if (slugTypes.has(uid)) continue;
    for (const [field, attribute] of Object.entries(ct.attributes ?? {})) {
      if (attribute.customField === SLUG_FIELD) problems.push(`slugs.contentTypes: ${uid}.${field} is a ${SLUG_FIELD} field, but ${uid} is not listed`);
    }
  }
  if (config.search) {
    const { contentType, titleField, textFields, populate } = config.search;
    const ct = contentTypes[contentType];
    if (!ct) problems.push(`search.contentType: no content type ${contentType}`);
    else {
      const has = (name: string) => Boolean(ct.attributes?.[name]);
      if (!has(titleField)) problems.push(`search.titleField: ${contentType} has no attribute ${titleField}`);
      textFields.forEach((f, i) => has(f) || problems.push(`search.textFields[${i}]: ${contentType} has no attribute ${f}`));
      populate.forEach((f, i) => has(f) || problems.push(`search.populate[${i}]: ${contentType} has no attribute ${f}`));
    }
  }
  if (config.attribution) {
    const { contentType, sourceField } = config.attribution;
    const ct = contentTypes[contentType];
    const source = ct?.attributes?.[sourceField];
    if (!ct) problems.push(`attribution.contentType: no content type ${contentType}`);
    else if (!source || source.type !== 'relation' || !source.target || /Many|morph/.test(source.relation ?? '')) {
      problems.push(`attribution.sourceField: ${contentType}.${sourceField} must be a to-one relation`);
    }
  }
  return problems;
}

export default {
  default: defaultConfig,
  validator: (config: unknown): void => {
    parseArabicConfig(config);
  },
};
