/**
 * Who is reporting: a signed-in reader (users-permissions JWT) is their user id, anyone
 * else the HMAC of their address; both come with the HMAC of their network. The raw IP
 * is used here and dropped.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { InvalidIpError, networkKey, reporterKey } from '../domain';
import { pluginConfig } from '../utils/plugin';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async userId(ctx: any): Promise<number | string | null> {
    if (!ctx.request?.header?.authorization) return null;
    try {
      const payload = await strapi.plugin('users-permissions')?.service('jwt').getToken(ctx);
      const id = payload?.id;
      return typeof id === 'number' || typeof id === 'string' ? id : null;
    } catch {
      // Not a reader's JWT (an API token, an expired session): report as an anonymous reader.
      return null;
    }
  },

  async identify(ctx: any, userId?: number | string | null) {
    const { secret } = pluginConfig(strapi);
    const ip = ctx.request.ip;
    try {
      const id = userId === undefined ? await this.userId(ctx) : userId;
      return { reporterKey: reporterKey({ userId: id, ip }, secret), networkKey: networkKey(ip, secret) };
    } catch (error) {
      if (error instanceof InvalidIpError || error instanceof TypeError) {
        // A forged X-Forwarded-For is client input: answer 400, never 500.
        throw new errors.ValidationError('The client address could not be read');
      }
      throw error;
    }
  },
});
