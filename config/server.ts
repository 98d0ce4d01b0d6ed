import { readNashraEnv } from '../src/lib/env';

export default () => {
  const env = readNashraEnv();
  return {
    host: env.host,
    port: env.port,
    ...(env.publicUrl ? { url: env.publicUrl } : {}),
    proxy: { koa: env.trustProxy },
    app: { keys: env.secrets.appKeys },
    // The update notifier asks the npm registry at boot; Nashra runs offline.
    logger: { updates: { enabled: false }, startup: { enabled: false } },
  };
};
