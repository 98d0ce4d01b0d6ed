/** The admin API under /ingest (admin JWT + RBAC): the sources' feed status, their items, "fetch now". */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { UID } from '../content-types';
import { getService } from '../utils';
import { SourceBusyError, SourceNotFoundError } from '../services/runner';
import type { SourceStatus, ItemRow, RunItem } from '../../../shared';

const DOCUMENT_ID = /^[a-z0-9]{1,64}$/;
const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

function documentIdParam(ctx: Context): string {
  const id = String((ctx.params as Record<string, string>).documentId ?? '');
  if (!DOCUMENT_ID.test(id)) throw new errors.ValidationError('documentId must be a document id (lower-case letters and digits)');
  return id;
}

const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  async sources(ctx: Context) {
    const sources = (await strapi.documents(UID.source as never).findMany({ status: 'draft', sort: 'name:asc', limit: 1000 } as never)) as Record<string, unknown>[];
    const states = new Map((await getService(strapi, 'store').allStates()).map((s) => [s.sourceDocumentId, s]));
    const now = Date.now();
    const data: SourceStatus[] = sources.map((s) => {
      const st = states.get(String(s.documentId));
      return {
        documentId: String(s.documentId),
        name: String(s.name ?? ''),
        feedUrl: (s.feedUrl as string | null) ?? null,
        active: s.active !== false,
        autoPublish: s.autoPublish === true,
        pollMinutes: Number(s.pollMinutes ?? 15),
        lastFetchAt: iso(st?.lastFetchAt),
        httpStatus: st?.httpStatus ?? null,
        status: (st?.status as SourceStatus['status']) ?? null,
        seen: st?.seen ?? 0,
        created: st?.created ?? 0,
        duplicates: st?.duplicates ?? 0,
        nextPollAt: st ? iso(st.nextPollAt || now) : null,
        lastError: st?.lastError ?? null,
        lastErrorAt: iso(st?.lastErrorAt),
        failures: st?.failures ?? 0,
        running: Boolean(st && st.leaseUntil > now),
        lastRun: (typeof st?.lastRun === 'string' ? JSON.parse(st.lastRun) : st?.lastRun ?? []) as RunItem[],
      };
    });
    ctx.body = { data };
  },

  async items(ctx: Context) {
    const documentId = documentIdParam(ctx);
    const source = await strapi.documents(UID.source as never).findOne({ documentId, status: 'draft' } as never);
    if (!source) throw new errors.NotFoundError(`No source ${documentId}`);
    const rows = await getService(strapi, 'store').itemsOf(documentId, 100);
    const data: ItemRow[] = rows.map((r) => ({ id: r.id, title: r.title ?? '', articleDocumentId: r.articleDocumentId, locale: r.locale ?? 'ar', originalUrl: r.originalUrl, createdAt: String(r.createdAt) }));
    ctx.body = { data };
  },

  async fetch(ctx: Context) {
    const documentId = documentIdParam(ctx);
    try {
      ctx.body = { data: await getService(strapi, 'runner').fetchSource(documentId, { force: true }) };
    } catch (err) {
      if (err instanceof SourceNotFoundError) throw new errors.NotFoundError(err.message);
      if (err instanceof SourceBusyError) {
        ctx.status = 409;
        ctx.body = { data: null, error: { status: 409, name: 'ConflictError', message: err.message, details: {} } };
        return;
      }
      throw err;
    }
  },
});

export default { ingest: controller };
