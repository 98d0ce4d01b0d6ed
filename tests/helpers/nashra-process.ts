/**
 * One Nashra in a child process, for tests that need several instances (two Strapis
 * cannot share a Node process: global.strapi). Boots on the database given in
 * NASHRA_CHILD_DB (JSON env), optionally prepares test credentials and a webhook, prints
 * one JSON line { url, token?, admin? } when ready, and stops cleanly on SIGTERM.
 */
import { startNashra } from './strapi';
import { createAdminUser, fullAccessToken } from './auth';

async function main() {
  const database = { env: JSON.parse(process.env.NASHRA_CHILD_DB ?? '{}'), drop: async () => {} };
  const env = JSON.parse(process.env.NASHRA_CHILD_ENV ?? '{}');
  const app = await startNashra({ env, database });
  const ready: Record<string, unknown> = { url: app.url };
  if (process.env.NASHRA_CHILD_SETUP === 'true') {
    ready.token = await fullAccessToken(app.strapi);
    ready.admin = await createAdminUser(app.strapi);
    const hook = process.env.NASHRA_CHILD_WEBHOOK;
    if (hook) {
      // any: Strapi's types name no webhookStore/webhookRunner service
      const store = app.strapi.get('webhookStore') as any;
      const webhook = await store.createWebhook({ name: 'receiver', url: hook, headers: {}, events: ['moderation.hidden', 'moderation.restored', 'moderation.blocked'], isEnabled: true });
      // any: Strapi's types name no webhookStore/webhookRunner service
      (app.strapi.get('webhookRunner') as any).add(webhook);
    }
  }
  process.stdout.write(`NASHRA_READY ${JSON.stringify(ready)}\n`);
  const stop = async () => {
    await app.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
