/**
 * Types the plugin needs and Strapi does not name: the Knex instance behind strapi.db, a
 * row as a query returns it, and the request context of the plugin's routes (Strapi's Koa
 * context carries route params, the admin user and the parsed body without typing them).
 */
import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

/** strapi.db.connection; a transaction (`trx`) has the same query-building interface. */
export type Knex = Core.Strapi['db']['connection'];

/** A row read by a Knex query: column names (or aliases) to driver values. */
export type Row = Record<string, unknown>;

/** The context of a plugin route: path params (koa-router), the parsed body (koa-body). */
export interface RouteContext extends Context {
  params: Record<string, string | undefined>;
  request: Context['request'] & { body?: unknown };
}

/** An admin route's context: the admin::hasPermissions policy ran, so the admin user is there. */
export interface AdminContext extends RouteContext {
  state: Context['state'] & { user: { id: number } };
}

/** The first row of a `count('* as n')`, whatever type the driver gives the count. */
export function countOf(rows: ReadonlyArray<Row>): number {
  return Number(rows[0]?.n ?? 0);
}

/** A GraphQL resolver as Strapi's resolversConfig middlewares call it (graphql-js's own types are not a dependency here). */
export type Resolve = (parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;
export type ResolverMiddleware = (next: Resolve, parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => Promise<unknown>;
