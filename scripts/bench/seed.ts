/** The benchmark's data: many published articles with covers, sources, a category and a ticker. */
import type { Core } from '@strapi/strapi';
import { articles as demoArticles, covers, sources } from '../demo/content';
import { renderCover } from '../demo/covers';
import { paragraphsToBlocks, uploadImage } from '../lib/strapi';

const SOURCES = 20;

export interface BenchData {
  articleDocumentId: string;
  articles: number;
  /** Images in the Media Library that no entry uses: what the report case reports. */
  reportableFileIds: number[];
}

export interface SeedOptions {
  /**
   * Write plain ASCII slugs: stock Strapi's `uid` is filled by its admin panel, not by the
   * Document Service, and accepts only ASCII. Nashra makes its Arabic slugs itself.
   */
  asciiSlugs?: boolean;
}

export async function seedBenchData(strapi: Core.Strapi, count: number, options: SeedOptions = {}): Promise<BenchData> {
  const slug = (value: string) => (options.asciiSlugs ? { slug: value } : {});
  const sourceIds: string[] = [];
  // 20 sources, as a portal aggregates: the demo's, then the same outlets' regional editions.
  for (let n = 0; n < SOURCES; n++) {
    const s = sources[n % sources.length];
    const edition = Math.floor(n / sources.length);
    const doc = await strapi.documents('api::source.source').create({
      data: { name: edition ? `${s.name} ${edition + 1}` : s.name, homepage: s.homepage, language: s.language, country: s.country, ...slug(`source-${n + 1}`) },
      status: 'published',
    });
    sourceIds.push(doc.documentId);
  }
  const category = await strapi.documents('api::category.category').create({ locale: 'ar', data: { name: 'أخبار', ...slug('news') }, status: 'published' });

  // A few dozen distinct images, as a portal reuses photos; resizing 1,000 would only time sharp.
  const coverIds: number[] = [];
  for (const cover of covers.slice(0, 40)) {
    const file = await uploadImage(strapi, await renderCover(cover, { width: 800, height: 450 }), `bench-${cover.key}.jpg`, cover.label);
    coverIds.push(file.id);
  }

  const arabic = demoArticles.filter((a) => a.locale === 'ar');
  let last = '';
  for (let i = 0; i < count; i++) {
    const model = arabic[i % arabic.length];
    const doc = await strapi.documents('api::article.article').create({
      locale: 'ar',
      status: 'published',
      data: {
        title: `${model.title} (${i + 1})`,
        excerpt: model.excerpt,
        body: paragraphsToBlocks(model.paragraphs),
        source: sourceIds[i % sourceIds.length],
        category: category.documentId,
        cover: coverIds[i % coverIds.length],
        originalUrl: `${model.originalUrl}?n=${i}`,
        sourcePublishedAt: new Date(Date.now() - i * 60_000).toISOString(),
        ...slug(`article-${i + 1}`),
      },
    });
    last = doc.documentId;
  }

  // The stock app of the bench has no ticker type.
  if (strapi.contentTypes['api::ticker.ticker' as keyof typeof strapi.contentTypes]) await strapi.documents('api::ticker.ticker').create({
    locale: 'ar',
    status: 'published',
    data: {
      name: 'عاجل',
      slug: 'breaking',
      limit: 10,
      autoMaxAgeHours: 72,
      items: [
        { headline: 'عاجل: تعليق الرحلات البحرية بين طنجة وطريفة', priority: 90, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
        { headline: 'مجلس النواب يصادق على مشروع قانون المالية', priority: 60 },
      ],
    },
  });
  const reportableFileIds: number[] = [];
  for (const cover of covers.slice(0, 20)) {
    const file = await uploadImage(strapi, await renderCover(cover, { width: 320, height: 180, text: false }), `reportable-${cover.key}.jpg`, cover.label);
    reportableFileIds.push(file.id);
  }
  return { articleDocumentId: last, articles: count, reportableFileIds };
}
