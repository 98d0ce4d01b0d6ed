import { ApolloArmor } from '@escape.tech/graphql-armor';
import { readNashraEnv } from '../src/lib/env';
import { busyDatabase } from '../src/lib/failures';
import { sqliteBusyGuard } from '../src/lib/sqlite-busy';
import { checkInput, type InputLimits } from '../src/lib/input-bounds';
import { GraphQLError } from 'graphql';
import type { ArabicConfig } from '@nashra/strapi-plugin-arabic/strapi-server';

// Apollo's "disabled" landing page plugin, written out: the Sandbox would load from a CDN.
const landingPageDisabled = () => ({ __internal_plugin_id__: 'LandingPageDisabled', __is_disabled_plugin__: true });

/**
 * What a failed resolver tells the client. A busy database answers like REST does (see
 * src/middlewares/expected-errors.ts): 503 with Retry-After (Apollo would send 200).
 * An internal error keeps Strapi's generic message, without the extension in which
 * Strapi copies the original error's message: for a database error that is the SQL
 * statement and its values.
 */
type FormattedError = { message: string; extensions?: Record<string, unknown> };
/** Apollo 4's response body, as far as read here (a single result or an incremental stream). */
type ApolloBody = { kind: 'single'; singleResult: { errors?: FormattedError[] } } | { kind: 'incremental' };
const resolverFailures = {
  async requestDidStart() {
    let busy: ReturnType<typeof busyDatabase> = null;
    return {
      async didEncounterErrors({ errors }: { errors: ReadonlyArray<{ originalError?: unknown }> }) {
        for (const error of errors) busy ??= busyDatabase(error.originalError);
        if (busy?.sqlite) sqliteBusyGuard()?.tripped();
      },
      async willSendResponse({ response }: { response: { http: { status?: number; headers: Map<string, string> }; body?: ApolloBody } }) {
        const result = response.body?.kind === 'single' ? response.body.singleResult : null;
        if (result?.errors) {
          result.errors = result.errors.map((e) => {
            if (e.extensions?.code !== 'INTERNAL_SERVER_ERROR') return e;
            if (busy) {
              return { message: 'The database is busy; nothing was stored. Try again shortly.', extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: busy.retryAfterSeconds } };
            }
            const { error: _original, ...extensions } = e.extensions;
            return { ...e, extensions };
          });
        }
        if (!busy) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', String(busy.retryAfterSeconds));
      },
    };
  },
};

/**
 * Variables are not tokens of the query text, so the token limit does not bound them: a filter
 * nested 1,000 `not`s deep in `variables` stalled the process for 16 s. Refused before execution
 * (which is where Apollo coerces them), with a 400 like the other limits.
 */
const variableBounds = (limits: InputLimits) => ({
  async requestDidStart({ request }: { request: { variables?: unknown } }) {
    const verdict = checkInput(request.variables ?? {}, limits);
    return {
      async didResolveOperation() {
        if (verdict.ok) return;
        const what = verdict.reason === 'depth' ? `nested more than ${limits.maxDepth} levels` : `more than ${limits.maxValues} values`;
        throw new GraphQLError(`Variables ${what} are refused.`, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
      },
    };
  },
});

export default () => {
  const env = readNashraEnv();
  // Static limits checked on the document before any resolver runs: a GraphQL request costs
  // what its aliases, fields and tokens say, so a cheap request body must not buy unbounded work.
  const armor = new ApolloArmor({
    maxAliases: { n: env.graphql.maxAliases },
    costLimit: { maxCost: env.graphql.maxCost },
    // Tokens are counted by graphql-js's own parser (parseOptions below): armor's token plugin
    // throws from an Apollo hook, which Apollo 4 answers with a 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: env.graphql.maxDirectives },
    // Strapi's own depthLimit (GRAPHQL_DEPTH_LIMIT) already counts depth.
    maxDepth: { enabled: false },
    // "Did you mean …" answers would map a schema with introspection off.
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return {
    'users-permissions': {
      config: { jwtSecret: env.secrets.jwtSecret },
    },
    graphql: {
      config: {
        endpoint: '/graphql',
        shadowCRUD: true,
        landingPage: landingPageDisabled,
        depthLimit: env.graphql.depthLimit,
        defaultLimit: env.graphql.defaultLimit,
        maxLimit: env.graphql.maxLimit,
        apolloServer: {
          introspection: !env.isProduction,
          ...armor,
          plugins: [...armor.plugins, variableBounds({ maxDepth: env.graphql.maxVariableDepth, maxValues: env.graphql.maxVariableValues }), resolverFailures],
          parseOptions: { maxTokens: env.graphql.maxTokens },
          // The same 1 MB bound as REST bodies, written out: the token limit is what bounds the work.
          bodyParserConfig: { jsonLimit: '1mb' },
        },
      },
    },
    arabic: {
      enabled: true,
      resolve: './plugins/arabic',
      // Which types the plugin works on (validated at boot: plugins/arabic/server/src/config).
      config: {
        slugs: { contentTypes: ['api::article.article', 'api::category.category', 'api::source.source', 'api::ticker.ticker'] },
        search: { contentType: 'api::article.article', titleField: 'title', textFields: ['excerpt', 'body'], populate: ['source', 'cover'] },
        attribution: { contentType: 'api::article.article', sourceField: 'source' },
      } satisfies ArabicConfig,
    },
    moderation: {
      enabled: true,
      resolve: './plugins/moderation',
      // The environment is read by src/lib/env.ts; the plugin validates what it is given (zod) at boot.
      config: {
        ...env.moderation,
        // The review desk lists the entries that use a reported file, by the attribute shown as their title.
        usedIn: [
          { uid: 'api::article.article', titleField: 'title' },
          { uid: 'api::source.source', titleField: 'name' },
        ],
      },
    },
    ingest: { enabled: true, resolve: './plugins/ingest', config: env.ingest },
  };
};
