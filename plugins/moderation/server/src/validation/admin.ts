/** Query and path parameters of the admin API, checked before they reach a query builder. */
import { errors } from '@strapi/utils';
import { isModerationStatus, type ModerationStatus } from '../domain';

function positiveInt(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,8}$/.test(value) || Number(value) > max) {
    throw new errors.ValidationError(`${name} must be a whole number from 1 to ${max}`);
  }
  return Number(value);
}

export function paging(query: Record<string, unknown>) {
  return { page: positiveInt(query.page, 'page', 1, 1_000_000), pageSize: positiveInt(query.pageSize, 'pageSize', 20, 100) };
}

/** `status=hidden` or `status=hidden,queued`; absent means every status. */
export function statusFilter(value: unknown): ModerationStatus[] | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new errors.ValidationError('status must be a comma-separated list of statuses');
  const list = value.split(',').map((s) => s.trim());
  const bad = list.filter((s) => !isModerationStatus(s));
  if (bad.length > 0) throw new errors.ValidationError('status must be among visible, queued, hidden, restored, blocked');
  return list as ModerationStatus[];
}

function idParam(value: unknown, what: string): number {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,15}$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new errors.ValidationError(`The ${what} id must be a positive integer`);
  }
  return Number(value);
}

export const fileIdParam = (value: unknown) => idParam(value, 'file');
export const blockIdParam = (value: unknown) => idParam(value, 'block');

/** `sort=latest` (newest report first, the default) or `sort=reports` (most reports first). */
export function queueSort(value: unknown): 'latest' | 'reports' {
  if (value === undefined || value === '') return 'latest';
  if (value !== 'latest' && value !== 'reports') throw new errors.ValidationError('sort must be latest or reports');
  return value;
}
