/** Shared steps of the moderation API tests: readers reporting from chosen addresses, admins logging in. */
import type supertest from 'supertest';
import { makeImage } from './content';

export const MODERATION_ENV = { TRUST_PROXY: 'true', MODERATION_SECRET: 'test-moderation-secret-0123456789' };

/** A distinct IPv4 reader per (network, host): 10.<net>.<sub>.<host> so networks are /24s. */
export const ip = (network: number, host: number) => `10.${Math.floor(network / 256)}.${network % 256}.${host}`;

export function reporter(http: () => supertest.Agent) {
  return (file: number | string, fromIp: string, reason = 'violence', extra: Record<string, unknown> = {}) =>
    http().post('/api/moderation/reports').set('X-Forwarded-For', fromIp).send({ data: { file, reason, ...extra } });
}

/** An image large enough for every format (thumbnail, small, medium, large). */
export async function uploadLarge(http: () => supertest.Agent, auth: Record<string, string>, name: string, hue: number) {
  const res = await http().post('/api/upload').set(auth).attach('files', await makeImage(hue, 1200), name);
  if (res.status !== 201) throw new Error(`upload -> ${res.status} ${JSON.stringify(res.body)}`);
  return res.body[0] as { id: number; documentId: string; url: string; formats: Record<string, { url: string }> };
}

export const allUrls = (file: { url: string; formats?: Record<string, { url: string }> | null }) => [
  file.url,
  ...Object.values(file.formats ?? {}).map((f) => f.url),
];

export async function adminToken(http: () => supertest.Agent, user: { email: string; password: string }): Promise<string> {
  const res = await http().post('/admin/login').send(user);
  if (res.status !== 200) throw new Error(`admin login -> ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token;
}

export async function gql(http: () => supertest.Agent, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await http().post('/graphql').set(headers).send({ query, variables });
  return res;
}

/** Polls until `check` passes or the deadline ends; the only timing in these tests (the 5-second propagation promise). */
export async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}
