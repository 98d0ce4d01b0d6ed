/** npm run demo's feeds: the seeded sources point at the demo's own feed server, and one poll turns them into published articles. */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { startNashra, type Nashra } from '../../../../tests/helpers/strapi';
import { seedDemo, DEMO_FEED_KEYS } from '../../../../scripts/lib/demo-seed';

let app: Nashra;
let feeds: { base: string; close: () => Promise<void> };

beforeAll(async () => {
  const { startDemoFeeds } = require('../../../../scripts/demo/feed-server.cjs') as { startDemoFeeds: (port: number) => Promise<{ base: string; close: () => Promise<void> }> };
  feeds = await startDemoFeeds(0);
  app = await startNashra({ env: { INGEST_ALLOW_PRIVATE_NETWORKS: 'true', INGEST_POLL: 'false', MODERATION_ENABLED: 'false' } });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await feeds?.close();
});

describe('demo feeds', () => {
  it('seeded sources poll the demo feeds; articles arrive published, the windows-1256 one in readable Arabic', async () => {
    await seedDemo(app.strapi, new Date(), { feedBase: feeds.base });
    const sources = (await app.strapi.documents('api::source.source').findMany({ status: 'published', filters: { feedUrl: { $notNull: true } } } as never)) as unknown as { feedUrl: string }[];
    expect(sources.map((s) => s.feedUrl).sort()).toEqual(DEMO_FEED_KEYS.map((k) => `${feeds.base}/feeds/${k}.xml`).sort());
    const done = await (app.strapi.plugin('ingest').service('runner') as { pollDue: () => Promise<number> }).pollDue();
    expect(done).toBe(3);
    const arrived = (await app.strapi.documents('api::article.article').findMany({ locale: '*', status: 'published', filters: { originalUrl: { $startsWith: feeds.base } }, limit: 100 } as never)) as unknown as { title: string; locale: string }[];
    expect(arrived).toHaveLength(7);
    expect(arrived.map((a) => a.title)).toContain('مجلس الحكومة يصادق على مشروع مرسوم يتعلق بدعم السكن');
    expect(arrived.filter((a) => a.locale === 'fr')).toHaveLength(2);
    // Seeding again (a second npm run demo) changes nothing, and the next poll finds nothing new.
    await seedDemo(app.strapi, new Date(), { feedBase: feeds.base });
    expect(await (app.strapi.plugin('ingest').service('runner') as { pollDue: () => Promise<number> }).pollDue()).toBe(0);
  }, 60_000);
});
