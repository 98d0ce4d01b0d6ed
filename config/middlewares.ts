import { readNashraEnv } from '../src/lib/env';

export default () => {
  const env = readNashraEnv();
  return [
    'strapi::logger',
    'strapi::errors',
    // A busy database answers 503 + Retry-After, a client's malformed body its 4xx, each one line at warn.
    'global::expected-errors',
    'strapi::security',
    {
      name: 'strapi::cors',
      config: {
        origin: env.corsOrigins === '*' ? '*' : env.corsOrigins,
        headers: ['Content-Type', 'Authorization', 'Origin', 'Accept', 'If-None-Match'],
        expose: ['ETag', 'Retry-After'],
      },
    },
    'strapi::poweredBy',
    // Anonymous public reads from the response cache, before query parsing, sessions and the router (src/cache).
    'global::response-cache',
    // Serves cached tickers before query parsing, sessions and the router (see the file).
    'global::ticker-cache',
    'strapi::query',
    'strapi::body',
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
  ];
};
