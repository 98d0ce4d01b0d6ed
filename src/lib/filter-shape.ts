/**
 * Whether a content-API filter is one the database layer can turn into SQL.
 *
 * Strapi validates the names in `filters` (an unknown `$foo` is a 400) but not how they are
 * put together, and a shape its query builder cannot use fails deep in knex or the driver as
 * a 500 with a stack in the log: `filters[title][$ne][$null]=true` binds an object,
 * `filters[title][$between]=1` trips knex's assertion, `filters[$and]=1` throws "Operator $and
 * must be an array", `filters[title][title]=1` "Undefined attribute level operator", two
 * operators on a relation "Only one operator key is allowed", and GraphQL's `between: ["a"]`
 * the same as REST's. This module walks a filter as the document service receives it (REST
 * after qs, GraphQL after its conversion to `$` operators) the way
 * @strapi/database's query/helpers/where.ts reads it, and says where it would fail; the glue
 * (src/lib/filter-guard.ts) answers that with Strapi's ValidationError, a 400 over REST and
 * BAD_USER_INPUT over GraphQL.
 */

export type FilterVerdict = { ok: true } | { ok: false; path: string; message: string };

/** What the database layer knows of one attribute of a model. */
export type AttributeKind = { kind: 'scalar'; type: string } | { kind: 'relation'; target: string } | { kind: 'other'; type: string };
/** The attribute `name` of the model `uid`, as the database metadata describes it (undefined: no such attribute). */
export type FilterModel = (uid: string, name: string) => AttributeKind | undefined;

const GROUP = new Set(['$and', '$or']);
/** Operators that take one value (or, as the query builder accepts, a list it ORs). */
const VALUE = new Set([
  '$eq', '$eqi', '$ne', '$nei', '$gt', '$gte', '$lt', '$lte',
  '$startsWith', '$endsWith', '$startsWithi', '$endsWithi',
  '$contains', '$notContains', '$containsi', '$notContainsi',
  '$null', '$notNull',
]);
const LIST = new Set(['$in', '$notIn']);
/** Every operator the query builder knows at attribute level (its WHERE_OPERATORS). */
const WHERE = new Set([...VALUE, ...LIST, '$between', '$not', '$jsonSupersetOf']);
const isOperator = (key: string) => GROUP.has(key) || WHERE.has(key);

/**
 * What a column of each type can be compared with. PostgreSQL is the strict one: knex binds
 * values as text, and `id = ''`, `id = '1.5'`, `id = '99999999999'` or `id LIKE '%1%'` fail
 * in the server as a 500, where SQLite and MySQL coerce. Strapi checks dates itself (a 400).
 */
const INTEGER_TYPES = new Set(['increments', 'integer']);
const NUMBER_TYPES = new Set(['increments', 'integer', 'biginteger', 'float', 'decimal']);
const TEXT_TYPES = new Set(['string', 'text', 'uid', 'email', 'enumeration', 'richtext', 'password']);
const JSON_TYPES = new Set(['json', 'blocks']);
/** Case-sensitive LIKE: on PostgreSQL only for text columns (the `i` forms cast the column to text). */
const LIKE = new Set(['$startsWith', '$endsWith', '$contains', '$notContains']);
const INSENSITIVE = new Set(['$eqi', '$nei', '$startsWithi', '$endsWithi', '$containsi', '$notContainsi']);
const INT32 = 2_147_483_647n;
const INT64 = 9_223_372_036_854_775_807n;

/** Whether `value` compares with a column of `type` (null always does: IS NULL). */
function fitsType(value: unknown, type: string): boolean {
  if (value === null || !NUMBER_TYPES.has(type)) return true;
  const text = typeof value === 'number' || typeof value === 'bigint' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (type === 'float' || type === 'decimal') return /^-?\d+(\.\d+)?([eE][-+]?\d{1,3})?$/.test(text) && Number.isFinite(Number(text));
  if (!/^-?\d{1,19}$/.test(text)) return false;
  const n = BigInt(text);
  const max = INTEGER_TYPES.has(type) ? INT32 : INT64;
  return n <= max && n >= -max - 1n;
}

/** Deeper than any filter a front end writes; qs and the GraphQL bounds stop far sooner. */
export const MAX_FILTER_DEPTH = 32;

const isScalar = (value: unknown): boolean =>
  value === null || value instanceof Date || ['string', 'number', 'boolean', 'bigint'].includes(typeof value);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

const refuse = (path: string, message: string): FilterVerdict => ({ ok: false, path, message });
const OK: FilterVerdict = { ok: true };
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

interface Walk {
  model: FilterModel;
  depth: number;
}

/** Conditions on the entries of `uid`: attribute names and $and / $or / $not. */
function checkConditions(node: unknown, uid: string, path: string, walk: Walk): FilterVerdict {
  if (walk.depth > MAX_FILTER_DEPTH) return refuse(path, `filters nested more than ${MAX_FILTER_DEPTH} levels`);
  const deeper = { ...walk, depth: walk.depth + 1 };
  const items = Array.isArray(node) ? node : [node];
  for (const [i, item] of items.entries()) {
    const at = Array.isArray(node) ? join(path, String(i)) : path;
    if (!isPlainObject(item)) return refuse(at, 'expected an object of conditions');
    for (const [key, value] of Object.entries(item)) {
      const here = join(at, key);
      let verdict: FilterVerdict;
      if (GROUP.has(key)) {
        if (!Array.isArray(value)) return refuse(here, `${key} takes a list of conditions`);
        verdict = OK;
        for (const [j, sub] of value.entries()) {
          // The query builder leaves a non-object item to knex, which cannot use it.
          verdict = checkConditions(sub, uid, join(here, String(j)), deeper);
          if (!verdict.ok) break;
        }
      } else if (key === '$not') {
        verdict = checkConditions(value, uid, here, deeper);
      } else if (isOperator(key)) {
        return refuse(here, `${key} needs an attribute to compare`);
      } else {
        verdict = checkAttribute(value, uid, key, here, deeper);
      }
      if (!verdict.ok) return verdict;
    }
  }
  return OK;
}

function checkAttribute(value: unknown, uid: string, name: string, path: string, walk: Walk): FilterVerdict {
  // An attribute the metadata does not list is a column name; Strapi's own validation has judged it.
  const attribute = walk.model(uid, name) ?? { kind: 'scalar', type: 'string' };
  if (attribute.kind === 'other') return refuse(path, `${attribute.type} attributes cannot be filtered on`);
  if (attribute.kind === 'scalar') {
    return isPlainObject(value) ? checkOperators(value, path, walk, attribute.type) : checkOperand(value, '$eq', path, walk, attribute.type);
  }
  // A relation: an id, one operator on the related id, or conditions on the related entries.
  if (!isPlainObject(value)) return checkRelationOperand(value, '$eq', path);
  const keys = Object.keys(value);
  const operators = keys.filter(isOperator);
  if (operators.length === 0) return checkConditions(value, attribute.target, path, walk);
  if (operators.length !== keys.length) return refuse(path, 'a relation takes either operators or attribute names, not both');
  if (operators.length > 1) return refuse(path, `a relation takes one operator, not ${operators.join(', ')}`);
  const [operator] = operators;
  if (GROUP.has(operator)) return checkConditions(value, attribute.target, path, walk);
  return checkRelationOperand(value[operator], operator, join(path, operator));
}

/**
 * The value under a scalar attribute of `type` for `operator`: a value, a list of values, or
 * (under $not only) operators on the same attribute. knex binds anything else as a parameter
 * and the driver refuses it.
 */
function checkOperand(value: unknown, operator: string, path: string, walk: Walk, type: string): FilterVerdict {
  if (walk.depth > MAX_FILTER_DEPTH) return refuse(path, `filters nested more than ${MAX_FILTER_DEPTH} levels`);
  const simple = checkValue(value, operator, path, type);
  if (simple !== undefined) return simple;
  if (Array.isArray(value)) {
    // Only $not's list may hold operators: it negates each item; other lists are bound as values.
    if (operator !== '$not') return refuse(path, `${operator} takes values, not conditions`);
    for (const [i, item] of value.entries()) {
      const here = join(path, String(i));
      const verdict = isPlainObject(item) ? checkOperators(item, here, walk, type) : (checkValue(item, '$eq', here, type) ?? refuse(here, '$not takes values or operators'));
      if (!verdict.ok) return verdict;
    }
    return OK;
  }
  if (!isPlainObject(value)) return refuse(path, `${operator} takes a value`);
  if (operator !== '$not') return refuse(path, `${operator} takes a value, not conditions`);
  return checkOperators(value, path, walk, type);
}

/**
 * A value or a list of values for `operator` on a column of `type`: OK, a refusal, or
 * undefined when `value` holds more than values (operators, for the caller to read).
 */
function checkValue(value: unknown, operator: string, path: string, type: string): FilterVerdict | undefined {
  if (operator === '$jsonSupersetOf') return refuse(path, '$jsonSupersetOf is not available to the content API');
  const flag = operator === '$null' || operator === '$notNull';
  if (!flag && !INSENSITIVE.has(operator)) {
    if (JSON_TYPES.has(type)) return refuse(path, `a ${type} attribute can only be tested with $null, $notNull or a case-insensitive operator`);
    if (LIKE.has(operator) && !TEXT_TYPES.has(type)) return refuse(path, `${operator} compares text; use ${operator}i on a ${type} attribute`);
  }
  const fits = (v: unknown) => isScalar(v) && (flag || INSENSITIVE.has(operator) || fitsType(v, type));
  const misfit = () => refuse(path, NUMBER_TYPES.has(type) ? `${operator} on a ${type} attribute takes numbers` : `${operator} takes values`);
  if (operator === '$between') {
    if (!Array.isArray(value) || value.length !== 2 || !value.every(isScalar)) return refuse(path, '$between takes exactly two values');
    return value.every(fits) ? OK : misfit();
  }
  if (isScalar(value)) return fits(value) ? OK : misfit();
  if (Array.isArray(value) && value.every(isScalar)) return value.every(fits) ? OK : misfit();
  if (LIST.has(operator)) return refuse(path, `${operator} takes a list of values`);
  return undefined;
}

/** One operator on a relation applies to the related id: ids only. */
function checkRelationOperand(value: unknown, operator: string, path: string): FilterVerdict {
  return checkValue(value, operator, path, 'increments') ?? refuse(path, `${operator} on a relation takes ids, not conditions`);
}

function checkOperators(node: Record<string, unknown>, path: string, walk: Walk, type: string): FilterVerdict {
  const deeper = { ...walk, depth: walk.depth + 1 };
  for (const [key, operand] of Object.entries(node)) {
    const here = join(path, key);
    if (!WHERE.has(key)) {
      return refuse(here, GROUP.has(key) ? `${key} is not available under an attribute; put it at the top of the filter` : `unknown operator or attribute ${key}`);
    }
    const verdict = checkOperand(operand, key, here, deeper, type);
    if (!verdict.ok) return verdict;
  }
  return OK;
}

/** `filters` of a document-service call on `uid`. */
export function checkFilterShape(filters: unknown, uid: string, model: FilterModel): FilterVerdict {
  if (filters === undefined || filters === null) return OK;
  return checkConditions(filters, uid, '', { model, depth: 0 });
}
