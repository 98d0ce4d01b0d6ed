import type { Core } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';

/** A full-access API token, as an editor's integration would hold. */
export async function fullAccessToken(strapi: Core.Strapi): Promise<string> {
  const token = await strapi.service('admin::api-token').create({
    name: `test-${randomBytes(4).toString('hex')}`,
    description: 'API tests',
    type: 'full-access',
    lifespan: null,
  });
  return token.accessKey;
}

export interface AdminUser {
  email: string;
  password: string;
}

/** An active admin user with the given role (by code), ready to log in. */
export async function createAdminUser(strapi: Core.Strapi, roleCode = 'strapi-super-admin'): Promise<AdminUser> {
  const role = await strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
  if (!role) throw new Error(`No admin role ${roleCode}`);
  const email = `admin-${randomBytes(4).toString('hex')}@nashra.test`;
  const password = `Test-${randomBytes(6).toString('hex')}-A1`;
  await strapi.service('admin::user').create({
    email,
    firstname: 'Test',
    lastname: 'Admin',
    password,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  return { email, password };
}
