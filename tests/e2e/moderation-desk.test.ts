/**
 * The review desk in a real browser: a Moderator restores and blocks images that readers'
 * reports (through the public API) hid, a settings user lowers the threshold through the
 * settings page and the next reports obey it, an Editor sees no Moderation menu, and the
 * desk reads right to left in Arabic. Screenshots go to tests/artifacts.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startNashra, type Nashra } from '../helpers/strapi';
import { createAdminUser, fullAccessToken, type AdminUser } from '../helpers/auth';
import { editor } from '../helpers/content';
import { MODERATION_ENV, ip, reporter, uploadLarge, within } from '../helpers/moderation';
import { adminLogin, launchBrowser, screenshot } from '../helpers/browser';

type File = Awaited<ReturnType<typeof uploadLarge>>;

let app: Nashra;
let browser: Browser;
let ed: ReturnType<typeof editor>;
let report: ReturnType<typeof reporter>;
const users: Record<'moderator' | 'moderatorAr' | 'settings' | 'editor', AdminUser> = {} as Record<'moderator' | 'moderatorAr' | 'settings' | 'editor', AdminUser>;
const files: Record<'toRestore' | 'toBlock' | 'queued' | 'next', File> = {} as Record<'toRestore' | 'toBlock' | 'queued' | 'next', File>;
let article: { documentId: string };
let network = 600;

/** Three readers from three networks: the default rule (3 reporters, 2 networks) hides the file. */
async function reportFrom(file: File, readers: number, reason = 'violence', comment?: string) {
  for (let n = 0; n < readers; n++) {
    const res = await report(file.id, ip(network++, 1), n === readers - 1 ? 'hate' : reason, n === 0 && comment ? { comment } : {});
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
}

async function newPage(user: AdminUser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await adminLogin(page, app.url, user.email, user.password);
  return page;
}

const row = (page: Page, file: File) => page.getByTestId(`queue-row-${file.id}`);
const waitForStatus = (page: Page, file: File, status: string) =>
  page.locator(`[data-testid="queue-row-${file.id}"][data-status="${status}"]`).waitFor({ timeout: 30_000 });

async function confirm(page: Page, testid: string) {
  await page.getByTestId(testid).click();
  await page.getByTestId('confirm-dialog').waitFor();
  await page.getByTestId('confirm-ok').click();
  await page.getByTestId('confirm-dialog').waitFor({ state: 'detached', timeout: 30_000 });
}

beforeAll(async () => {
  app = await startNashra({ admin: true, env: MODERATION_ENV });
  ed = editor(app.http, await fullAccessToken(app.strapi));
  report = reporter(app.http);
  users.moderator = await createAdminUser(app.strapi, 'moderator');
  users.moderatorAr = await createAdminUser(app.strapi, 'moderator');
  await app.strapi.db.query('admin::user').update({ where: { email: users.moderatorAr.email }, data: { preferedLanguage: 'ar' } });
  users.settings = await createAdminUser(app.strapi);
  users.editor = await createAdminUser(app.strapi, 'strapi-editor');

  files.toRestore = await uploadLarge(app.http, ed.auth, 'منظر-الميناء.jpg', 200);
  files.toBlock = await uploadLarge(app.http, ed.auth, 'crowd-photo.jpg', 10);
  files.queued = await uploadLarge(app.http, ed.auth, 'maroc-marche.jpg', 120);
  const source = await ed.create('sources', { name: 'هسبريس' });
  article = await ed.create('articles', { title: 'ميناء طنجة المتوسط يحطم رقمًا قياسيًا', cover: files.toRestore.id, source: source.documentId }, '?locale=ar');
  await ed.create('articles', { title: 'Affluence record au marché', cover: files.toBlock.id, source: source.documentId }, '?locale=fr');
  await reportFrom(files.toRestore, 3, 'violence', 'صورة دموية لا تليق بالنشر');
  await reportFrom(files.toBlock, 3, 'nudity');
  await reportFrom(files.queued, 1, 'misleading');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the review desk', () => {
  it('shows a moderator the images reports hid, blurred, with their reports and the entries using them', async () => {
    assert.equal((await app.http().get(files.toRestore.url)).status, 404, 'three reports hid it');
    const page = await newPage(users.moderator);
    await page.locator('a[href$="/plugins/moderation"]').first().click();
    await waitForStatus(page, files.toRestore, 'hidden');
    await waitForStatus(page, files.toBlock, 'hidden');
    await waitForStatus(page, files.queued, 'queued');

    const item = row(page, files.toRestore);
    assert.equal(await item.getByTestId('file-name').textContent(), 'منظر-الميناء.jpg');
    await item.getByTestId('reason-violence').waitFor();
    assert.match((await item.getByTestId('reason-violence').textContent()) ?? '', /Violent or graphic content: 2/);
    assert.match((await item.getByTestId('reason-hate').textContent()) ?? '', /: 1$/);
    assert.equal(await item.getByTestId('networks').textContent(), '3 networks');
    const link = item.getByTestId('used-by');
    assert.equal(await link.count(), 1, 'the draft and the published version are one entry');
    assert.equal(
      decodeURIComponent((await link.getAttribute('href')) ?? ''),
      `/admin/content-manager/collection-types/api::article.article/${article.documentId}?plugins[i18n][locale]=ar`,
    );

    // The readers' comments, on demand.
    await item.getByTestId(`comments-toggle-${files.toRestore.id}`).click();
    await item.getByTestId(`comments-${files.toRestore.id}`).getByText('صورة دموية لا تليق بالنشر').waitFor();

    // The picture is blurred until the moderator asks to see it.
    const preview = item.getByTestId(`preview-img-${files.toRestore.id}`);
    await preview.waitFor();
    await page.waitForFunction((id) => (document.querySelector(`[data-testid="preview-img-${id}"]`) as HTMLImageElement)?.naturalWidth > 0, files.toRestore.id);
    assert.match(await preview.evaluate((el) => getComputedStyle(el).filter), /blur/);
    await screenshot(page, 'moderation-desk');
    await item.getByTestId(`reveal-${files.toRestore.id}`).click();
    await page.locator(`[data-testid="preview-${files.toRestore.id}"][data-revealed="true"]`).waitFor();
    await page.waitForFunction((id) => getComputedStyle(document.querySelector(`[data-testid="preview-img-${id}"]`)!).filter === 'none', files.toRestore.id);

    // The status filter.
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Queued for review' }).click();
    await waitForStatus(page, files.queued, 'queued');
    await row(page, files.toRestore).waitFor({ state: 'detached' });
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'All statuses' }).click();
    await waitForStatus(page, files.toRestore, 'hidden');

    // Sorting by most reports puts the single-report image last.
    await page.getByRole('combobox', { name: 'Sort by' }).click();
    await page.getByRole('option', { name: 'Most reports first' }).click();
    await page.waitForURL(/sort=reports/);
    await page.waitForFunction((id) => {
      const rows = Array.from(document.querySelectorAll('[data-testid^="queue-row-"]'));
      return rows.length === 3 && rows[2].getAttribute('data-testid') === `queue-row-${id}`;
    }, files.queued.id);
    await page.context().close();
  });

  it('restores after confirmation, and the public API serves the image again', async () => {
    const page = await newPage(users.moderator);
    await page.goto(`${app.url}/admin/plugins/moderation`);
    await waitForStatus(page, files.toRestore, 'hidden');

    // Cancelling the confirmation changes nothing.
    await page.getByTestId(`restore-${files.toRestore.id}`).click();
    await page.getByTestId('confirm-cancel').click();
    await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
    assert.equal((await app.http().get(files.toRestore.url)).status, 404);

    await confirm(page, `restore-${files.toRestore.id}`);
    await waitForStatus(page, files.toRestore, 'restored');
    assert.ok(await within(5000, async () => (await app.http().get(files.toRestore.url)).status === 200));
    const populated = await app.http().get(`/api/articles/${article.documentId}?populate=cover&locale=ar`);
    assert.equal(populated.status, 200);
    assert.equal(populated.body.data.cover?.id, files.toRestore.id, JSON.stringify(populated.body.data));
    await page.context().close();
  });

  it('blocks another image, which stays hidden from the public', async () => {
    const page = await newPage(users.moderator);
    await page.goto(`${app.url}/admin/plugins/moderation?status=hidden`);
    await waitForStatus(page, files.toBlock, 'hidden');
    await confirm(page, `block-${files.toBlock.id}`);
    // The hidden filter no longer lists it; the full list shows it blocked.
    await row(page, files.toBlock).waitFor({ state: 'detached', timeout: 30_000 });
    await page.goto(`${app.url}/admin/plugins/moderation?status=blocked`);
    await waitForStatus(page, files.toBlock, 'blocked');
    assert.equal((await app.http().get(files.toBlock.url)).status, 404);
    for (const format of Object.values(files.toBlock.formats)) assert.equal((await app.http().get(format.url)).status, 404);

    // Both decisions are in the audit trail under the moderator, apart from the automatic hides.
    await page.getByTestId('tab-audit').click();
    await page.locator('[data-action="block"][data-actor="admin"]').first().waitFor();
    await page.locator('[data-action="restore"][data-actor="admin"]').first().waitFor();
    assert.equal(await page.locator('[data-action="hide"][data-actor="system"]').count(), 2);
    assert.equal(await page.locator('[data-action="hide"][data-actor="admin"]').count(), 0);
    assert.equal(await page.locator('[data-action="block"]').getByTestId('actor-name').textContent(), 'Test Admin');
    assert.match((await page.locator('[data-action="block"]').textContent()) ?? '', /crowd-photo\.jpg/);
    assert.equal(await page.getByTestId('tab-settings').count(), 0, 'the Moderator role has no settings action');
    await screenshot(page, 'moderation-audit');
    await page.context().close();
  });

  it('applies a lower threshold set in the settings page to the next reports, and explains invalid values', async () => {
    const page = await newPage(users.settings);
    await page.goto(`${app.url}/admin/plugins/moderation`);
    await page.getByTestId('tab-settings').click();
    const threshold = page.locator('input[name="threshold"]');
    await threshold.waitFor();
    assert.equal(await threshold.inputValue(), '3');

    await threshold.fill('0');
    await page.getByTestId('settings-save').click();
    // The server's validation error, translated, under the field it names.
    await page.getByText('Must be a whole number from 1 to 1000.').waitFor({ timeout: 30_000 });
    assert.equal(await threshold.getAttribute('aria-invalid'), 'true');
    assert.equal((await app.strapi.plugin('moderation').service('settings').get()).threshold, 3);

    await threshold.fill('2');
    await page.getByText('Must be a whole number from 1 to 1000.').waitFor({ state: 'detached' });
    await page.locator('input[name="reasons[0].labels.fr"]').fill('');
    await page.getByTestId('settings-save').click();
    await page.getByText('Required: text of 1 to 80 characters.').waitFor();
    await page.locator('input[name="reasons[0].labels.fr"]').fill('Contenu violent');
    await page.getByTestId('settings-save').click();
    await page.getByText('Settings saved. The next reports follow them.').waitFor({ timeout: 30_000 });
    await screenshot(page, 'moderation-settings');

    const settings = await app.strapi.plugin('moderation').service('settings').get();
    assert.equal(settings.threshold, 2);
    assert.equal(settings.reasons[0].labels.fr, 'Contenu violent');

    files.next = await uploadLarge(app.http, ed.auth, 'next.jpg', 300);
    await reportFrom(files.next, 2);
    assert.equal((await app.http().get(files.next.url)).status, 404, 'two reports from two networks hide it now');
    assert.equal((await app.strapi.plugin('moderation').service('review').item(files.next.id)).status, 'hidden');
    await page.context().close();
  });

  it('pages through the queue', async () => {
    const page = await newPage(users.moderator);
    await page.goto(`${app.url}/admin/plugins/moderation?pageSize=2&sort=reports`);
    const rows = page.locator('[data-testid^="queue-row-"]');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 2);
    const first = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
    await page.getByRole('link', { name: 'Go to next page' }).click();
    await page.waitForURL(/page=2/);
    await page.waitForFunction((ids) => {
      const now = Array.from(document.querySelectorAll('[data-testid^="queue-row-"]')).map((el) => el.getAttribute('data-testid'));
      return now.length === 2 && now.every((id) => !ids.includes(id));
    }, first);
    await page.context().close();
  });

  it('shows an Editor no Moderation menu', async () => {
    const page = await newPage(users.editor);
    await page.locator('a[href$="/content-manager"]').first().waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('a[href$="/plugins/moderation"]').count(), 0);
    await page.context().close();
  });

  it('reads right to left in Arabic, which the profile offers as interface language', async () => {
    const page = await newPage(users.moderatorAr);
    await page.goto(`${app.url}/admin/plugins/moderation`);
    const desk = page.getByTestId('moderation-desk');
    await desk.waitFor();
    await waitForStatus(page, files.queued, 'queued');
    assert.equal(await desk.getAttribute('dir'), 'rtl');
    assert.equal(await desk.evaluate((el) => getComputedStyle(el.querySelector('table')!).direction), 'rtl');
    await page.getByText('قائمة المراجعة').first().waitFor();
    assert.match((await row(page, files.queued).getByTestId('status').textContent()) ?? '', /بانتظار المراجعة/);
    await screenshot(page, 'moderation-desk-ar');

    await page.goto(`${app.url}/admin/me`);
    await page.getByRole('combobox', { name: /لغة الواجهة|Interface language/ }).click();
    await page.getByRole('option', { name: 'العربية' }).waitFor();
    await page.context().close();
  });

  it('blocks a selection of images at once', async () => {
    const page = await newPage(users.moderator);
    await page.goto(`${app.url}/admin/plugins/moderation`);
    await waitForStatus(page, files.queued, 'queued');
    await waitForStatus(page, files.next, 'hidden');
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
    await page.getByTestId(`select-${files.queued.id}`).click();
    await page.getByTestId(`select-${files.next.id}`).click();
    assert.match((await page.getByTestId('bulk-bar').textContent()) ?? '', /2 selected/);
    await confirm(page, 'block-selected');
    await waitForStatus(page, files.queued, 'blocked');
    await waitForStatus(page, files.next, 'blocked');
    await waitForStatus(page, files.toRestore, 'restored');
    assert.equal((await app.http().get(files.queued.url)).status, 404);
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });

    await confirm(page, `remove-${files.next.id}`);
    await row(page, files.next).waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(await app.strapi.db.query('plugin::upload.file').count({ where: { id: files.next.id } }), 0, 'deleted from the Media Library');
    await page.context().close();
  });
});
