/**
 * The public report body, POST /api/moderation/reports and the reportMedia mutation:
 *   { "data": { "file": <id | documentId>, "reason": "<code>", "comment": "<optional>" } }
 * Anyone on the internet can send it, so it is checked strictly and completely here,
 * before anything reaches a query builder (an object such as {"$ne": null} as `file`
 * would otherwise become a filter).
 */
import type { ReportReason } from './reasons';
import { isPlainObject, unknownKeyIssues, type Validation, type ValidationIssue } from './settings';
// The one list of invisible and bidi characters, kept by the Arabic text rules (slugs drop
// the same ones); bundled into this plugin at build time, so no runtime dependency.
import { INVISIBLE } from '../../../../arabic/server/src/text/chars';

export const MAX_COMMENT_LENGTH = 500;

/** Strapi 5 documentIds are lower-case alphanumeric (cuid2, 24 characters by default). */
const DOCUMENT_ID = /^[a-z0-9]{10,32}$/;
/** Digits only always mean a numeric id (documentIds start with a letter); no leading zero. */
const NUMERIC_ID = /^[1-9][0-9]{0,15}$/;
/** Controls that a form cannot produce and a moderator cannot see (\n and \t are handled before). */
const FORBIDDEN_IN_COMMENT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** A lone UTF-16 surrogate cannot be stored as UTF-8 and is never typed by a person. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type FileRef = { id: number; documentId?: undefined } | { documentId: string; id?: undefined };

export interface ReportInput {
  file: FileRef;
  reason: string;
  comment?: string;
}

/**
 * Validates the body and returns the report to store. Every problem is reported with a
 * path ("body" for the body itself, "data.file", ...), at most a handful per kind so a
 * hostile body cannot make the reply large.
 */
export function parseReportInput(body: unknown, reasons: readonly ReportReason[]): Validation<ReportInput> {
  if (!isPlainObject(body)) return fail('body', 'must be a JSON object');
  const errors: ValidationIssue[] = unknownKeyIssues(body, ['data'], '');
  const data = body.data;
  if (!isPlainObject(data)) {
    errors.push({ path: 'data', message: 'is required: an object with file, reason and an optional comment' });
    return { ok: false, errors };
  }
  errors.push(...unknownKeyIssues(data, ['file', 'reason', 'comment'], 'data'));

  const file = parseFileRef(data.file);
  if (typeof file === 'string') errors.push({ path: 'data.file', message: file });

  const reason = data.reason;
  const codes = reasons.map((r) => r.code);
  if (typeof reason !== 'string' || !codes.includes(reason)) {
    errors.push({ path: 'data.reason', message: `must be one of: ${codes.join(', ')}` });
  }

  const comment = parseComment(data.comment);
  if (comment !== undefined && !comment.ok) errors.push({ path: 'data.comment', message: comment.message });

  if (errors.length > 0 || typeof file === 'string') return { ok: false, errors };
  const value: ReportInput = { file, reason: reason as string };
  if (comment?.ok && comment.text) value.comment = comment.text;
  return { ok: true, value };
}

/** A file reference, or the message saying why it is not one. */
function parseFileRef(input: unknown): FileRef | string {
  const message = 'must be a positive integer id or a documentId';
  if (typeof input === 'number') {
    return Number.isSafeInteger(input) && input > 0 ? { id: input } : message;
  }
  if (typeof input !== 'string' || input.length > 32) return message;
  if (/^[0-9]+$/.test(input)) {
    return NUMERIC_ID.test(input) && Number.isSafeInteger(Number(input)) ? { id: Number(input) } : message;
  }
  return DOCUMENT_ID.test(input) ? { documentId: input } : message;
}

/**
 * The comment as it will be stored: line endings made \n (browsers submit textareas
 * with \r\n), tabs made spaces, invisible and bidi characters removed, trimmed.
 * Other control characters are rejected rather than stripped: a form never produces
 * them. Invisible marks are stripped instead, because Arabic text pasted from anywhere
 * carries RLM and ZWNJ, and because an override (U+202E) or an isolate left open would
 * reorder the review desk around the comment. Empty after that means no comment.
 * Length counts characters as people do (code points), not UTF-16 units.
 */
function parseComment(input: unknown): { ok: true; text: string } | { ok: false; message: string } | undefined {
  if (input === undefined || input === null) return undefined;
  const tooLong = { ok: false as const, message: `must be at most ${MAX_COMMENT_LENGTH} characters` };
  if (typeof input !== 'string') return { ok: false, message: 'must be text' };
  // Cheap bound first: four UTF-16 units per allowed character is more than any real text needs.
  if (input.length > MAX_COMMENT_LENGTH * 4) return tooLong;
  if (LONE_SURROGATE.test(input)) return { ok: false, message: 'is not valid Unicode text' };
  // U+2028/2029 break lines as \n does (and a paragraph separator resets the bidi order).
  const normalized = input.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(/\t/g, ' ');
  // Before trimming: trim() would quietly drop a leading \v or \f instead of rejecting it.
  if (FORBIDDEN_IN_COMMENT.test(normalized)) return { ok: false, message: 'must not contain control characters' };
  const text = normalized.replace(INVISIBLE, '').trim();
  if ([...text].length > MAX_COMMENT_LENGTH) return tooLong;
  return { ok: true, text };
}

function fail(path: string, message: string): Validation<never> {
  return { ok: false, errors: [{ path, message }] };
}
