/**
 * Choosing which webhooks receive the moderation events, from the desk's settings: Strapi's
 * own Settings -> Webhooks page cannot list them. The choice goes through the admin webhooks
 * API, keeps the webhook's other events, and a hide is then delivered to that webhook.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startNashra, type Nashra } from '../helpers/strapi';
import { createAdminUser, fullAccessToken, type AdminUser } from '../helpers/auth';
import { editor } from '../helpers/content';
import { MODERATION_ENV, adminToken, ip, reporter, within } from '../helpers/moderation';
import { adminLogin, launchBrowser, screenshot } from '../helpers/browser';
import { startReceiver } from '../helpers/receiver';

let app: Nashra;
let browser: Browser;
let page: Page;
let admin: AdminUser;
let jwt: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let hook: { id: number; events: string[] };

beforeAll(async () => {
  app = await startNashra({ admin: true, env: MODERATION_ENV });
  admin = await createAdminUser(app.strapi);
  jwt = await adminToken(app.http, admin);
  receiver = await startReceiver();
  const res = await app
    .http()
    .post('/admin/webhooks')
    .set('Authorization', `Bearer ${jwt}`)
    .send({ name: 'cdn-purge', url: receiver.url, headers: {}, events: ['entry.publish'] });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  hook = res.body.data;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await adminLogin(page, app.url, admin.email, admin.password);
});

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await app?.stop();
});

const stored = async () =>
  (await app.http().get(`/admin/webhooks/${hook.id}`).set('Authorization', `Bearer ${jwt}`)).body.data.events as string[];

describe('webhooks for the moderation events', () => {
  it('subscribes a webhook to moderation.hidden from the settings page, keeping its other events', async () => {
    await page.goto(`${app.url}/admin/plugins/moderation/settings`);
    const box = page.getByTestId(`webhook-${hook.id}-moderation.hidden`);
    await box.waitFor({ timeout: 30_000 });
    assert.equal(await box.getAttribute('data-state'), 'unchecked');
    await box.click();
    assert.ok(await within(10_000, async () => (await stored()).includes('moderation.hidden')));
    assert.deepEqual((await stored()).sort(), ['entry.publish', 'moderation.hidden']);
    await page.getByTestId('webhook-events').scrollIntoViewIfNeeded();
    await screenshot(page, 'moderation-webhooks');

    await page.getByTestId(`webhook-${hook.id}-moderation.blocked`).click();
    assert.ok(await within(10_000, async () => (await stored()).includes('moderation.blocked')));
    await page.getByTestId(`webhook-${hook.id}-moderation.blocked`).click();
    assert.ok(await within(10_000, async () => !(await stored()).includes('moderation.blocked')));
    assert.deepEqual((await stored()).sort(), ['entry.publish', 'moderation.hidden']);
  });

  it('then delivers a hide to that webhook', async () => {
    const ed = editor(app.http, await fullAccessToken(app.strapi));
    const file = await ed.upload('webhook-target.jpg', 40);
    const report = reporter(app.http);
    for (let n = 0; n < 3; n++) assert.equal((await report(file.id, ip(700 + n, 1), 'violence')).status, 201);
    assert.ok(await within(10_000, async () => receiver.of('moderation.hidden').length > 0));
    const hidden = receiver.of('moderation.hidden');
    assert.equal(hidden.length, 1);
    assert.equal(hidden[0].body.media.id, file.id);
    assert.equal(hidden[0].body.status, 'hidden');
  });
});
