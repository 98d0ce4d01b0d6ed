/**
 * What the admin panel and the server share: statuses, webhook events, RBAC actions and the
 * API's answers. Plain TypeScript without imports from either side, bundled into both.
 */
export * from './statuses';
export * from './events';
export * from './permissions';
export * from './api';
