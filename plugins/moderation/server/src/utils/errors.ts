import { errors } from '@strapi/utils';
import type { ValidationIssue } from '../domain';

/** A domain validation result as Strapi's ValidationError, so every client sees the standard error body. */
export function validationError(message: string, issues: readonly ValidationIssue[]) {
  return new errors.ValidationError(message, {
    errors: issues.map((issue) => ({ path: issue.path.split('.'), message: issue.message, name: 'ValidationError' })),
  });
}
