/**
 * The oracle: a public filter or sort that reaches a hidden file (filters[cover][url][$eq]=…,
 * $startsWith to guess the URL letter by letter, through a relation, a component or a
 * populate filter) must answer as if the file were not there. A Document Service middleware
 * rewrites every content-API read (REST and GraphQL) before Strapi turns it into SQL:
 *
 * - every sub-filter on a file (a media field, or a relation to plugin::upload.file) becomes
 *   "that sub-filter AND the file is not hidden". Strapi filters through LEFT JOINs, so an
 *   entry without the file is tested on a row of NULLs; with the rewrite, a hidden file's row
 *   is FALSE where an absent file's row is FALSE or UNKNOWN, and in a filter built of AND and
 *   OR those two never change whether the entry matches.
 * - what the rewrite cannot make equal is refused with 400, decided on the shape of the query
 *   alone (never on the data, so the refusal tells nothing): a file sub-filter under `$not`
 *   (NOT FALSE and NOT UNKNOWN differ), a file sub-filter that a row of NULLs satisfies
 *   (`filters[cover][$null]=true`, `[url][$null]`, `[$eq]=null`: the `$notIn` turns such a
 *   row UNKNOWN, so the answer would change with whether anything at all is hidden, and "no
 *   visible file" of a gallery that holds a hidden one cannot be said with a join), and any
 *   sort on a file's fields (the order would place the hidden file).
 * - filters of a populated file list get "not hidden" at their root.
 *
 * Root reads of files (/api/upload/files) do not go through the Document Service; the
 * upload-files guard excludes hidden rows there, which makes any filter on them sound.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { hiddenFiles, isContentApiRequest } from './hidden';
import type { ResolverMiddleware } from '../utils/types';

const FILE = 'plugin::upload.file';
const READS = new Set(['findOne', 'findMany', 'findFirst', 'count']);

/** What the guards read of an attribute (Strapi types attributes per registered schema, which a plugin does not know). */
export type Attribute = { type?: string; target?: string; relation?: string; component?: string; components?: string[]; multiple?: boolean };
type Model = { uid: string; attributes: Record<string, Attribute> };
export type GetModel = (uid: string) => Model | undefined;

export class QueryRefused extends errors.ValidationError {
  constructor(message: string) {
    super(message, {});
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isOperator = (key: string) => key.startsWith('$');
const isFileAttribute = (attribute: Attribute | undefined) =>
  attribute?.type === 'media' || (attribute?.type === 'relation' && attribute.target === FILE);

function targetOf(attribute: Attribute | undefined): string | undefined {
  if (!attribute) return undefined;
  if (isFileAttribute(attribute)) return FILE;
  if (attribute.type === 'relation') return attribute.target;
  if (attribute.type === 'component') return attribute.component;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// What a sub-filter can be on a row of NULLs (an entry without that file), in SQL's three values.

type Truth = 'T' | 'F' | 'U';
type Truths = ReadonlySet<Truth>;
const ALL: Truths = new Set<Truth>(['T', 'F', 'U']);
const only = (t: Truth): Truths => new Set([t]);

const and1 = (a: Truth, b: Truth): Truth => (a === 'F' || b === 'F' ? 'F' : a === 'U' || b === 'U' ? 'U' : 'T');
const or1 = (a: Truth, b: Truth): Truth => (a === 'T' || b === 'T' ? 'T' : a === 'U' || b === 'U' ? 'U' : 'F');
const not1 = (a: Truth): Truth => (a === 'T' ? 'F' : a === 'F' ? 'T' : 'U');

function combine(a: Truths, b: Truths, op: (x: Truth, y: Truth) => Truth): Truths {
  const out = new Set<Truth>();
  for (const x of a) for (const y of b) out.add(op(x, y));
  return out;
}
const andAll = (items: Truths[]) => items.reduce((acc, t) => combine(acc, t, and1), only('T'));
const orAll = (items: Truths[]) => items.reduce((acc, t) => combine(acc, t, or1), only('F'));
const notAll = (a: Truths): Truths => new Set([...a].map(not1));

/** `$null` / `$notNull` values as Strapi will cast them; anything else could go either way. */
function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && ['true', 't', '1'].includes(value.toLowerCase())) return true;
  if (typeof value === 'string' && ['false', 'f', '0'].includes(value.toLowerCase())) return false;
  if (value === 1) return true;
  if (value === 0) return false;
  return undefined;
}

/** A column's where value (`{ $eq: x }`, `x`, `[x, y]`) on a NULL column. */
function onNullColumn(value: unknown): Truths {
  if (value === null || value === undefined) return ALL;
  if (Array.isArray(value)) return orAll(value.map(onNullColumn));
  if (!isRecord(value)) return only('U');
  return andAll(
    Object.entries(value).map(([op, operand]): Truths => {
      if (op === '$not') return notAll(onNullColumn(operand));
      if (op === '$null' || op === '$notNull') {
        const b = asBoolean(operand);
        if (b === undefined) return new Set(['T', 'F']);
        return only(b === (op === '$null') ? 'T' : 'F');
      }
      if (!isOperator(op) || op === '$and' || op === '$or') return ALL;
      if (operand === null || operand === undefined) return ALL;
      if (Array.isArray(operand) && !['$in', '$notIn', '$between'].includes(op)) return orAll(operand.map((v) => onNullColumn({ [op]: v })));
      return only('U');
    }),
  );
}

/** A relation's where value: an id, an operator on the id, or a filter of the target model. */
function onNullRelation(value: unknown, target: Model | undefined, getModel: GetModel): Truths {
  if (!isRecord(value)) return onNullColumn(value);
  const keys = Object.keys(value);
  if (keys.length === 1 && isOperator(keys[0]) && !['$and', '$or', '$not'].includes(keys[0])) return onNullColumn(value);
  return onNullRow(value, target, getModel);
}

/** A model-level filter on a row of NULLs (the joined entity absent, and everything joined under it). */
function onNullRow(where: unknown, model: Model | undefined, getModel: GetModel): Truths {
  if (Array.isArray(where)) return andAll(where.map((w) => onNullRow(w, model, getModel)));
  if (!isRecord(where)) return ALL;
  return andAll(
    Object.entries(where).map(([key, value]): Truths => {
      if (key === '$and') return Array.isArray(value) ? andAll(value.map((w) => onNullRow(w, model, getModel))) : ALL;
      if (key === '$or') return Array.isArray(value) ? orAll(value.map((w) => onNullRow(w, model, getModel))) : ALL;
      if (key === '$not') return notAll(onNullRow(value, model, getModel));
      const attribute = model?.attributes?.[key];
      const target = targetOf(attribute);
      if (target) return onNullRelation(value, getModel(target), getModel);
      return onNullColumn(value);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The rewrite.

interface Context {
  getModel: GetModel;
  /** `{ id: { $notIn: hidden } }`, or null when nothing is hidden (the refusals still apply). */
  notHidden: Record<string, unknown> | null;
}

function refuse(message: string): never {
  throw new QueryRefused(message);
}

/** A file sub-filter in model form: `5` and `{ $null: true }` mean the file's id. */
function asFileWhere(value: unknown): unknown {
  if (!isRecord(value)) return { id: value };
  const keys = Object.keys(value);
  if (keys.length === 1 && isOperator(keys[0]) && !['$and', '$or', '$not'].includes(keys[0])) return { id: value };
  return value;
}

function guardRelation(value: unknown, target: Model | undefined, ctx: Context, negated: boolean): unknown {
  if (!isRecord(value) || !target) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && isOperator(keys[0]) && !['$and', '$or', '$not'].includes(keys[0])) return value;
  return guardWhere(value, target, ctx, negated);
}

/**
 * The filter, rewritten. Each entry of an object becomes its own member of an `$and`: Strapi
 * merges the where of two relations of one object with Object.assign, so two `$and` keys
 * (ours, or the client's beside ours) would overwrite one another and drop a condition.
 */
export function guardWhere(where: unknown, model: Model, ctx: Context, negated = false): unknown {
  if (Array.isArray(where)) return where.map((w) => guardWhere(w, model, ctx, negated));
  if (!isRecord(where)) return where;
  const parts: Record<string, unknown>[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (key === '$and' || key === '$or') {
      parts.push({ [key]: Array.isArray(value) ? value.map((w) => guardWhere(w, model, ctx, negated)) : value });
      continue;
    }
    if (key === '$not') {
      parts.push({ $not: guardWhere(value, model, ctx, true) });
      continue;
    }
    const attribute = model.attributes?.[key];
    if (isFileAttribute(attribute)) {
      if (negated) refuse(`A filter on the media field "${key}" cannot be negated`);
      const fileModel = ctx.getModel(FILE);
      const sub = asFileWhere(value);
      if (onNullRow(sub, fileModel, ctx.getModel).has('T')) {
        refuse(`A filter on the media field "${key}" may not test for a missing file`);
      }
      const guarded = fileModel ? guardWhere(sub, fileModel, ctx, false) : sub;
      parts.push({ [key]: ctx.notHidden ? { $and: [guarded, ctx.notHidden] } : guarded });
      continue;
    }
    const target = targetOf(attribute);
    parts.push({ [key]: target ? guardRelation(value, ctx.getModel(target), ctx, negated) : value });
  }
  if (parts.length === 1) return parts[0];
  return { $and: parts };
}

/** Every attribute path a sort names: 'cover.url:asc', ['a:desc'], { cover: { url: 'asc' } }, [{ a: 'asc' }]. */
function sortPaths(sort: unknown, prefix: string[] = []): string[][] {
  if (typeof sort === 'string') {
    if (prefix.length > 0) return [prefix];
    return sort.split(',').map((part) => part.trim().split(':')[0].split('.'));
  }
  if (Array.isArray(sort)) return sort.flatMap((s) => sortPaths(s, prefix));
  if (isRecord(sort)) return Object.entries(sort).flatMap(([k, v]) => (isRecord(v) || Array.isArray(v) ? sortPaths(v, [...prefix, k]) : [[...prefix, k]]));
  return [];
}

export function checkSort(sort: unknown, model: Model, getModel: GetModel) {
  for (const path of sortPaths(sort)) {
    let current: Model | undefined = model;
    for (const segment of path) {
      const attribute: Attribute | undefined = current?.attributes?.[segment];
      if (isFileAttribute(attribute)) refuse(`Sorting on the media field "${segment}" is not allowed`);
      const target = targetOf(attribute);
      if (!target) break;
      current = getModel(target);
    }
  }
}

/** populate: filters and sorts of populated relations, at any depth (dynamic zones' `on` too). */
export function guardPopulate(populate: unknown, model: Model, ctx: Context): unknown {
  if (!isRecord(populate)) return populate;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(populate)) {
    out[key] = value;
    if (!isRecord(value)) continue;
    const attribute = model.attributes?.[key];
    if (attribute?.type === 'dynamiczone') {
      if (isRecord(value.on)) {
        const on: Record<string, unknown> = {};
        for (const [uid, sub] of Object.entries(value.on)) {
          const component = ctx.getModel(uid);
          on[uid] = component && isRecord(sub) ? guardPopulateEntry(sub, component, ctx, false) : sub;
        }
        out[key] = { ...value, on };
      }
      continue;
    }
    const target = targetOf(attribute);
    const targetModel = target ? ctx.getModel(target) : undefined;
    if (targetModel) out[key] = guardPopulateEntry(value, targetModel, ctx, isFileAttribute(attribute));
  }
  return out;
}

function guardPopulateEntry(entry: Record<string, unknown>, model: Model, ctx: Context, isFileList: boolean) {
  const out: Record<string, unknown> = { ...entry };
  if (entry.sort !== undefined) checkSort(entry.sort, model, ctx.getModel);
  if (entry.filters !== undefined) {
    const guarded = guardWhere(entry.filters, model, ctx);
    out.filters = isFileList && ctx.notHidden ? { $and: [guarded, ctx.notHidden] } : guarded;
  }
  if (entry.populate !== undefined) out.populate = guardPopulate(entry.populate, model, ctx);
  if (isRecord(entry.on)) {
    const on: Record<string, unknown> = {};
    for (const [uid, sub] of Object.entries(entry.on)) {
      const component = ctx.getModel(uid);
      on[uid] = component && isRecord(sub) ? guardPopulateEntry(sub, component, ctx, false) : sub;
    }
    out.on = on;
  }
  return out;
}

/** The read's params, rewritten (a new object; the caller's is not changed). */
export function guardParams(params: Record<string, unknown>, model: Model, ctx: Context): Record<string, unknown> {
  const out = { ...params };
  if (params.sort !== undefined) checkSort(params.sort, model, ctx.getModel);
  if (params.filters !== undefined) out.filters = guardWhere(params.filters, model, ctx);
  if (params.populate !== undefined) out.populate = guardPopulate(params.populate, model, ctx);
  return out;
}

/** Strapi's models as the guard reads them: the attributes' type, target and component. */
const modelGetter = (strapi: Core.Strapi): GetModel => (uid) => strapi.getModel(uid as Parameters<typeof strapi.getModel>[0]) as Model | undefined;

export function registerQueryFiltersGuard(strapi: Core.Strapi) {
  const getModel = modelGetter(strapi);
  strapi.documents.use(async (context, next) => {
    if (!READS.has(context.action) || !isContentApiRequest(strapi)) return next();
    const params = (context as { params?: Record<string, unknown> }).params;
    if (!params || (params.filters === undefined && params.sort === undefined && params.populate === undefined)) return next();
    const model = getModel(context.uid);
    if (!model) return next();
    const { ids } = await hiddenFiles(strapi);
    const notHidden = ids.size > 0 ? { id: { $notIn: [...ids] } } : null;
    (context as { params?: Record<string, unknown> }).params = guardParams(params, model, { getModel, notHidden });
    return next();
  });
}

/**
 * GraphQL's nested to-many relations (`source { articles(sort: "cover.url") }`) are read by
 * the association resolver straight from the Query Engine, past the Document Service: their
 * sort is checked by a resolver middleware. (GraphQL filter inputs have no media fields.)
 */
export function graphqlSortConfig(strapi: Core.Strapi) {
  const getModel = modelGetter(strapi);
  const naming = strapi.plugin('graphql').service('utils').naming;
  const config: Record<string, { middlewares: unknown[] }> = {};
  const models = [...Object.values(strapi.contentTypes), ...Object.values(strapi.components)];
  for (const model of models) {
    if (model.uid.startsWith('plugin::moderation.') || model.uid.startsWith('admin::') || model.uid.startsWith('strapi::')) continue;
    let typeName: string;
    try {
      typeName = naming.getTypeName(model);
    } catch {
      continue;
    }
    for (const [name, attribute] of Object.entries((model.attributes ?? {}) as Record<string, Attribute>)) {
      if (attribute.type !== 'relation' || !attribute.target || !String(attribute.relation).endsWith('Many')) continue;
      const target = getModel(attribute.target);
      if (!target) continue;
      const middleware: ResolverMiddleware = async (next, parent, args, context, info) => {
        if (args?.sort !== undefined) checkSort(args.sort, target, getModel);
        return next(parent, args, context, info);
      };
      config[`${typeName}.${name}`] = { middlewares: [middleware] };
      config[`${typeName}.${name}_connection`] = { middlewares: [middleware] };
    }
  }
  return config;
}
