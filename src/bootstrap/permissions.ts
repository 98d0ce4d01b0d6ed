import type { Core } from '@strapi/strapi';

/** What an anonymous reader may do with Nashra's content: read published entries. */
export const PUBLIC_CONTENT_ACTIONS = ['article', 'source', 'category', 'ticker'].flatMap((name) =>
  ['find', 'findOne'].map((action) => `api::${name}.${name}.${action}`)
);

/**
 * Users & Permissions' own account flows (log in, register, reset a password) stay open:
 * they are how a reader signs in. Everything else granted to the public role is removed.
 */
const isAccountFlow = (action: string) => action.startsWith('plugin::users-permissions.auth.');

const PERMISSION = 'plugin::users-permissions.permission';

/** Sets the public role's permissions to exactly Nashra's list, at every boot. */
export async function ensurePublicPermissions(strapi: Core.Strapi): Promise<void> {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) throw new Error('The Users & Permissions public role is missing');

  const granted: Array<{ id: number; action: string }> = await strapi.db
    .query(PERMISSION)
    .findMany({ where: { role: role.id }, select: ['id', 'action'] });
  const have = new Set(granted.map((p) => p.action));

  const stray = granted.filter((p) => !PUBLIC_CONTENT_ACTIONS.includes(p.action) && !isAccountFlow(p.action));
  if (stray.length > 0) {
    await strapi.db.query(PERMISSION).deleteMany({ where: { id: { $in: stray.map((p) => p.id) } } });
  }
  for (const action of PUBLIC_CONTENT_ACTIONS) {
    if (!have.has(action)) await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
  }
}
