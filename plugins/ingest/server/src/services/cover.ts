/**
 * The cover of an ingested article, downloaded once and stored through Strapi's upload service,
 * so the upload lifecycle (and the moderation plugin's blocklist and fingerprints) sees it like any
 * editor's upload. The type is sniffed from the bytes, never taken from the URL or the header;
 * size and pixel count are bounded.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import sharp from 'sharp';
import { fetchFeed, type ArticleDraft } from '../core';
import { UID } from '../content-types';
import { pluginConfig } from '../utils';

const SIGNATURES: { mime: string; ext: string; test: (b: Buffer) => boolean }[] = [
  { mime: 'image/jpeg', ext: '.jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/png', ext: '.png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/gif', ext: '.gif', test: (b) => b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a' },
  { mime: 'image/webp', ext: '.webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

export function sniffImage(bytes: Buffer): { mime: string; ext: string } | null {
  const hit = SIGNATURES.find((s) => bytes.length > 12 && s.test(bytes));
  return hit ? { mime: hit.mime, ext: hit.ext } : null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Downloads the draft's cover and sets it on the article; a cover that fails leaves the article without one and a warning. */
  async attach(articleDocumentId: string, draft: ArticleDraft, publish: boolean, warnings: string[]): Promise<boolean> {
    if (!draft.coverUrl) return false;
    const cfg = pluginConfig(strapi);
    let dir: string | null = null;
    try {
      const res = await fetchFeed(draft.coverUrl, { allowPrivate: cfg.allowPrivateNetworks, maxBytes: cfg.maxCoverBytes, connectTimeoutMs: cfg.connectTimeoutMs, totalTimeoutMs: cfg.totalTimeoutMs, accept: 'image/*' });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      const type = sniffImage(res.body);
      if (!type) throw new Error('not a JPEG, PNG, GIF or WebP picture');
      const meta = await sharp(res.body, { limitInputPixels: cfg.maxCoverPixels }).metadata();
      if (!meta.width || !meta.height) throw new Error('unreadable picture');
      if (meta.width * meta.height > cfg.maxCoverPixels) throw new Error(`${meta.width}×${meta.height} is more than ${cfg.maxCoverPixels} pixels`);
      if (meta.width < 16 || meta.height < 16) throw new Error('too small to be a cover');
      dir = await mkdtemp(path.join(tmpdir(), 'nashra-cover-'));
      const base = (path.basename(new URL(res.url).pathname).replace(/\.[^.]*$/, '') || 'cover').replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 80);
      const file = path.join(dir, `${base}${type.ext}`);
      await writeFile(file, res.body);
      const uploaded = (await strapi.plugin('upload').service('upload').upload({
        data: { fileInfo: { name: `${base}${type.ext}`, alternativeText: draft.title.slice(0, 250), caption: null } },
        files: { filepath: file, originalFilename: `${base}${type.ext}`, mimetype: type.mime, size: res.body.length },
      })) as { id: number }[];
      const fileId = uploaded[0]?.id;
      if (!fileId) throw new Error('the upload service stored nothing');
      await strapi.documents(UID.article as never).update({ documentId: articleDocumentId, locale: draft.locale, data: { cover: fileId } } as never);
      if (publish) await strapi.documents(UID.article as never).publish({ documentId: articleDocumentId, locale: draft.locale } as never);
      return true;
    } catch (err) {
      warnings.push(`cover of "${draft.title.slice(0, 60)}" not stored: ${(err as Error).message}`);
      return false;
    } finally {
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  },
});
