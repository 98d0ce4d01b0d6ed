/**
 * One person is one reader: a report carries its address and, for a confirmed account, the
 * account; any of them having reported the file makes it `already-reported`. A token for a
 * user who does not exist, is unconfirmed or blocked reports by address only. Beside the
 * per-reader limit, a per-network limit (/24, /48) holds across REST and GraphQL.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { startNashra, type Nashra } from '../helpers/strapi';
import { fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';
import { MODERATION_ENV, gql, ip } from '../helpers/moderation';

let app: Nashra;
let ed: ReturnType<typeof editor>;

beforeAll(async () => {
  app = await startNashra({ env: { ...MODERATION_ENV, MODERATION_RATE_PER_MINUTE: '100', MODERATION_RATE_PER_DAY: '1000', MODERATION_NETWORK_RATE_PER_MINUTE: '4' } });
  ed = editor(app.http, await fullAccessToken(app.strapi));
});
afterAll(async () => app?.stop());

const stateOf = (fileId: number) => app.strapi.db.query('plugin::moderation.media-state').findOne({ where: { fileId } });
const reportsOf = (fileId: number) => app.strapi.db.query('plugin::moderation.report').count({ where: { fileId } });

async function account(name: string, fields: { confirmed?: boolean; blocked?: boolean } = {}) {
  const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const user = await app.strapi.plugin('users-permissions').service('user').add({
    username: name, email: `${name}@nashra.test`, password: 'Reader-pass-123', confirmed: fields.confirmed ?? true, blocked: fields.blocked ?? false, provider: 'local', role: role.id,
  });
  return { id: user.id as number, jwt: app.strapi.plugin('users-permissions').service('jwt').issue({ id: user.id }) as string };
}

const send = (file: number, from: string, jwt?: string) => {
  const req = app.http().post('/api/moderation/reports').set('X-Forwarded-For', from);
  if (jwt) req.set('Authorization', `Bearer ${jwt}`);
  return req.send({ data: { file, reason: 'violence' } });
};

describe('identities', () => {
  it('counts accounts plus their address as one reader', async () => {
    const file = await ed.upload('one-person.jpg', 10);
    const a = await account('reader-a');
    const b = await account('reader-b');
    assert.equal((await send(file.id, ip(1, 1))).status, 201, 'anonymous from home');
    // Signing in, with one account or another, at the same address adds no reader.
    assert.equal((await send(file.id, ip(1, 1), a.jwt)).status, 200);
    assert.equal((await send(file.id, ip(1, 1), b.jwt)).status, 200);
    // Account b from another network is new to the file by both keys: a second reader.
    assert.equal((await send(file.id, ip(2, 1), b.jwt)).status, 201);
    // Account b again from a third network: the account has reported already.
    const third = await send(file.id, ip(3, 1), b.jwt);
    assert.equal(third.status, 200);
    assert.deepEqual(third.body, { data: { status: 'already-reported' } });
    assert.equal(await reportsOf(file.id), 2);
    assert.equal((await stateOf(file.id)).distinctReporters, 2);
    assert.equal((await stateOf(file.id)).status, 'queued', 'two readers do not hide');
    // A genuine third person does.
    assert.equal((await send(file.id, ip(4, 1))).status, 201);
    assert.equal((await stateOf(file.id)).status, 'hidden');
  });

  it('a validly signed token for a missing, unconfirmed or blocked user reports by its address only', async () => {
    const file = await ed.upload('ghosts.jpg', 40);
    const jwt = app.strapi.plugin('users-permissions').service('jwt');
    const missing = jwt.issue({ id: 987654 });
    const unconfirmed = await account('unconfirmed', { confirmed: false });
    const blocked = await account('blocked', { blocked: true });
    assert.equal((await send(file.id, ip(5, 1), missing)).status, 201);
    // Four reports: the network limit of this file is 4 a minute.
    for (const token of [jwt.issue({ id: 987655 }), unconfirmed.jwt, blocked.jwt]) {
      const res = await send(file.id, ip(5, 1), token);
      assert.equal(res.status, 200, 'same address: the same anonymous reader');
    }
    const stored = await app.strapi.db.query('plugin::moderation.report').findMany({ where: { fileId: file.id } });
    // expect().toEqual: the rows come from the SQLite addon's realm (see tests/helpers/native-modules.ts).
    expect(stored.map((r: { accountKey: unknown }) => r.accountKey)).toEqual([null]);
    assert.equal((await stateOf(file.id)).distinctReporters, 1);
  });
});

describe('the per-network limit', () => {
  const mutation = 'mutation($file: ID!) { reportMedia(file: $file, reason: "violence") { status } }';

  it('holds for one /24 across REST and GraphQL, and not for another network', async () => {
    const files = [];
    for (let i = 0; i < 6; i++) files.push(await ed.upload(`net-${i}.jpg`, 60 + 20 * i));
    const before = await app.strapi.db.query('plugin::moderation.report').count();
    // Four hosts of 10.0.50.0/24, each its own reader, alternating REST and GraphQL.
    assert.equal((await send(files[0].id, ip(50, 1))).status, 201);
    const g1 = await gql(app.http, mutation, { file: String(files[1].id) }, { 'X-Forwarded-For': ip(50, 2) });
    assert.deepEqual(g1.body.data?.reportMedia, { status: 'received' }, JSON.stringify(g1.body));
    assert.equal((await send(files[2].id, ip(50, 3))).status, 201);
    const g2 = await gql(app.http, mutation, { file: String(files[3].id) }, { 'X-Forwarded-For': ip(50, 4) });
    assert.deepEqual(g2.body.data?.reportMedia, { status: 'received' });

    const rest = await send(files[4].id, ip(50, 5));
    assert.equal(rest.status, 429, JSON.stringify(rest.body));
    assert.ok(Number(rest.headers['retry-after']) >= 1);
    const graph = await gql(app.http, mutation, { file: String(files[5].id) }, { 'X-Forwarded-For': ip(50, 6) });
    assert.ok(graph.body.errors?.length > 0, JSON.stringify(graph.body));
    assert.equal(graph.body.data?.reportMedia ?? null, null);
    assert.equal(await app.strapi.db.query('plugin::moderation.report').count(), before + 4, 'refused reports store nothing');

    assert.equal((await send(files[4].id, ip(51, 1))).status, 201, 'the next /24 is another network');
  });

  it('counts an IPv6 /48 as one network, whatever /64 or /56 the addresses come from', async () => {
    const file = await ed.upload('v6.jpg', 300);
    const from = ['2001:db8:77:1::1', '2001:db8:77:2::1', '2001:db8:77:100::1', '2001:db8:77:ff00::1', '2001:db8:77:ffff::1'];
    const statuses = [];
    for (const address of from) statuses.push((await send(file.id, address)).status);
    assert.deepEqual(statuses, [201, 201, 201, 201, 429]);
    assert.equal((await send(file.id, '2001:db8:78::1')).status, 201);
  });
});
