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

interface StoredFile {
  id: number;
  name: string;
  alternativeText: string | null;
  caption: string | null;
  url: string;
  width: number;
  height: number;
  formats: unknown;
  hash: string;
  ext: string;
  mime: string;
  size: number;
  previewUrl: string | null;
  provider: string;
  provider_metadata: unknown;
  createdAt: string;
  updatedAt: string;
}

/** Pictures of one item's body that are uploaded; the rest stay links. */
export const MAX_BODY_IMAGES = 5;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Downloads a picture and stores it through the upload service; throws with a reason when it is refused. */
  async function store(url: string, alt: string): Promise<StoredFile> {
    const cfg = pluginConfig(strapi);
    let dir: string | null = null;
    try {
      const res = await fetchFeed(url, { allowPrivate: cfg.allowPrivateNetworks, maxBytes: cfg.maxCoverBytes, connectTimeoutMs: cfg.connectTimeoutMs, totalTimeoutMs: cfg.totalTimeoutMs, accept: 'image/*' });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      const type = sniffImage(res.body);
      if (!type) throw new Error('not a JPEG, PNG, GIF or WebP picture');
      const meta = await sharp(res.body, { limitInputPixels: cfg.maxCoverPixels }).metadata();
      if (!meta.width || !meta.height) throw new Error('unreadable picture');
      if (meta.width * meta.height > cfg.maxCoverPixels) throw new Error(`${meta.width}×${meta.height} is more than ${cfg.maxCoverPixels} pixels`);
      if (meta.width < 16 || meta.height < 16) throw new Error('too small to be a picture worth keeping');
      dir = await mkdtemp(path.join(tmpdir(), 'nashra-cover-'));
      const base = (path.basename(new URL(res.url).pathname).replace(/\.[^.]*$/, '') || 'cover').replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 80);
      const file = path.join(dir, `${base}${type.ext}`);
      await writeFile(file, res.body);
      const uploaded = (await strapi.plugin('upload').service('upload').upload({
        data: { fileInfo: { name: `${base}${type.ext}`, alternativeText: alt.slice(0, 250), caption: null } },
        files: { filepath: file, originalFilename: `${base}${type.ext}`, mimetype: type.mime, size: res.body.length },
      })) as StoredFile[];
      if (!uploaded[0]?.id) throw new Error('the upload service stored nothing');
      return uploaded[0];
    } finally {
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }

  return {
    /**
     * After the article is created: its cover and the pictures of its body, downloaded and stored.
     * A picture that fails stays out (the cover) or stays a link (the body), with a warning.
     */
    /**
     * The pictures of a draft's body as stored files: those already stored for this item (`known`,
     * picture URL → file id) are reused, the others downloaded (at most MAX_BODY_IMAGES).
     */
    async bodyImages(draft: ArticleDraft, known: Record<string, number>, warnings: string[]): Promise<{ stored: Map<string, StoredFile>; map: Record<string, number> }> {
      const stored = new Map<string, StoredFile>();
      const srcs = [...new Set(draft.body.flatMap((b) => (b.type === 'pending-image' ? [b.src] : [])))].slice(0, MAX_BODY_IMAGES);
      for (const src of srcs) {
        const alt = draft.body.find((b) => b.type === 'pending-image' && b.src === src);
        const id = known[src];
        const existing = id ? ((await strapi.db.query('plugin::upload.file').findOne({ where: { id } })) as StoredFile | null) : null;
        if (existing) {
          stored.set(src, existing);
          continue;
        }
        try {
          stored.set(src, await store(src, (alt?.type === 'pending-image' && alt.alt) || draft.title));
        } catch (err) {
          warnings.push(`a picture of "${draft.title.slice(0, 60)}" stays a link: ${(err as Error).message}`);
        }
      }
      return { stored, map: Object.fromEntries([...stored].map(([src, f]) => [src, f.id])) };
    },

    /**
     * After the article is created: its cover and the pictures of its body, downloaded and stored.
     * A picture that fails stays out (the cover) or stays a link (the body), with a warning.
     * Returns the body's stored pictures (URL → file id), kept with the item for later updates.
     */
    async attach(articleDocumentId: string, draft: ArticleDraft, publish: boolean, warnings: string[]): Promise<Record<string, number>> {
      const data: Record<string, unknown> = {};
      if (draft.coverUrl) {
        try {
          data.cover = (await store(draft.coverUrl, draft.title)).id;
        } catch (err) {
          warnings.push(`cover of "${draft.title.slice(0, 60)}" not stored: ${(err as Error).message}`);
        }
      }
      const { stored, map } = await this.bodyImages(draft, {}, warnings);
      if (stored.size) data.body = bodyWithImages(draft.body, stored);
      if (!Object.keys(data).length) return map;
      await strapi.documents(UID.article as never).update({ documentId: articleDocumentId, locale: draft.locale, data } as never);
      if (publish) await strapi.documents(UID.article as never).publish({ documentId: articleDocumentId, locale: draft.locale } as never);
      return map;
    },
  };
};

/** The draft's blocks with stored pictures as image blocks (the shape Strapi's blocks validator asks for) and the others as links. */
export function bodyWithImages(body: ArticleDraft['body'], stored: ReadonlyMap<string, StoredFile>): unknown[] {
  return body.map((b) => {
    if (b.type !== 'pending-image') return b;
    const f = stored.get(b.src);
    if (!f) return { type: 'paragraph', children: [{ type: 'link', url: b.src, children: [{ type: 'text', text: b.alt || b.src }] }] };
    const { id: _id, ...image } = f;
    return { type: 'image', image: { ...image, alternativeText: b.alt || f.alternativeText }, children: [{ type: 'text', text: '' }] };
  });
}
