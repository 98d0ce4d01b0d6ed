/**
 * Who is reporting. Every report carries the HMAC of its address (IPv6 by /64) and of
 * its network; a reader signed in with a users-permissions JWT also carries their
 * account, but only when that user exists, is confirmed and is not blocked: a token that
 * is well signed for anyone else reports anonymously, by address. The raw IP is used
 * here and dropped.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { InvalidIpError, accountKey, addressKey, networkKey } from '../domain';
import { pluginConfig } from '../utils/plugin';
import type { RouteContext } from '../utils/types';

export interface Identities {
  /** HMAC of the address: every report has it. */
  reporterKey: string;
  /** `user:<id>` for a confirmed, unblocked account, else null. */
  accountKey: string | null;
  networkKey: string;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The id of the users-permissions user the request's JWT names, when that user may count as a reader. */
  async userId(ctx: RouteContext): Promise<number | null> {
    if (!ctx.request?.header?.authorization) return null;
    let id: unknown;
    try {
      id = (await strapi.plugin('users-permissions')?.service('jwt').getToken(ctx))?.id;
    } catch {
      // Not a reader's JWT (an API token, an expired session): report as an anonymous reader.
      return null;
    }
    const numeric = typeof id === 'string' && /^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : id;
    if (typeof numeric !== 'number' || !Number.isSafeInteger(numeric) || numeric <= 0) return null;
    const user = await strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { id: numeric }, select: ['id', 'confirmed', 'blocked'] });
    return user && user.confirmed === true && user.blocked !== true ? numeric : null;
  },

  async identify(ctx: RouteContext): Promise<Identities> {
    const { secret } = pluginConfig(strapi);
    const ip = ctx.request.ip;
    try {
      const id = await this.userId(ctx);
      return { reporterKey: addressKey(ip, secret), accountKey: id === null ? null : accountKey(id), networkKey: networkKey(ip, secret) };
    } catch (error) {
      if (error instanceof InvalidIpError || error instanceof TypeError) {
        // A forged X-Forwarded-For is client input: answer 400, never 500.
        throw new errors.ValidationError('The client address could not be read');
      }
      throw error;
    }
  },
});
