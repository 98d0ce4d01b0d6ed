import { readNashraEnv } from '../src/lib/env';

export default () => {
  const env = readNashraEnv();
  return {
    auth: { secret: env.secrets.adminJwtSecret },
    apiToken: { salt: env.secrets.apiTokenSalt },
    transfer: { token: { salt: env.secrets.transferTokenSalt } },
    secrets: { encryptionKey: env.secrets.encryptionKey },
    flags: { nps: false, promoteEE: false },
    // No front end is wired for previews: off, so the edit view neither asks for a preview URL
    // (a 404 on every document) nor offers "Set up preview".
    preview: { enabled: false },
  };
};
