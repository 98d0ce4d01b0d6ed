/**
 * Databases from before the blocklist table kept a blocked picture's fingerprint in its
 * state row (`moderation_media_states.phash`), a column Strapi's schema sync now drops.
 * Before the sync, the fingerprints are copied to a holding table Strapi does not manage;
 * at bootstrap they move into the blocklist and the holding table goes. A crash between
 * the two leaves the holding table for the next boot.
 */
import type { Core } from '@strapi/strapi';
import { UID } from '../content-types';
import { baseRow, table } from '../utils/db';

const STATES = 'moderation_media_states';
const HOLDING = 'moderation_legacy_blocks';

export function holdLegacyBlocks(strapi: Core.Strapi) {
  strapi.hook('strapi::content-types.beforeSync').register(async () => {
    const knex = strapi.db.connection;
    if (!(await knex.schema.hasTable(STATES)) || !(await knex.schema.hasColumn(STATES, 'phash'))) return;
    if (!(await knex.schema.hasTable(HOLDING))) {
      await knex.schema.createTable(HOLDING, (t) => {
        t.integer('file_id');
        t.string('phash');
      });
    }
    await knex.transaction(async (trx) => {
      await trx(HOLDING).delete();
      const rows = await trx(STATES).where('status', 'blocked').whereNotNull('phash').select('file_id', 'phash');
      if (rows.length > 0) await trx(HOLDING).insert(rows);
    });
  });
}

export async function moveLegacyBlocks(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  if (!(await knex.schema.hasTable(HOLDING))) return;
  const b = table(strapi, UID.blocked);
  const f = table(strapi, UID.file);
  await knex.transaction(async (trx) => {
    const now = new Date();
    for (const row of await trx(HOLDING).select('file_id', 'phash')) {
      const fileId = Number(row.file_id);
      if (await trx(b.name).where(b.col('fileId'), fileId).first()) continue;
      const file = await trx(f.name).where(f.col('id'), fileId).first(`${f.col('name')} as name`);
      await trx(b.name).insert({ ...baseRow(b, now), [b.col('fingerprint')]: row.phash, [b.col('fileId')]: fileId, [b.col('fileName')]: file?.name ?? null, [b.col('blockedAt')]: now });
    }
  });
  await knex.schema.dropTable(HOLDING);
  strapi.log.info('moderation: moved the fingerprints of blocked pictures into their own table');
}
