/**
 * The admin panel an Arabic newsroom works in: right to left in Arabic (and back to left to right
 * in English without a reload), Arabic and French throughout the pages editors use, Nashra's own
 * field labels, text direction by content, no Strapi noise, and no console error of a missing
 * translation or a 404 on those pages. Screenshots of the Arabic home, list and edit view go to
 * tests/artifacts (copied to docs/ for the README).
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startNashra, type Nashra } from '../helpers/strapi';
import { createAdminUser, fullAccessToken, type AdminUser } from '../helpers/auth';
import { editor } from '../helpers/content';
import { adminLogin, launchBrowser, screenshot } from '../helpers/browser';

const TITLE_AR = 'طنجة المتوسط يعزز موقعه كأكبر قطب مينائي بالمغرب وفي إفريقيا كلها دون منازع بعد عام من الأرقام القياسية';
const TITLE_FR = 'Le port de Tanger Med confirme sa place de premier port d’Afrique après une année de records historiques';
const SOURCE = 'اليوم 24';
// 10:00 UTC: the same calendar day in every time zone the browser could be given.
const PUBLISHED_AT = '2026-11-28T10:00:00.000Z';

let app: Nashra;
let browser: Browser;
let articleAr: { documentId: string; slug: string };
let articleFr: { documentId: string; slug: string };
const users = {} as Record<'ar' | 'en' | 'fr', AdminUser>;

type Noise = { missing: string[]; notFound: string[] };
const listPath = (locale: string) => `/admin/content-manager/collection-types/api::article.article?plugins[i18n][locale]=${locale}`;
const editPath = (doc: { documentId: string }, locale: string) =>
  `/admin/content-manager/collection-types/api::article.article/${doc.documentId}?plugins[i18n][locale]=${locale}`;

/** A logged-in page that records every missing translation and every 4xx/5xx response. */
async function session(user: AdminUser): Promise<{ context: BrowserContext; page: Page; noise: Noise }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, timezoneId: 'UTC' });
  const page = await context.newPage();
  const noise: Noise = { missing: [], notFound: [] };
  page.on('console', (m) => {
    const text = m.text();
    if (text.includes('MISSING_TRANSLATION')) noise.missing.push(text.split('\n')[0]);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) noise.notFound.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  await adminLogin(page, app.url, user.email, user.password);
  return { context, page, noise };
}

/** Waits until the page's text has settled (lists and forms fill in after the first render). */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => {});
  let last = '';
  for (let i = 0; i < 20; i++) {
    const text = await page.evaluate(() => document.body.innerText);
    if (text === last && text.length > 0) return;
    last = text;
    await page.waitForTimeout(300);
  }
}

/**
 * Latin words left in the page once the content is taken out: titles, names, slugs, the locales'
 * names (rows of Strapi's locale table, data rather than interface) and the user's name.
 */
async function latinLeft(page: Page, content: string[]): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  let rest = text;
  for (const c of [...content].sort((a, b) => b.length - a.length)) rest = rest.split(c).join(' ');
  return [...new Set(rest.match(/[A-Za-z][A-Za-z'’-]+/g) ?? [])];
}

/**
 * Whether the first characters of an element's text are inside its visible box: an Arabic title
 * laid out left to right and cut with an ellipsis loses its first words off the right edge.
 */
async function startVisible(page: Page, text: string): Promise<{ visible: boolean; detail: string }> {
  return page.evaluate((wanted) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.startsWith(wanted.slice(0, 20))) continue;
      const holder = node.parentElement!;
      const box = holder.getBoundingClientRect();
      if (box.width === 0) continue;
      const range = document.createRange();
      range.setStart(node, 0);
      range.setEnd(node, 4);
      const first = range.getBoundingClientRect();
      const visible = first.left >= box.left - 1 && first.right <= box.right + 1;
      return { visible, detail: `box ${Math.round(box.left)}..${Math.round(box.right)}, first letters ${Math.round(first.left)}..${Math.round(first.right)}` };
    }
    return { visible: false, detail: 'text not found' };
  }, text);
}

/** How the date field shows its value: the value and the left-to-right order of day, month and year on screen. */
async function dateOnScreen(page: Page) {
  await page.waitForFunction(() => Array.from(document.querySelectorAll('input')).some((i) => /2026/.test(i.value)), null, { timeout: 30_000 });
  return page.evaluate(() => {
    const el = Array.from(document.querySelectorAll('input')).find((i) => /2026/.test(i.value))!;
    const style = getComputedStyle(el);
    // The browser lays the value out as it would any text in that box: measure it in a twin.
    const twin = document.createElement('span');
    twin.style.direction = style.direction;
    twin.style.unicodeBidi = style.unicodeBidi === 'normal' ? 'isolate' : style.unicodeBidi;
    twin.style.whiteSpace = 'pre';
    twin.style.position = 'absolute';
    twin.textContent = el.value;
    el.parentElement!.appendChild(twin);
    const text = twin.firstChild as Text;
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    const left: Record<string, number> = {};
    for (const part of ['28', '11', '2026']) {
      const at = el.value.indexOf(part);
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + part.length);
      left[part] = range.getBoundingClientRect().left;
    }
    const order = Object.keys(left).sort((a, b) => left[a] - left[b]);
    twin.remove();
    return { value: el.value.replace(/[\u200e\u200f\u061c]/g, ''), direction: style.direction, order: order.join(' ') };
  });
}

beforeAll(async () => {
  app = await startNashra({ admin: true });
  for (const lang of ['ar', 'en', 'fr'] as const) {
    users[lang] = await createAdminUser(app.strapi);
    await app.strapi.db.query('admin::user').update({ where: { email: users[lang].email }, data: { preferedLanguage: lang } });
  }
  const ed = editor(app.http, await fullAccessToken(app.strapi));
  const source = await ed.create('sources', { name: SOURCE });
  articleAr = await ed.create('articles', { title: TITLE_AR, excerpt: 'ميناء طنجة المتوسط يحقق رقما قياسيا جديدا', source: source.documentId, sourcePublishedAt: PUBLISHED_AT }, '?locale=ar');
  articleFr = await ed.create('articles', { title: TITLE_FR, source: source.documentId, sourcePublishedAt: PUBLISHED_AT }, '?locale=fr');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const CONTENT = () => [
  TITLE_AR, TITLE_FR, articleAr.slug, articleFr.slug, SOURCE,
  'Arabic (ar)', 'French (fr)', 'English (en)', // the locales' names are data (Strapi's locale table)
  'Test Admin', 'Test', 'TA', // the user's name and initials
  'Super Admin', 'SUPER ADMIN', // the name of the user's role (Strapi's role table)
];

/**
 * Latin that Arabic newsroom text keeps on purpose (API, the keyboard's key names), and Strapi's
 * words hard-coded outside any translation: the date picker's "<clear> date" and "<clear> time"
 * (design system) and the locale cell's "(default)" (i18n).
 */
const LATIN_ALLOWED = new Set(['API', 'Ctrl', 'Command', 'Shift', 'date', 'time', 'default']);
const english = (words: string[]) => words.filter((w) => !LATIN_ALLOWED.has(w));

describe('the admin panel in Arabic', () => {
  let page: Page;
  let noise: Noise;
  let context: BrowserContext;
  beforeAll(async () => ({ page, noise, context } = await session(users.ar)));
  afterAll(async () => context?.close());

  it('is right to left, with the menu on the right', async () => {
    await page.goto(`${app.url}/admin`);
    await page.locator('nav').first().waitFor({ timeout: 30_000 });
    await settle(page);
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute('dir')), 'rtl');
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute('lang')), 'ar');
    const nav = (await page.locator('nav').first().boundingBox())!;
    assert.ok(nav.x > 1366 / 2, `the main menu is at x=${nav.x}, not on the right`);
    assert.deepEqual(english(await latinLeft(page, [...CONTENT(), users.ar.email])), [], 'English on the home page');
    await screenshot(page, 'admin-home-ar');
  });

  it('shows no guided tour, banner or Strapi Cloud offer', async () => {
    for (const path of ['/admin', listPath('ar')]) {
      await page.goto(`${app.url}${path}`);
      await settle(page);
      const text = await page.evaluate(() => document.body.innerText);
      for (const noisy of [/Step \d+ of \d+/, /Media Library/i, /Strapi Cloud/i, /guided tour/i]) assert.doesNotMatch(text, noisy, path);
      assert.equal(await page.getByRole('dialog').count(), 0, `a dialog is open on ${path}`);
    }
  });

  it('lists articles in Arabic, titles shown from their first word', async () => {
    await page.goto(`${app.url}${listPath('ar')}`);
    await page.getByText(TITLE_AR.slice(0, 30)).first().waitFor({ timeout: 30_000 });
    await settle(page);
    assert.deepEqual(english(await latinLeft(page, CONTENT())), [], 'English in the article list');
    const start = await startVisible(page, TITLE_AR);
    assert.ok(start.visible, `the Arabic title is cut at its start: ${start.detail}`);
    await screenshot(page, 'admin-articles-list-ar');
  });

  it('edits an article in Arabic: Nashra labels and hints, the title from its start, the date as Arabic reads it', async () => {
    await page.goto(`${app.url}${editPath(articleAr, 'ar')}`);
    await page.locator('input[name="title"]').waitFor({ timeout: 30_000 });
    await settle(page);
    for (const label of ['العنوان', 'الرابط الدائم', 'المقتطف', 'تاريخ النشر في المصدر', 'الرابط الأصلي', 'رابط الخبر في موقع المصدر']) {
      assert.ok(await page.getByText(label, { exact: false }).count(), `no "${label}"`);
    }
    assert.deepEqual(english(await latinLeft(page, CONTENT())), [], 'English in the edit view');
    const title = page.locator('input[name="title"]');
    assert.equal(await title.evaluate((el) => getComputedStyle(el).unicodeBidi), 'plaintext', 'the title input does not take its direction from its text');
    assert.equal(await title.evaluate((el) => (el as HTMLInputElement).scrollLeft), 0, 'the title input is scrolled away from its start');
    const date = await dateOnScreen(page);
    assert.equal(date.value, '28/11/2026');
    assert.equal(date.order, '2026 11 28', `the date reads ${date.order} from left to right (direction ${date.direction})`);
    await screenshot(page, 'admin-article-edit-ar');
  });

  it('opens menus where the page is, mirrored, without shifting the page', async () => {
    await page.getByRole('button', { name: 'إجراءات أخرى للمادة' }).click();
    const item = page.getByRole('menuitem').first();
    await item.waitFor({ timeout: 30_000 });
    const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    assert.ok(width <= 1366, `the page became ${width}px wide with the menu open: the view lands on an empty half`);
    const box = (await item.boundingBox())!;
    assert.ok(box.x >= 0 && box.x + box.width <= 1366, `the menu is off screen at x=${box.x}`);
    const icon = await item.evaluate((el) => {
      const svg = el.querySelector('svg');
      return svg ? svg.getBoundingClientRect().left > el.getBoundingClientRect().left + el.getBoundingClientRect().width / 2 : null;
    });
    assert.notEqual(icon, false, 'the menu item\'s icon is on its left: the menu is not mirrored');
    await screenshot(page, 'admin-article-menu-ar');
    await page.keyboard.press('Escape');
  });

  it('reads Arabic in the Media Library, the plugins\' pages and users & roles too', async () => {
    for (const path of ['/admin/plugins/upload', '/admin/plugins/moderation', '/admin/plugins/arabic', '/admin/settings/users', '/admin/settings/roles', '/admin/me']) {
      await page.goto(`${app.url}${path}`);
      await settle(page);
    }
  });

  it('asked for no missing translation and met no 404 on those pages', () => {
    assert.deepEqual([...new Set(noise.missing)], []);
    assert.deepEqual([...new Set(noise.notFound)], []);
  });

  it('turns left to right when the editor switches to English, without a reload', async () => {
    await page.goto(`${app.url}/admin/me`);
    await settle(page);
    await page.evaluate(() => ((window as unknown as { __sameDocument?: boolean }).__sameDocument = true));
    await page.getByRole('combobox', { name: /لغة الواجهة/ }).click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.waitForFunction(() => document.documentElement.getAttribute('dir') === 'ltr', null, { timeout: 30_000 });
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute('lang')), 'en');
    assert.equal(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument), true, 'the page was reloaded');
    const nav = (await page.locator('nav').first().boundingBox())!;
    assert.ok(nav.x < 1366 / 2, `the main menu stayed on the right (x=${nav.x})`);
  });
});

describe('the admin panel in English', () => {
  let page: Page;
  let noise: Noise;
  let context: BrowserContext;
  beforeAll(async () => ({ page, noise, context } = await session(users.en)));
  afterAll(async () => context?.close());

  it('is left to right, with the menu on the left and no tour or banner', async () => {
    await page.goto(`${app.url}/admin`);
    await page.locator('nav').first().waitFor({ timeout: 30_000 });
    await settle(page);
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute('dir')), 'ltr');
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute('lang')), 'en');
    assert.ok((await page.locator('nav').first().boundingBox())!.x < 1366 / 2);
    const text = await page.evaluate(() => document.body.innerText);
    for (const noisy of [/Step \d+ of \d+/, /Introducing the new Media Library/, /Strapi Cloud/, /guided tour/i]) assert.doesNotMatch(text, noisy);
  });

  it('shows an Arabic title right to left from its first word, and a French one from its first word', async () => {
    await page.goto(`${app.url}${listPath('ar')}`);
    await page.getByText(TITLE_AR.slice(0, 30)).first().waitFor({ timeout: 30_000 });
    await settle(page);
    const ar = await startVisible(page, TITLE_AR);
    assert.ok(ar.visible, `the Arabic title is cut at its start in the English interface: ${ar.detail}`);
    await page.goto(`${app.url}${listPath('fr')}`);
    await page.getByText(TITLE_FR.slice(0, 30)).first().waitFor({ timeout: 30_000 });
    const fr = await startVisible(page, TITLE_FR);
    assert.ok(fr.visible, `the French title is cut at its start: ${fr.detail}`);
  });

  it('edits an article with English labels and the date in English order', async () => {
    await page.goto(`${app.url}${editPath(articleAr, 'ar')}`);
    await page.locator('input[name="title"]').waitFor({ timeout: 30_000 });
    await settle(page);
    for (const label of ['Title', 'Slug', 'Excerpt', 'Published at the source on', 'Original URL']) {
      assert.ok(await page.getByText(new RegExp(`^${label}\\*?$`)).count(), `no "${label}"`);
    }
    const date = await dateOnScreen(page);
    assert.equal(date.value, '11/28/2026');
    assert.equal(date.order, '11 28 2026');
    assert.deepEqual([...new Set(noise.missing)], []);
    assert.deepEqual([...new Set(noise.notFound)], []);
  });
});

describe('the admin panel in French', () => {
  it('asks for no missing translation on the pages editors use', async () => {
    const { page, noise, context } = await session(users.fr);
    for (const path of ['/admin', listPath('fr'), editPath(articleFr, 'fr'), '/admin/plugins/upload', '/admin/me']) {
      await page.goto(`${app.url}${path}`);
      await settle(page);
    }
    await context.close();
    assert.deepEqual([...new Set(noise.missing)], []);
    assert.deepEqual([...new Set(noise.notFound)], []);
  });
});
