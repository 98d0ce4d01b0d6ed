/**
 * The Ingestion page in a real browser: an Arabic-speaking editor opens it from the menu, reads
 * it right to left in Arabic, fetches a windows-1256 feed now, sees the source's status and
 * counts change, and follows an item of the last run to its article; a second fetch counts
 * its items as duplicates and creates nothing. Screenshots go to tests/artifacts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { startNashra, type Nashra } from '../helpers/strapi';
import { createAdminUser, type AdminUser } from '../helpers/auth';
import { adminLogin, launchBrowser, screenshot } from '../helpers/browser';
import { startFeedServer, type FeedServer } from '../../plugins/ingest/tests/feed-server';

let app: Nashra;
let feeds: FeedServer;
let browser: Browser;
let page: Page;
let user: AdminUser;
let sourceId: string;

beforeAll(async () => {
  feeds = await startFeedServer();
  app = await startNashra({ admin: true, env: { INGEST_ALLOW_PRIVATE_NETWORKS: 'true', INGEST_POLL: 'false', MODERATION_ENABLED: 'false' } });
  user = await createAdminUser(app.strapi);
  await app.strapi.db.query('admin::user').update({ where: { email: user.email }, data: { preferedLanguage: 'ar' } });
  const source = (await app.strapi.documents('api::source.source').create({
    data: { name: 'اليوم 24', feedUrl: `${feeds.url}/ar.xml`, language: 'ar' } as never,
    status: 'published',
  } as never)) as unknown as { documentId: string };
  sourceId = source.documentId;
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  await adminLogin(page, app.url, user.email, user.password);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await feeds?.close();
});

describe('the Ingestion page', () => {
  it('is in the menu, in Arabic, right to left', async () => {
    const menu = page.locator('a[href$="/plugins/ingest"]').first();
    await menu.waitFor({ timeout: 30_000 });
    await menu.click();
    await page.getByTestId('ingest-page').waitFor();
    expect(await page.getByTestId('ingest-page').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const row = page.getByTestId(`source-${sourceId}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('اليوم 24');
    expect(await row.textContent()).toContain('لم يُجلب قط');
  });

  it('fetches a source now and shows what came of it', async () => {
    const row = page.getByTestId(`source-${sourceId}`);
    await row.getByRole('button', { name: 'اجلب الآن' }).click();
    await row.getByText('سليم').waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('200');
    expect(await row.textContent()).toContain('2 / 2 / 0');
    await screenshot(page, 'ingest-ar');
  });

  it('lists the items of the last run, linked to their articles', async () => {
    await page.getByTestId(`source-${sourceId}`).getByRole('button', { name: 'آخر جولة' }).click();
    const run = page.getByTestId('last-run');
    await run.waitFor();
    const link = run.getByRole('link', { name: 'الحكومة تصادق على مشروع قانون الصحافة & النشر' });
    await link.click();
    await page.waitForURL(/content-manager\/collection-types\/api::article\.article\/[a-z0-9]+/, { timeout: 30_000 });
    await page.getByText('الحكومة تصادق على مشروع قانون الصحافة & النشر').first().waitFor({ timeout: 30_000 });
  });

  it('counts a second fetch of the same feed as duplicates', async () => {
    await page.goto(`${app.url}/admin/plugins/ingest`);
    const row = page.getByTestId(`source-${sourceId}`);
    await row.waitFor();
    await row.getByRole('button', { name: 'اجلب الآن' }).click();
    // Counts are the source's totals: seen 4 (two runs of two), created 2, duplicates 2.
    await row.getByText('4 / 2 / 2').waitFor({ timeout: 30_000 });
    const articles = await app.strapi.documents('api::article.article').findMany({ locale: 'ar', status: 'draft' });
    expect(articles).toHaveLength(2);
  });
});
