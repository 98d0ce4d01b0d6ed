import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { normalizeForSearch, slugify } from '../text';
import { PREVIEW_MAX_INPUT as MAX_INPUT, type PreviewResponse } from '../../../shared';

export default () => ({
  async preview(ctx: Context) {
    const text = (ctx.request as { body?: { text?: unknown } }).body?.text;
    if (typeof text !== 'string' || text.length > MAX_INPUT) {
      throw new errors.ValidationError(`text must be a string of at most ${MAX_INPUT} characters`);
    }
    const body: PreviewResponse = { data: { slug: slugify(text), searchKey: normalizeForSearch(text) } };
    ctx.body = body;
  },
});
