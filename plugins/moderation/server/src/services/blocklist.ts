/**
 * Blocked pictures stay out: block keeps the picture's fingerprint in a table of its own
 * (so deleting the file keeps it), and an upload that is the same picture again
 * (re-encoded, resized) is hidden as it arrives, by the system, with one audit entry and
 * one `moderation.hidden` event, and waits in the queue for a moderator. A moderator
 * lifts a block from the desk.
 */
import sharp from 'sharp';
import type { Core } from '@strapi/strapi';
import { GRID_HEIGHT, GRID_WIDTH, decodeFingerprint, differenceHash, encodeFingerprint, findSamePicture, type Fingerprint } from '../domain';
import { UID } from '../content-types';
import { affected, table, toDate } from '../utils/db';
import { localFilePath } from '../utils/files';
import { unitOfWork } from '../store/unit-of-work';
import { EVENTS } from './events';
import type { BlockedPicture, Page } from '../../../shared';
import { messageOf } from '../utils/errors';
import { countOf, type Row } from '../utils/types';

export interface ScreenedFile {
  id: number;
  mime?: string | null;
  url?: string | null;
}

/** The fingerprint of an image (a file path or its bytes), as block and screen compute it. */
export async function fingerprintImage(image: string | Buffer): Promise<Fingerprint> {
  const gray = await sharp(image).rotate().resize(GRID_WIDTH, GRID_HEIGHT, { fit: 'fill' }).greyscale().raw().toBuffer();
  const mean = await sharp(image).resize(1, 1, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  return { hash: differenceHash(gray), color: [mean[0], mean[1], mean[2]] };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const b_ = () => table(strapi, UID.blocked);

  /** The stored fingerprint of a local image file, or null (not an image, remote, unreadable). */
  async function fingerprintOf(file: ScreenedFile): Promise<string | null> {
    const local = file.mime?.startsWith('image/') ? localFilePath(strapi, file.url) : null;
    if (!local) return null;
    try {
      return encodeFingerprint(await fingerprintImage(local));
    } catch (error) {
      strapi.log.warn(`moderation: no fingerprint for file ${file.id}: ${messageOf(error)}`);
      return null;
    }
  }

  return {
    fingerprintOf,

    /** Called for every new file; costs one query while nothing is blocked. */
    async screen(file: ScreenedFile | undefined): Promise<void> {
      if (!file || !Number.isSafeInteger(Number(file.id)) || !file.mime?.startsWith('image/')) return;
      const b = b_();
      const blocked = await strapi.db.connection(b.name).select(`${b.col('fileId')} as fileId`, `${b.col('fingerprint')} as fingerprint`);
      if (blocked.length === 0) return;
      const candidate = decodeFingerprint(await fingerprintOf(file));
      if (!candidate) return;
      const known = blocked.flatMap((row: Row) => {
        const fingerprint = decodeFingerprint(row.fingerprint);
        return fingerprint ? [{ fileId: Number(row.fileId), fingerprint }] : [];
      });
      const match = findSamePicture(candidate, known);
      if (!match) return;

      await unitOfWork(strapi, Number(file.id), { create: true }, async ({ state, now }) => {
        // Only a file nobody has judged yet: a new upload's row was created just now.
        if (state.status !== 'visible') return { result: undefined };
        return {
          result: undefined,
          change: {
            state: { status: 'hidden', hiddenAt: now },
            audit: { actor: 'system', action: 'hide' as const, before: { status: 'visible' }, after: { status: 'hidden', rule: 'blocked-picture', sameAs: match.fileId } },
            event: EVENTS.MODERATION_HIDDEN,
          },
        };
      });
    },

    /** The blocklist for the desk, newest first; a deleted file keeps its name here. */
    async list({ page, pageSize }: { page: number; pageSize: number }): Promise<Page<BlockedPicture<Date>>> {
      const b = b_();
      const total = countOf(await strapi.db.connection(b.name).count('* as n'));
      const rows: Row[] = await strapi.db.connection(b.name).orderBy(b.col('id'), 'desc').limit(pageSize).offset((page - 1) * pageSize).select('*');
      const fileIds = rows.map((row) => Number(row[b.col('fileId')]));
      const f = table(strapi, UID.file);
      const present = new Set(
        fileIds.length ? (await strapi.db.connection(f.name).whereIn(f.col('id'), fileIds).select(`${f.col('id')} as id`)).map((row: Row) => Number(row.id)) : [],
      );
      return {
        results: rows.map((row) => ({
          id: Number(row[b.col('id')]),
          fileId: Number(row[b.col('fileId')]),
          fileName: typeof row[b.col('fileName')] === 'string' ? String(row[b.col('fileName')]) : null,
          fileExists: present.has(Number(row[b.col('fileId')])),
          blockedBy: row[b.col('blockedBy')] === null ? null : Number(row[b.col('blockedBy')]),
          blockedAt: toDate(row[b.col('blockedAt')]),
        })),
        pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) },
      };
    },

    /**
     * Forgets a blocked picture: later uploads of it are public again. The blocked file
     * itself, if it is still there, stays as it is (restore it to bring it back).
     */
    async lift(id: number, adminId: number): Promise<boolean> {
      const b = b_();
      const row = await strapi.db.connection(b.name).where(b.col('id'), id).first();
      if (!row) return false;
      const fileId = Number(row[b.col('fileId')]);
      return unitOfWork(strapi, fileId, {}, async ({ trx }) => {
        const gone = affected(await trx(b.name).where(b.col('id'), id).delete());
        if (gone !== 1) return { result: false };
        return {
          result: true,
          change: { audit: { actor: String(adminId), action: 'lift' as const, before: { blocked: true, fileName: row[b.col('fileName')] ?? null }, after: { blocked: false } } },
        };
      });
    },
  };
};
