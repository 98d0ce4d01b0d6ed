import { readNashraEnv } from '../src/lib/env';

// Apollo's "disabled" landing page plugin, written out: the Sandbox would load from a CDN.
const landingPageDisabled = () => ({ __internal_plugin_id__: 'LandingPageDisabled', __is_disabled_plugin__: true });

export default () => {
  const env = readNashraEnv();
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
        apolloServer: { introspection: !env.isProduction },
      },
    },
    arabic: { enabled: true, resolve: './plugins/arabic' },
    moderation: { enabled: true, resolve: './plugins/moderation' },
  };
};
