import { errors } from '@strapi/utils';
import { normalizeForSearch, slugify } from '../text';

const MAX_INPUT = 2000;

export default () => ({
  async preview(ctx: any) {
    const text = ctx.request.body?.text;
    if (typeof text !== 'string' || text.length > MAX_INPUT) {
      throw new errors.ValidationError(`text must be a string of at most ${MAX_INPUT} characters`);
    }
    ctx.body = { data: { slug: slugify(text), searchKey: normalizeForSearch(text) } };
  },
});
