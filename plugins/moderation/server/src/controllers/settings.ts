import type { Core } from '@strapi/strapi';
import { validationError } from '../utils/errors';
import { getService } from '../utils/plugin';
import type { AdminContext } from '../utils/types';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: AdminContext) {
    const settings = getService(strapi, 'settings');
    ctx.body = { data: await settings.get(), meta: { defaults: settings.defaults() } };
  },

  /** Replaces the settings as a whole (validateSettings rejects partial objects), and records who changed what. */
  async update(ctx: AdminContext) {
    const settings = getService(strapi, 'settings');
    const before = await settings.get();
    const body = ctx.request.body;
    const result = await settings.set(isObject(body) && 'data' in body ? body.data : body);
    if (!result.ok) throw validationError('Invalid moderation settings', result.errors);
    await getService(strapi, 'audit').record({ actor: String(ctx.state.user.id), action: 'settings', fileId: null, before, after: result.value, time: new Date() });
    ctx.body = { data: result.value };
  },
});
