/**
 * Two Nashra processes on one database, both polling every minute (Strapi cron on every
 * instance): each source is claimed by one of them per round, and every item becomes exactly
 * one article, whichever instance fetched it.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../../../tests/helpers/strapi';
import { startInstance, type Instance } from '../../../../tests/helpers/instances';
import { adminToken } from '../../../../tests/helpers/moderation';
import { startFeedServer, type FeedServer } from '../feed-server';

const ENV = { INGEST_ALLOW_PRIVATE_NETWORKS: 'true', INGEST_POLL: 'true', MODERATION_ENABLED: 'false' };
const FEEDS = ['/ar.xml', '/fr.atom', '/feed.json', '/rss1.rdf', '/utf16.xml', '/malformed.xml'];
const EXPECTED = 2 + 1 + 2 + 1 + 1 + 2;

let database: TestDatabase;
let feeds: FeedServer;
let a: Instance;
let b: Instance;
let adminAuth: Record<string, string>;

beforeAll(async () => {
  feeds = await startFeedServer();
  database = await createTestDatabase();
  a = await startInstance(database, ENV, { NASHRA_CHILD_SETUP: 'true' });
  b = await startInstance(database, ENV);
  adminAuth = { Authorization: `Bearer ${await adminToken(a.http, a.admin!)}` };
}, 180_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await feeds?.close();
  await database?.drop();
});

describe('two instances polling the same sources', () => {
  it('fetch each source once per round and create each item exactly once', async () => {
    const token = { Authorization: `Bearer ${a.token}` };
    for (const [i, path] of FEEDS.entries()) {
      // The same feed twice would be two sources: each is its own (source, GUID) space. One source per feed here.
      const res = await a.http().post('/api/sources').set(token).send({ data: { name: `Source ${i}`, feedUrl: `${feeds.url}${path}` } });
      expect(res.status).toBe(201);
    }
    // Both instances fire on the same minute; wait for a round in which every source was fetched.
    const deadline = Date.now() + 150_000;
    let rows: { lastFetchAt: string | null; created: number }[] = [];
    while (Date.now() < deadline) {
      rows = (await b.http().get('/ingest/sources').set(adminAuth)).body.data;
      if (rows.length === FEEDS.length && rows.every((r) => r.lastFetchAt)) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
    expect(rows.every((r) => r.lastFetchAt)).toBe(true);
    expect(rows.reduce((n, r) => n + r.created, 0)).toBe(EXPECTED);
    for (const path of FEEDS) expect(feeds.hits.get(path)).toBe(1);
    // Both race to fetch everything again at once: the leases let each source through once at a time, and nothing is doubled.
    const results = await Promise.all(
      rows.flatMap((r) => [a, b].map((inst) => inst.http().post(`/ingest/sources/${(r as unknown as { documentId: string }).documentId}/fetch`).set(adminAuth))),
    );
    for (const r of results) expect([200, 409]).toContain(r.status);
    expect(results.filter((r) => r.status === 200).every((r) => r.body.data.created === 0)).toBe(true);
    const articles = await a.http().get('/api/articles?status=draft&locale=*&pagination[pageSize]=100').set(token);
    expect(articles.status).toBe(200);
    expect(articles.body.data).toHaveLength(EXPECTED);
    const urls = articles.body.data.map((x: { originalUrl: string }) => x.originalUrl);
    expect(new Set(urls).size).toBe(EXPECTED);
  }, 200_000);
});
