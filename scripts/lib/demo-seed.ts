/**
 * Seeds the demo content into a loaded Nashra. Idempotent: everything is looked up by a
 * natural key first (a source's homepage, an article's originalUrl and locale, a cover's
 * file name, a ticker's slug), so running the demo again duplicates nothing.
 */
import type { Core } from '@strapi/strapi';
import { BASE_DATE, articles, categories, covers, sources, ticker, tickerItems } from '../demo/content';
import { renderCover } from '../demo/covers';
import { paragraphsToBlocks, uploadImage } from './strapi';

const LOCALES = ['ar', 'fr', 'en'] as const;

export interface SeedSummary {
  sources: number;
  categories: number;
  articles: number;
  created: number;
}

/** The sources whose feeds the demo serves itself (scripts/demo/feeds, served by scripts/demo/feed-server.mjs). */
export const DEMO_FEED_KEYS = ['yawmiyat24', 'asdaa', 'lefil360'] as const;

export interface SeedOptions {
  /** Base URL of the demo's own feed server: those sources poll it (and publish what they find); the others get no feed. */
  feedBase?: string;
}

/** A source's feed settings for the demo: a local feed, or none (the content's feeds are .example hosts that never resolve). */
export function demoFeed(key: string, feedBase: string | undefined): { feedUrl: string | null; autoPublish: boolean; pollMinutes: number } | null {
  if (!feedBase) return null;
  const local = (DEMO_FEED_KEYS as readonly string[]).includes(key);
  return { feedUrl: local ? `${feedBase.replace(/\/+$/, '')}/feeds/${key}.xml` : null, autoPublish: local, pollMinutes: 5 };
}

export async function seedDemo(strapi: Core.Strapi, now = new Date(), options: SeedOptions = {}): Promise<SeedSummary> {
  // The content is dated relative to BASE_DATE; shift it so the newest news is from today.
  const shift = now.getTime() - Date.parse(BASE_DATE);
  const shifted = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();
  let created = 0;

  const sourceIds = new Map<string, string>();
  for (const s of sources) {
    const existing = await strapi.documents('api::source.source').findFirst({ filters: { homepage: s.homepage } });
    const doc =
      existing ??
      (created++,
      await strapi.documents('api::source.source').create({
        data: { name: s.name, homepage: s.homepage, feedUrl: s.feedUrl, language: s.language, country: s.country, active: s.active },
        status: 'published',
      }));
    const feed = demoFeed(s.key, options.feedBase);
    if (feed && (doc.feedUrl !== feed.feedUrl || doc.autoPublish !== feed.autoPublish)) {
      // The feed server's port may differ from the last run: keep the sources pointing at it.
      await strapi.documents('api::source.source').update({ documentId: doc.documentId, data: feed as Record<string, unknown> });
      await strapi.documents('api::source.source').publish({ documentId: doc.documentId });
    }
    sourceIds.set(s.key, doc.documentId);
  }

  const categoryIds = new Map<string, string>();
  for (const c of categories) {
    let doc = await strapi.documents('api::category.category').findFirst({ locale: 'ar', filters: { name: c.names.ar } });
    if (!doc) {
      created++;
      doc = await strapi.documents('api::category.category').create({ locale: 'ar', data: { name: c.names.ar }, status: 'published' });
    }
    for (const locale of LOCALES.filter((l) => l !== 'ar')) {
      const translated = await strapi.documents('api::category.category').findOne({ documentId: doc.documentId, locale });
      if (!translated) {
        // Without generated content-type types (types/generated) update's Input lists no attribute (create's does): widened.
        await strapi.documents('api::category.category').update({ documentId: doc.documentId, locale, data: { name: c.names[locale] } as Record<string, unknown> });
        await strapi.documents('api::category.category').publish({ documentId: doc.documentId, locale });
      }
    }
    categoryIds.set(c.key, doc.documentId);
  }

  const coverIds = new Map<string, number>();
  for (const cover of covers) {
    const name = `demo-${cover.key}.jpg`;
    const existing = await strapi.db.query('plugin::upload.file').findOne({ where: { name } });
    const file = existing ?? (await uploadImage(strapi, await renderCover(cover), name, cover.label));
    coverIds.set(cover.key, file.id);
  }

  const articleIds = new Map<string, string>();
  for (const a of articles) {
    let doc = await strapi.documents('api::article.article').findFirst({ locale: a.locale, filters: { originalUrl: a.originalUrl } });
    if (!doc) {
      created++;
      doc = await strapi.documents('api::article.article').create({
        locale: a.locale,
        status: 'published',
        data: {
          title: a.title,
          excerpt: a.excerpt,
          body: paragraphsToBlocks(a.paragraphs),
          source: sourceIds.get(a.sourceKey),
          category: categoryIds.get(a.categoryKey),
          cover: coverIds.get(a.coverKey),
          originalUrl: a.originalUrl,
          sourcePublishedAt: shifted(a.sourcePublishedAt),
          byline: a.byline ?? null,
        },
      });
      // Readers see the portal's publication time; give it a plausible lag after the source.
      const publishedAt = new Date(Date.parse(shifted(a.sourcePublishedAt)) + 20 * 60_000);
      await strapi.db
        .query('api::article.article')
        .updateMany({ where: { documentId: doc.documentId, locale: a.locale, publishedAt: { $notNull: true } }, data: { publishedAt } });
    }
    articleIds.set(a.key, doc.documentId);
  }

  for (const locale of ['ar', 'fr'] as const) {
    const existing = await strapi.documents('api::ticker.ticker').findFirst({ locale, filters: { slug: ticker.slug } });
    if (existing) continue;
    created++;
    const items =
      locale === 'ar'
        ? tickerItems.map((item) => ({
            headline: item.headline,
            url: item.url,
            priority: item.priority,
            article: item.articleKey ? articleIds.get(item.articleKey) : undefined,
            startsAt: item.startsAfterMinutes === undefined ? null : new Date(now.getTime() + item.startsAfterMinutes * 60_000).toISOString(),
            expiresAt: item.expiresAfterHours === undefined ? null : new Date(now.getTime() + item.expiresAfterHours * 3_600_000).toISOString(),
          }))
        : [];
    await strapi.documents('api::ticker.ticker').create({
      locale,
      status: 'published',
      data: { name: locale === 'ar' ? ticker.name : 'Flash', slug: ticker.slug, items, autoEnabled: true, autoMaxAgeHours: 72, limit: 10 },
    });
  }

  return { sources: sourceIds.size, categories: categoryIds.size, articles: articleIds.size, created };
}

/** The demo's super admin; created once, never in production. */
export async function ensureDemoAdmin(strapi: Core.Strapi, email: string, password: string): Promise<'created' | 'exists'> {
  if (process.env.NODE_ENV === 'production') throw new Error('The demo admin account is never created in production');
  if (await strapi.db.query('admin::user').findOne({ where: { email } })) return 'exists';
  const role = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  await strapi.service('admin::user').create({
    email,
    firstname: 'Demo',
    lastname: 'Editor',
    password,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  return 'created';
}
