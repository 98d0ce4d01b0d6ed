/**
 * The public report API. Replies say only "received" or "already reported": never
 * counts, other reporters or whether the file is now hidden (a reporter must not be able
 * to watch the rule fire).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { localizedReasons, parseReportInput } from '../domain';
import { validationError } from '../utils/errors';
import { getService, pluginConfig } from '../utils/plugin';
import type { Receipt } from '../../../shared';
import type { RouteContext } from '../utils/types';

export type { Receipt };

/** Shared by REST and the GraphQL mutation, so both validate, limit and answer alike. */
export async function submitReport(strapi: Core.Strapi, ctx: RouteContext, body: unknown): Promise<Receipt> {
  const settings = await getService(strapi, 'settings').get();
  const parsed = parseReportInput(body, settings.reasons);
  if (!parsed.ok) throw validationError('Invalid report', parsed.errors);

  const reporter = await getService(strapi, 'reporter').identify(ctx);
  // Each identity is limited as a reader, and the network as a whole, so neither many
  // accounts nor many addresses in one /24 or /48 multiply what one person may send.
  const rate = await getService(strapi, 'rateLimit').check([
    { key: reporter.reporterKey, limits: settings.rateLimit },
    ...(reporter.accountKey ? [{ key: reporter.accountKey, limits: settings.rateLimit }] : []),
    { key: reporter.networkKey, limits: pluginConfig(strapi).networkRate },
  ]);
  if (!rate.ok) {
    ctx.set('Retry-After', String(rate.retryAfterSeconds));
    throw new errors.RateLimitError('Too many reports; try again later', { retryAfter: rate.retryAfterSeconds });
  }

  const outcome = await getService(strapi, 'reports').submit(parsed.value, reporter);
  if (!outcome.fileFound) throw new errors.NotFoundError('No such file');
  return { status: outcome.status };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async reasons(ctx: RouteContext) {
    const settings = await getService(strapi, 'settings').get();
    const locale = typeof ctx.query.locale === 'string' ? ctx.query.locale : undefined;
    ctx.body = { data: localizedReasons(settings.reasons, locale) };
  },

  async create(ctx: RouteContext) {
    const receipt = await submitReport(strapi, ctx, ctx.request.body);
    ctx.status = receipt.status === 'received' ? 201 : 200;
    ctx.body = { data: receipt };
  },
});
