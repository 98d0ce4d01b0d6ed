/** The admin review desk API; RBAC is enforced by the routes' admin::hasPermissions policies. */
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { NoSuchItem } from '../services/review';
import { blockIdParam, fileIdParam, paging, queueSort, statusFilter } from '../validation/admin';
import { getService } from '../utils/plugin';
import type { ReviewAction } from '../../../shared';
import type { AdminContext } from '../utils/types';

const notFound = () => new errors.NotFoundError('No moderation item for this file');

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const review = () => getService(strapi, 'review');
  const act = async (ctx: AdminContext, action: ReviewAction) => {
    const fileId = fileIdParam(ctx.params.fileId);
    try {
      ctx.body = { data: await review()[action](fileId, ctx.state.user.id) };
    } catch (error) {
      if (error instanceof NoSuchItem) throw notFound();
      throw error;
    }
  };

  return {
    async queue(ctx: AdminContext) {
      const { page, pageSize } = paging(ctx.query);
      const { results, pagination } = await review().queue({ status: statusFilter(ctx.query.status), page, pageSize, sort: queueSort(ctx.query.sort) });
      ctx.body = { data: results, meta: { pagination } };
    },

    async item(ctx: AdminContext) {
      const locale = typeof ctx.query.locale === 'string' ? ctx.query.locale : undefined;
      const item = await review().item(fileIdParam(ctx.params.fileId), locale);
      if (!item) throw notFound();
      ctx.body = { data: item };
    },

    async preview(ctx: AdminContext) {
      const found = await review().preview(fileIdParam(ctx.params.fileId));
      if (!found) throw notFound();
      ctx.set('Cache-Control', 'private, no-store');
      if ('redirect' in found) return ctx.redirect(found.redirect);
      ctx.type = found.mime;
      ctx.body = fs.createReadStream(found.path);
    },

    restore: (ctx: AdminContext) => act(ctx, 'restore'),
    block: (ctx: AdminContext) => act(ctx, 'block'),
    remove: (ctx: AdminContext) => act(ctx, 'remove'),

    async blocks(ctx: AdminContext) {
      const { results, pagination } = await getService(strapi, 'blocklist').list(paging(ctx.query));
      ctx.body = { data: results, meta: { pagination } };
    },

    async lift(ctx: AdminContext) {
      const lifted = await getService(strapi, 'blocklist').lift(blockIdParam(ctx.params.blockId), ctx.state.user.id);
      if (!lifted) throw new errors.NotFoundError('No such block');
      ctx.body = { data: { id: Number(ctx.params.blockId), lifted: true } };
    },

    async audit(ctx: AdminContext) {
      const { page, pageSize } = paging(ctx.query);
      const fileId = ctx.query.fileId === undefined ? undefined : fileIdParam(ctx.query.fileId);
      const { results, pagination } = await getService(strapi, 'audit').list({ page, pageSize, fileId });
      ctx.body = { data: results, meta: { pagination } };
    },
  };
};
