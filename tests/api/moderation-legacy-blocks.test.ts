/**
 * An upgrade keeps its blocks: a database from before the blocklist table, whose
 * fingerprints sit in the state rows' `phash` column, boots with them moved into the
 * blocklist, and a re-upload of the blocked picture is still hidden.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createTestDatabase, startNashra, type Nashra, type TestDatabase } from '../helpers/strapi';
import { createAdminUser, fullAccessToken } from '../helpers/auth';
import { editor } from '../helpers/content';
import { MODERATION_ENV, adminToken } from '../helpers/moderation';
import { PORT, picture } from '../helpers/pictures';

let database: TestDatabase;
let app: Nashra | undefined;

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

describe('fingerprints kept in state rows by an older version', () => {
  it('move into the blocklist at boot', async () => {
    database = await createTestDatabase();
    app = await startNashra({ env: MODERATION_ENV, database });
    let ed = editor(app.http, await fullAccessToken(app.strapi));
    const admin = { Authorization: `Bearer ${await adminToken(app.http, await createAdminUser(app.strapi))}` };
    const res = await app.http().post('/api/upload').set(ed.auth).attach('files', await picture(PORT, '#1d5c8c', 800), 'old-block.jpg');
    const original = res.body[0];
    assert.equal((await app.http().post(`/moderation/queue/${original.id}/block`).set(admin)).status, 200);
    // Make it look like the old layout: the fingerprint in the state row, no blocklist row.
    const knex = app.strapi.db.connection;
    const [block] = await knex('moderation_blocked_pictures').select('fingerprint');
    await knex('moderation_blocked_pictures').delete();
    await knex.schema.alterTable('moderation_media_states', (t) => t.string('phash'));
    await knex('moderation_media_states').where('file_id', original.id).update({ phash: block.fingerprint });
    await app.stop();

    app = await startNashra({ env: MODERATION_ENV, database });
    const moved = await app.strapi.db.connection('moderation_blocked_pictures').select('file_id', 'fingerprint', 'file_name');
    // expect().toEqual: the rows come from the SQLite addon's realm (see tests/helpers/native-modules.ts).
    expect(moved.map((r: { file_id: unknown; fingerprint: unknown; file_name: unknown }) => [Number(r.file_id), r.fingerprint, r.file_name])).toEqual([[original.id, block.fingerprint, 'old-block.jpg']]);
    assert.equal(await app.strapi.db.connection.schema.hasTable('moderation_legacy_blocks'), false);
    ed = editor(app.http, await fullAccessToken(app.strapi));
    const copy = (await app.http().post('/api/upload').set(ed.auth).attach('files', await picture(PORT, '#1d5c8c', 800), 'old-block-copy.jpg')).body[0];
    assert.equal((await app.http().get(copy.url)).status, 404, 'a copy is hidden on upload');
  });
});
