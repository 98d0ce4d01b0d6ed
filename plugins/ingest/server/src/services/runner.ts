/**
 * One fetch of one source, start to end: claim its lease, fetch (conditional, per-host queue),
 * decode, parse, and store each item once; then write the outcome and free the lease. The feed's
 * validators (ETag, Last-Modified) are saved only after every item is stored, so a crash between
 * fetch and save means the next run fetches the same items again, and the unique item claims turn
 * them into duplicates rather than copies.
 */
import type { Core } from '@strapi/strapi';
import {
  backoffDelay, decodeBody, extractMainText, fetchFeed, FetchError, HostQueue, nextPollDelay, parseFeed, toArticleDraft,
  htmlToBlocks, sanitizeFeedHtml, contentHash, type ArticleDraft, type Block,
} from '../core';
import { UID } from '../content-types';
import { getService, pluginConfig } from '../utils';
import { isUniqueViolation, type FeedState } from './store';
import { bodyWithImages } from './cover';
import type { RunItem, RunResult, RunStatus } from '../../../shared';

export class SourceBusyError extends Error {
  constructor() {
    super('A fetch of this source is already running');
  }
}
export class SourceNotFoundError extends Error {}

export interface SourceRecord {
  documentId: string;
  name: string;
  feedUrl: string | null;
  language: string | null;
  timeZone: string | null;
  active: boolean | null;
  autoPublish: boolean | null;
  pollMinutes: number | null;
  fullText: boolean | null;
  defaultCategory?: { documentId: string } | null;
}

const hostQueue = new HostQueue();
/** An editor's save within this margin of the plugin's own write is the plugin's write. */
const EDIT_MARGIN_MS = 2000;

type ArticleBlock = Exclude<Block, { type: 'pending-image' }> | { type: 'paragraph'; children: { type: 'link'; url: string; children: { type: 'text'; text: string }[] }[] };

/** Pictures inside the body: a link to the picture (an image block needs an uploaded file). */
function finalBlocks(blocks: Block[]): ArticleBlock[] {
  return blocks.map((b) => (b.type === 'pending-image' ? { type: 'paragraph', children: [{ type: 'link', url: b.src, children: [{ type: 'text', text: b.alt || b.src }] }] } : b));
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => getService(strapi, 'store');
  const documents = (uid: string) => strapi.documents(uid as never);

  async function loadSource(documentId: string): Promise<SourceRecord | null> {
    const q = { documentId, populate: ['defaultCategory'] } as const;
    const published = (await documents(UID.source).findOne({ ...q, status: 'published' } as never)) as SourceRecord | null;
    return published ?? ((await documents(UID.source).findOne({ ...q, status: 'draft' } as never)) as SourceRecord | null);
  }

  async function createArticle(source: SourceRecord, draft: ArticleDraft) {
    const data: Record<string, unknown> = {
      title: draft.title,
      excerpt: draft.excerpt || null,
      body: finalBlocks(draft.body),
      originalUrl: draft.originalUrl,
      sourcePublishedAt: draft.sourcePublishedAt.toISOString(),
      byline: draft.byline,
      source: source.documentId,
    };
    if (source.defaultCategory?.documentId) data.category = source.defaultCategory.documentId;
    const created = (await documents(UID.article).create({ data, locale: draft.locale, status: source.autoPublish ? 'published' : 'draft' } as never)) as { documentId: string };
    return created.documentId;
  }

  /** Stores one item: created, updated, or a duplicate. */
  async function storeItem(source: SourceRecord, draft: ArticleDraft, warnings: string[]): Promise<RunItem> {
    const base = { title: draft.title, locale: draft.locale, originalUrl: draft.originalUrl };
    const existing = await store().findItem(source.documentId, draft.keys);
    if (!existing) {
      try {
        const documentId = await strapi.db.transaction(async () => {
          const claimed = await store().claimItem(source.documentId, draft.keys, { title: draft.title, originalUrl: draft.originalUrl, locale: draft.locale, contentHash: draft.contentHash });
          const id = await createArticle(source, draft);
          await store().updateItem(claimed.id, { articleDocumentId: id, writtenAt: Date.now() });
          return id;
        });
        const images = await getService(strapi, 'cover').attach(documentId, draft, source.autoPublish === true, warnings);
        // Covers and pictures change the article after the claim: its write time moves too (else it would read as an editor's edit).
        const row = await store().findItem(source.documentId, draft.keys);
        if (row) await store().updateItem(row.id, { images, writtenAt: Date.now() });
        return { ...base, articleDocumentId: documentId, outcome: 'created' };
      } catch (err) {
        if (isUniqueViolation(err)) {
          const other = await store().findItem(source.documentId, draft.keys);
          return { ...base, articleDocumentId: other?.articleDocumentId ?? null, outcome: 'duplicate' };
        }
        throw err;
      }
    }
    if (existing.contentHash === draft.contentHash || !existing.articleDocumentId) {
      return { ...base, articleDocumentId: existing.articleDocumentId, outcome: 'duplicate' };
    }
    // The source changed the item.
    const locale = existing.locale ?? draft.locale;
    const current = (await documents(UID.article).findOne({ documentId: existing.articleDocumentId, locale, status: 'draft' } as never)) as { updatedAt: string } | null;
    if (!current) return { ...base, articleDocumentId: null, outcome: 'duplicate' };
    const published = (await documents(UID.article).findOne({ documentId: existing.articleDocumentId, locale, status: 'published' } as never)) as { updatedAt: string } | null;
    const editedByEditor = new Date(current.updatedAt).getTime() > Number(existing.writtenAt ?? 0) + EDIT_MARGIN_MS;
    if (editedByEditor && published) {
      warnings.push(`"${draft.title.slice(0, 60)}" changed at the source but an editor has edited it: kept as edited`);
      return { ...base, articleDocumentId: existing.articleDocumentId, outcome: 'kept-edited' };
    }
    // Pictures already stored for this item are reused; new ones are downloaded.
    const known = (typeof existing.images === 'string' ? JSON.parse(existing.images) : existing.images ?? {}) as Record<string, number>;
    const { stored, map } = await getService(strapi, 'cover').bodyImages(draft, known, warnings);
    await documents(UID.article).update({
      documentId: existing.articleDocumentId,
      locale,
      data: { title: draft.title, excerpt: draft.excerpt || null, body: stored.size ? bodyWithImages(draft.body, stored) : finalBlocks(draft.body), originalUrl: draft.originalUrl, sourcePublishedAt: draft.sourcePublishedAt.toISOString() },
    } as never);
    if (published) await documents(UID.article).publish({ documentId: existing.articleDocumentId, locale } as never);
    await store().updateItem(existing.id, { contentHash: draft.contentHash, writtenAt: Date.now(), title: draft.title, images: map });
    return { ...base, articleDocumentId: existing.articleDocumentId, outcome: 'updated' };
  }

  /** With fullText, a summary-only item gets its page's main text. */
  async function withFullText(draft: ArticleDraft): Promise<ArticleDraft> {
    if (!draft.originalUrl) return draft;
    const cfg = pluginConfig(strapi);
    try {
      const page = await hostQueue.run(new URL(draft.originalUrl).host, () =>
        fetchFeed(draft.originalUrl!, { allowPrivate: cfg.allowPrivateNetworks, maxBytes: cfg.maxBytes, connectTimeoutMs: cfg.connectTimeoutMs, totalTimeoutMs: cfg.totalTimeoutMs, accept: 'text/html,application/xhtml+xml' }),
      );
      if (page.status !== 200) return draft;
      const html = decodeBody(page.body, page.contentType, 'html').text;
      const main = extractMainText(html, page.url, { minChars: Math.min(80, [...draft.excerpt].length + 1) });
      if (!main || [...main.text].length <= [...draft.excerpt].length) return draft;
      const body = htmlToBlocks(sanitizeFeedHtml(main.html, page.url));
      if (!body.length) return draft;
      return { ...draft, body, contentHash: contentHash({ title: draft.title, excerpt: draft.excerpt, body }) };
    } catch {
      return draft;
    }
  }

  async function run(source: SourceRecord, state: FeedState): Promise<{ result: RunResult; update: Partial<FeedState> }> {
    const cfg = pluginConfig(strapi);
    const now = Date.now();
    const result: RunResult = { status: 'ok', httpStatus: null, fetched: 0, created: 0, updated: 0, duplicates: 0, warnings: [], errors: [] };
    const pollMinutes = Math.max(5, source.pollMinutes ?? 15);
    const fail = (status: RunStatus, message: string, retryAfterMs: number | null = null) => {
      result.status = status;
      result.errors.push(message);
      const failures = state.failures + 1;
      return { result, update: { failures, lastError: message.slice(0, 2000), lastErrorAt: now, lastFetchAt: now, httpStatus: result.httpStatus, status, nextPollAt: now + backoffDelay(failures, retryAfterMs), warnings: result.warnings } };
    };
    const url = state.feedUrl && state.feedUrl !== '' ? state.feedUrl : source.feedUrl;
    if (!url) return fail('skipped', 'The source has no feed URL');
    let response;
    try {
      response = await hostQueue.run(new URL(url).host, () =>
        fetchFeed(url, { etag: state.etag, lastModified: state.lastModified, allowPrivate: cfg.allowPrivateNetworks, maxBytes: cfg.maxBytes, connectTimeoutMs: cfg.connectTimeoutMs, totalTimeoutMs: cfg.totalTimeoutMs }),
      );
    } catch (err) {
      if (err instanceof FetchError) return fail(err.code === 'INGEST_BLOCKED_ADDRESS' ? 'blocked' : 'error', err.message);
      return fail('error', (err as Error).message ?? String(err));
    }
    result.httpStatus = response.status;
    const permanent = response.permanentUrl && response.permanentUrl !== url ? { feedUrl: response.permanentUrl } : {};
    if (response.permanentUrl) result.warnings.push(`the feed moved permanently to ${response.permanentUrl}; that address is used from now on`);
    if (response.status === 304) {
      result.status = 'not-modified';
      return { result, update: { ...permanent, failures: 0, lastFetchAt: now, httpStatus: 304, status: 'not-modified', nextPollAt: now + nextPollDelay(pollMinutes, response.retryAfterMs), warnings: result.warnings, lastRun: [] } };
    }
    if (response.status === 429 || response.status === 503) {
      return fail('rate-limited', `HTTP ${response.status}${response.retryAfterMs !== null ? `, retry after ${Math.round(response.retryAfterMs / 1000)} s` : ''}`, response.retryAfterMs);
    }
    if (response.status === 410) return fail('error', 'HTTP 410: the feed is gone; it is retried once a day in case it comes back', 24 * 3600_000);
    if (response.status < 200 || response.status >= 300) return fail('error', `HTTP ${response.status}`);

    const decoded = decodeBody(response.body, response.contentType, 'xml');
    result.warnings.push(...decoded.warnings);
    const feed = await parseFeed(decoded.text, response.url, response.contentType);
    result.warnings.push(...feed.warnings);
    result.fetched = feed.items.length;
    if (feed.items.length === 0 && feed.warnings.length) return fail('error', `No item could be read: ${feed.warnings.join('; ')}`);
    const runItems: RunItem[] = [];
    for (const raw of feed.items) {
      let draft = toArticleDraft(raw, { feedUrl: response.url, feedLanguage: feed.language, sourceLanguage: source.language ?? 'ar', timeZone: source.timeZone ?? 'Africa/Casablanca', now: new Date(now) });
      if ('skipped' in draft) {
        result.warnings.push(draft.skipped);
        continue;
      }
      result.warnings.push(...draft.warnings);
      if (source.fullText && [...draft.excerpt].length < 600) draft = await withFullText(draft);
      try {
        const item = await storeItem(source, draft, result.warnings);
        runItems.push(item);
        if (item.outcome === 'created') result.created += 1;
        else if (item.outcome === 'updated') result.updated += 1;
        else result.duplicates += 1;
      } catch (err) {
        const message = (err as { details?: { errors?: { message: string }[] }; message?: string });
        result.errors.push(`"${draft.title.slice(0, 60)}": ${message.details?.errors?.map((e) => e.message).join('; ') ?? message.message ?? String(err)}`);
        runItems.push({ title: draft.title, locale: draft.locale, originalUrl: draft.originalUrl, articleDocumentId: null, outcome: 'failed' });
      }
    }
    result.status = result.errors.length || feed.warnings.some((w) => /malformed|truncated/.test(w)) ? 'partial' : 'ok';
    result.warnings = [...new Set(result.warnings)].slice(0, 50);
    return {
      result,
      update: {
        ...permanent,
        etag: response.etag,
        lastModified: response.lastModified,
        failures: 0,
        lastFetchAt: now,
        httpStatus: response.status,
        status: result.status,
        nextPollAt: now + nextPollDelay(pollMinutes, response.retryAfterMs),
        seen: state.seen + result.fetched,
        created: state.created + result.created,
        duplicates: state.duplicates + result.duplicates,
        lastError: result.errors.length ? result.errors.join('; ').slice(0, 2000) : state.lastError,
        lastErrorAt: result.errors.length ? now : state.lastErrorAt,
        warnings: result.warnings,
        lastRun: runItems.slice(0, 100),
      },
    };
  }

  return {
    /** Fetches a source now if its lease is free (and, from the poller, if it is due). Throws SourceBusyError when another run holds it. */
    async fetchSource(documentId: string, options: { force: boolean }): Promise<RunResult> {
      const source = await loadSource(documentId);
      if (!source) throw new SourceNotFoundError(`No source ${documentId}`);
      const state = await store().ensureState(documentId);
      const cfg = pluginConfig(strapi);
      if (!(await store().claim(documentId, cfg.leaseMs, Date.now(), options.force))) throw new SourceBusyError();
      let outcome: { result: RunResult; update: Partial<FeedState> };
      try {
        outcome = await run(source, (await store().getState(documentId)) ?? state);
      } catch (err) {
        const now = Date.now();
        const message = (err as Error).message ?? String(err);
        await store().release(documentId, { failures: state.failures + 1, lastError: message.slice(0, 2000), lastErrorAt: now, lastFetchAt: now, status: 'error', nextPollAt: now + backoffDelay(state.failures + 1) });
        throw err;
      }
      await store().release(documentId, outcome.update);
      return outcome.result;
    },

    /** The poller's tick: every due, active source with a feed, a few at a time. */
    async pollDue(): Promise<number> {
      const cfg = pluginConfig(strapi);
      const sources = (await documents(UID.source).findMany({ filters: { active: { $ne: false }, feedUrl: { $notNull: true } }, fields: ['documentId', 'feedUrl'], status: 'published', limit: 10_000 } as never)) as { documentId: string }[];
      const states = new Map((await store().allStates()).map((s) => [s.sourceDocumentId, s]));
      const now = Date.now();
      const due: string[] = [];
      for (const s of sources) {
        const st = states.get(s.documentId) ?? (await store().ensureState(s.documentId));
        if (st.nextPollAt <= now && st.leaseUntil < now) due.push(s.documentId);
      }
      let done = 0;
      const worker = async () => {
        for (let id = due.shift(); id; id = due.shift()) {
          try {
            await this.fetchSource(id, { force: false });
            done += 1;
          } catch (err) {
            if (!(err instanceof SourceBusyError)) strapi.log.warn(`ingest: source ${id}: ${(err as Error).message}`);
          }
        }
      };
      await Promise.all(Array.from({ length: cfg.concurrency }, worker));
      return done;
    },
  };
};
