import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startNashra, type Nashra } from '../helpers/strapi';
import { createAdminUser, fullAccessToken, type AdminUser } from '../helpers/auth';
import { editor } from '../helpers/content';
import { adminLogin, launchBrowser, screenshot, waitForValue } from '../helpers/browser';

let app: Nashra;
let browser: Browser;
let page: Page;
let admin: AdminUser;
let article: { documentId: string; slug: string };

beforeAll(async () => {
  app = await startNashra({ admin: true });
  admin = await createAdminUser(app.strapi);
  const ed = editor(app.http, await fullAccessToken(app.strapi));
  const source = await ed.create('sources', { name: 'اليوم 24' });
  article = await ed.create('articles', { title: 'طنجة المتوسط يعزز موقعه كأكبر قطب مينائي بالمغرب', source: source.documentId }, '?locale=ar');
  await ed.create('articles', { title: 'Le port de Tanger Med bat un record', source: source.documentId }, '?locale=fr');
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the admin panel', () => {
  it('lets an editor log in and browse Arabic articles, Arabic being the default locale', async () => {
    await adminLogin(page, app.url, admin.email, admin.password);
    await page.goto(`${app.url}/admin/content-manager/collection-types/api::article.article`);
    await page.getByText('طنجة المتوسط يعزز موقعه كأكبر قطب مينائي بالمغرب').waitFor({ timeout: 30_000 });
    await page.waitForURL(/locale%5D=ar|locale\]=ar/, { timeout: 30_000 });
    assert.equal(await page.getByText('Le port de Tanger Med bat un record').count(), 0);
    await screenshot(page, 'admin-articles-ar');
  });

  it('shows the Arabic slug the title gives in the edit view, and regenerates it', async () => {
    assert.equal(article.slug, 'طنجة-المتوسط-يعزز-موقعه-كأكبر-قطب-مينائي-بالمغرب');
    await page.goto(`${app.url}/admin/content-manager/collection-types/api::article.article/${article.documentId}?plugins[i18n][locale]=ar`);
    const slug = page.locator('input[name="slug"]');
    await slug.waitFor({ timeout: 30_000 });
    assert.equal(await waitForValue(slug, article.slug), article.slug);
    await page.locator('input[name="title"]').fill('الـمـغـرب يُتوَّج بجائزة التميز');
    await page.getByText('المغرب-يتوج-بجائزة-التميز').first().waitFor({ timeout: 30_000 });
    await slug.fill('');
    await page.getByRole('button', { name: /Regenerate/ }).click();
    assert.equal(await waitForValue(slug, 'المغرب-يتوج-بجائزة-التميز'), 'المغرب-يتوج-بجائزة-التميز');
    await screenshot(page, 'admin-article-slug');
  });

  it('offers the Arabic, French and English locales', async () => {
    await page.goto(`${app.url}/admin/settings/internationalization`);
    for (const name of ['Arabic (ar)', 'French (fr)', 'English (en)']) {
      await page.getByText(name).first().waitFor({ timeout: 30_000 });
    }
  });

  it('shows the menu links of both Nashra plugins', async () => {
    await page.goto(`${app.url}/admin`);
    await page.locator('a[href$="/plugins/arabic"]').first().waitFor({ timeout: 30_000 });
    await page.locator('a[href$="/plugins/moderation"]').first().waitFor({ timeout: 30_000 });
    await page.goto(`${app.url}/admin/plugins/arabic`);
    await page.locator('input[name="text"]').fill('الـمـغـرب يُتوَّج');
    await page.getByTestId('slug-preview').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('slug-preview').textContent(), 'المغرب-يتوج');
  });
});
