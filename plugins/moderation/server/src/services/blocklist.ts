/**
 * Blocked pictures stay out: block keeps the picture's fingerprint, and an upload that is
 * the same picture again (re-encoded, resized) is hidden as it arrives, by the system, with
 * one audit entry and one `moderation.hidden` event, and waits in the queue for a moderator.
 */
import sharp from 'sharp';
import type { Core } from '@strapi/strapi';
import { GRID_HEIGHT, GRID_WIDTH, decodeFingerprint, differenceHash, encodeFingerprint, findSamePicture, type Fingerprint } from '../domain';
import { UID } from '../content-types';
import { baseRow, table } from '../utils/db';
import { localFilePath } from '../utils/files';
import { getService } from '../utils/plugin';
import { EVENTS } from './events';

interface FileRow {
  id: number;
  mime?: string | null;
  url?: string | null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const s = () => table(strapi, UID.state);

  /** The stored fingerprint of a local image file, or null (not an image, remote, unreadable). */
  async function fingerprintOf(file: FileRow): Promise<string | null> {
    const local = file.mime?.startsWith('image/') ? localFilePath(strapi, file.url) : null;
    if (!local) return null;
    try {
      const gray = await sharp(local).rotate().resize(GRID_WIDTH, GRID_HEIGHT, { fit: 'fill' }).greyscale().raw().toBuffer();
      const mean = await sharp(local).resize(1, 1, { fit: 'fill' }).removeAlpha().raw().toBuffer();
      const fingerprint: Fingerprint = { hash: differenceHash(gray), color: [mean[0], mean[1], mean[2]] };
      return encodeFingerprint(fingerprint);
    } catch (error: any) {
      strapi.log.warn(`moderation: no fingerprint for file ${file.id}: ${error?.message}`);
      return null;
    }
  }

  return {
    fingerprintOf,

    /** Called for every new file; costs one query while nothing blocked has a fingerprint. */
    async screen(file: FileRow | undefined): Promise<void> {
      if (!file || !Number.isSafeInteger(Number(file.id)) || !file.mime?.startsWith('image/')) return;
      const t = s();
      const blocked = await strapi.db.transaction(({ trx }) =>
        trx(t.name).where(t.col('status'), 'blocked').whereNotNull(t.col('phash')).select(`${t.col('fileId')} as fileId`, `${t.col('phash')} as phash`),
      );
      if (blocked.length === 0) return;
      const encoded = await fingerprintOf(file);
      const candidate = decodeFingerprint(encoded);
      if (!candidate) return;
      const known = blocked.flatMap((row: any) => {
        const fingerprint = decodeFingerprint(row.phash);
        return fingerprint ? [{ fileId: Number(row.fileId), fingerprint }] : [];
      });
      const match = findSamePicture(candidate, known);
      if (!match) return;

      const now = new Date();
      const hidden = await strapi.db.transaction(async ({ trx }) => {
        if (await trx(t.name).where(t.col('fileId'), file.id).first()) return false;
        await trx(t.name).insert({
          ...baseRow(t, now),
          [t.col('fileId')]: file.id,
          [t.col('status')]: 'hidden',
          [t.col('hiddenAt')]: now,
          [t.col('phash')]: encoded,
          [t.col('distinctReporters')]: 0,
          [t.col('distinctNetworks')]: 0,
          [t.col('reportCount')]: 0,
        });
        await getService(strapi, 'audit').record(
          { actor: 'system', action: 'hide', fileId: file.id, before: { status: 'visible' }, after: { status: 'hidden', rule: 'blocked-picture', sameAs: match.fileId }, time: now },
          trx,
        );
        return true;
      });
      if (hidden) {
        await getService(strapi, 'visibility').changed();
        await getService(strapi, 'events').emit(EVENTS.MODERATION_HIDDEN, file.id);
      }
    },
  };
};
