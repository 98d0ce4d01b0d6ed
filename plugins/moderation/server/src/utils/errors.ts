import { errors } from '@strapi/utils';
import type { ValidationIssue } from '../domain';

/** A domain validation result as Strapi's ValidationError, so every client sees the standard error body. */
export function validationError(message: string, issues: readonly ValidationIssue[]) {
  return new errors.ValidationError(message, {
    errors: issues.map((issue) => ({ path: issue.path.split('.'), message: issue.message, name: 'ValidationError' })),
  });
}

/** The message of whatever was thrown (an Error, or anything else a library throws). */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The `code` of a Node system error (EPERM, ECONNREFUSED …), if it has one. */
export const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
