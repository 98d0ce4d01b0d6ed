import type { Core } from '@strapi/strapi';

/**
 * GraphQL's Article gets the same computed `attribution` as REST. Its source is looked up in one
 * batched query per request tick (services/attribution), not once per article. Readers may see it
 * wherever they may see the article, so the field itself needs no permission of its own.
 */
export function registerAttributionType(strapi: Core.Strapi) {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  graphql.service('extension').use(({ nexus }: any) => ({
    types: [
      nexus.objectType({
        name: 'ArticleAttribution',
        definition(t: any) {
          t.string('label');
          t.string('sourceName');
          t.string('homepage');
          t.string('originalUrl');
          t.string('sourcePublishedAt');
        },
      }),
      nexus.extendType({
        type: 'Article',
        definition(t: any) {
          t.field('attribution', {
            type: 'ArticleAttribution',
            resolve: (parent: { id?: number }, _args: unknown, context: object) =>
              typeof parent?.id === 'number'
                ? strapi.plugin('arabic').service('attribution').loaderFor(context)(parent.id)
                : null,
          });
        },
      }),
    ],
    resolversConfig: { 'Article.attribution': { auth: false } },
  }));
}
