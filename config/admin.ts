import { readNashraEnv } from '../src/lib/env';

export default () => {
  const env = readNashraEnv();
  return {
    auth: { secret: env.secrets.adminJwtSecret },
    apiToken: { salt: env.secrets.apiTokenSalt },
    transfer: { token: { salt: env.secrets.transferTokenSalt } },
    secrets: { encryptionKey: env.secrets.encryptionKey },
    flags: { nps: false, promoteEE: false },
  };
};
