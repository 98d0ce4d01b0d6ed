import type { Core, UID } from '@strapi/strapi';
import { getService } from '../utils';

/** The parts of nexus (plugin-graphql's schema builder) used here; the plugin exports no types for them. */
interface Definition {
  string(name: string): void;
  field(name: string, config: { type: string; resolve: (parent: { id?: number }, args: unknown, context: object) => unknown }): void;
}
interface Nexus {
  objectType(config: { name: string; definition(t: Definition): void }): unknown;
  extendType(config: { type: string; definition(t: Definition): void }): unknown;
}

/**
 * GraphQL's type of the attributed content type (config/plugins.ts, arabic.attribution; Article
 * in Nashra) gets the same computed `attribution` as REST, of type `<Type>Attribution`. Its source
 * is looked up in one batched query per request tick (services/attribution), not once per entry.
 * Readers may see it wherever they may see the entry, so the field needs no permission of its own.
 */
export function registerAttributionType(strapi: Core.Strapi) {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  graphql.service('extension').use(({ nexus }: { nexus: Nexus }) => {
    const config = getService(strapi, 'attribution').configured();
    if (!config) return {};
    const typeName: string = graphql.service('utils').naming.getTypeName(strapi.contentType(config.contentType as UID.ContentType));
    return {
      types: [
        nexus.objectType({
          name: `${typeName}Attribution`,
          definition(t) {
            t.string('label');
            t.string('sourceName');
            t.string('homepage');
            t.string('originalUrl');
            t.string('sourcePublishedAt');
          },
        }),
        nexus.extendType({
          type: typeName,
          definition(t) {
            t.field('attribution', {
              type: `${typeName}Attribution`,
              resolve: (parent, _args, context) =>
                typeof parent?.id === 'number' ? getService(strapi, 'attribution').loaderFor(context)(parent.id) : null,
            });
          },
        }),
      ],
      resolversConfig: { [`${typeName}.attribution`]: { auth: false } },
    };
  });
}
