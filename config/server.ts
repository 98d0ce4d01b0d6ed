import { readNashraEnv } from '../src/lib/env';

export default () => {
  const env = readNashraEnv();
  return {
    host: env.host,
    port: env.port,
    ...(env.publicUrl ? { url: env.publicUrl } : {}),
    // Koa then keeps only the last `trustProxy` entries of X-Forwarded-For and takes the first
    // of those: the address the outermost trusted proxy saw. Entries further left are the
    // client's own writing.
    proxy: { koa: env.trustProxy > 0, maxIpsCount: env.trustProxy },
    app: { keys: env.secrets.appKeys },
    // The update notifier asks the npm registry at boot; Nashra runs offline.
    logger: { updates: { enabled: false }, startup: { enabled: false } },
  };
};
