import { describe, it, expect } from '@jest/globals';
import configModule, {
  ArabicConfigError,
  checkAgainstSchemas,
  defaultConfig,
  parseArabicConfig,
  type ArabicConfig,
  type SchemaLike,
} from '../../../plugins/arabic/server/src/config/index';

/** The block config/plugins.ts gives the plugin. */
const nashra: ArabicConfig = {
  slugs: { contentTypes: ['api::article.article', 'api::source.source'] },
  search: { contentType: 'api::article.article', titleField: 'title', textFields: ['excerpt', 'body'], populate: ['source', 'cover'] },
  attribution: { contentType: 'api::article.article', sourceField: 'source' },
};

const slug = (sourceField: unknown) => ({ type: 'customField', customField: 'plugin::arabic.slug', options: { sourceField } });
/** Schemas shaped like the app's (the parts the check reads). */
const schemas: Record<string, SchemaLike> = {
  'api::article.article': {
    attributes: {
      title: { type: 'string' },
      slug: slug('title'),
      excerpt: { type: 'text' },
      body: { type: 'blocks' },
      cover: { type: 'media' },
      source: { type: 'relation', relation: 'manyToOne', target: 'api::source.source' },
      tags: { type: 'relation', relation: 'manyToMany', target: 'api::category.category' },
    },
  },
  'api::source.source': { attributes: { name: { type: 'string' }, slug: slug('name') } },
  'plugin::upload.file': { attributes: { name: { type: 'string' } } },
};

/** The message a bad block stops the boot with (Strapi prefixes "Error regarding arabic config: "). */
function problemOf(input: unknown): string {
  try {
    parseArabicConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ArabicConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
}

describe('arabic config: parseArabicConfig', () => {
  it('accepts the app block and the plugin default, unchanged', () => {
    expect(parseArabicConfig(nashra)).toEqual(nashra);
    expect(parseArabicConfig(defaultConfig)).toEqual(defaultConfig);
    expect(parseArabicConfig({ ...nashra, search: null, attribution: null })).toEqual({ ...nashra, search: null, attribution: null });
  });

  it('is what Strapi calls as the validator: it throws on a bad block and returns nothing on a good one', () => {
    expect(configModule.validator(nashra)).toBeUndefined();
    expect(() => configModule.validator({ ...nashra, slugs: {} })).toThrow(/^slugs\.contentTypes: /);
    expect(configModule.default).toBe(defaultConfig);
  });

  it('names the bad key: a uid that is not one', () => {
    expect(problemOf({ ...nashra, slugs: { contentTypes: ['api::article.article', 'article'] } })).toBe(
      'slugs.contentTypes[1]: must be a content-type uid such as api::article.article',
    );
    expect(problemOf({ ...nashra, search: { ...nashra.search, contentType: 'articles' } })).toMatch(/^search\.contentType: must be a content-type uid/);
  });

  it('names the bad key: a missing or mistyped field', () => {
    const { titleField: _t, ...noTitle } = nashra.search!;
    expect(problemOf({ ...nashra, search: noTitle })).toMatch(/^search\.titleField: /);
    expect(problemOf({ ...nashra, search: { ...nashra.search, textFields: 'body' } })).toMatch(/^search\.textFields: /);
    expect(problemOf({ ...nashra, attribution: { ...nashra.attribution, sourceField: '' } })).toBe('attribution.sourceField: must name an attribute');
    expect(problemOf({ ...nashra, attribution: undefined })).toMatch(/^attribution: /);
  });

  it('names an unknown key (a typo would otherwise be ignored)', () => {
    expect(problemOf({ ...nashra, serach: nashra.search })).toBe('serach: unknown key');
    expect(problemOf({ ...nashra, attribution: { ...nashra.attribution, sourceFeild: 'source' } })).toBe('attribution.sourceFeild: unknown key');
  });

  it('lists every problem at once', () => {
    const message = problemOf({ slugs: { contentTypes: [1] }, search: { contentType: 'x' }, attribution: null });
    expect(message.split('; ').map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['slugs.contentTypes[0]', 'search.contentType', 'search.titleField', 'search.textFields', 'search.populate']),
    );
  });
});

describe('arabic config: checkAgainstSchemas', () => {
  it('finds nothing wrong with the app block against schemas that match it', () => {
    expect(checkAgainstSchemas(nashra, schemas)).toEqual([]);
  });

  it('names a listed type that does not exist, or has no slug field', () => {
    const config = { ...nashra, slugs: { contentTypes: ['api::article.article', 'api::source.source', 'api::nope.nope', 'plugin::upload.file'] } };
    expect(checkAgainstSchemas(config, schemas)).toEqual([
      'slugs.contentTypes[2]: no content type api::nope.nope',
      'slugs.contentTypes[3]: plugin::upload.file must have exactly one plugin::arabic.slug field, it has 0',
    ]);
  });

  it('names a slug field whose sourceField names no attribute', () => {
    const broken = { ...schemas, 'api::source.source': { attributes: { name: { type: 'string' }, slug: slug('title') } } };
    expect(checkAgainstSchemas(nashra, broken)).toEqual([
      'slugs.contentTypes[1]: api::source.source.slug needs options.sourceField naming an attribute of api::source.source',
    ]);
  });

  it('names a schema with a slug field the config leaves out (it would stay empty)', () => {
    const config = { ...nashra, slugs: { contentTypes: ['api::article.article'] } };
    expect(checkAgainstSchemas(config, schemas)).toEqual([
      'slugs.contentTypes: api::source.source.slug is a plugin::arabic.slug field, but api::source.source is not listed',
    ]);
  });

  it('names search fields the searched type does not have', () => {
    const config = { ...nashra, search: { ...nashra.search!, titleField: 'headline', textFields: ['excerpt', 'lead'], populate: ['author'] } };
    expect(checkAgainstSchemas(config, schemas)).toEqual([
      'search.titleField: api::article.article has no attribute headline',
      'search.textFields[1]: api::article.article has no attribute lead',
      'search.populate[0]: api::article.article has no attribute author',
    ]);
    expect(checkAgainstSchemas({ ...nashra, search: { ...nashra.search!, contentType: 'api::post.post' } }, schemas)).toEqual([
      'search.contentType: no content type api::post.post',
    ]);
  });

  it('wants the attribution source to be a to-one relation', () => {
    for (const sourceField of ['title', 'tags', 'publisher']) {
      expect(checkAgainstSchemas({ ...nashra, attribution: { contentType: 'api::article.article', sourceField } }, schemas)).toEqual([
        `attribution.sourceField: api::article.article.${sourceField} must be a to-one relation`,
      ]);
    }
  });

  it('checks nothing of a part that is off, and the default config matches any app', () => {
    expect(checkAgainstSchemas({ ...nashra, search: null, attribution: null }, schemas)).toEqual([]);
    expect(checkAgainstSchemas(defaultConfig, { 'plugin::upload.file': schemas['plugin::upload.file']! })).toEqual([]);
  });
});
