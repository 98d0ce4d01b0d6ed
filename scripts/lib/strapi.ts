/** Loads the compiled Nashra in this process, for scripts that write data (seed, bench). */
import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs/promises';
import { createStrapi, type Core } from '@strapi/strapi';

export const ROOT = path.resolve(__dirname, '..', '..');

export async function loadNashra(): Promise<Core.Strapi> {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.LOG_LEVEL ??= 'warn';
  return createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist'), serveAdminPanel: false }).load();
}

/** Puts an image in the Media Library through the upload service (formats, metadata and all). */
export async function uploadImage(
  strapi: Core.Strapi,
  image: Buffer,
  name: string,
  alternativeText: string
): Promise<{ id: number; documentId: string; url: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nashra-upload-'));
  const filepath = path.join(dir, name);
  try {
    await fs.writeFile(filepath, image);
    const [file] = await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name, alternativeText, caption: alternativeText } },
        files: { filepath, originalFilename: name, mimetype: 'image/jpeg', size: image.length },
      });
    return file;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Strapi blocks for plain paragraphs. */
export const paragraphsToBlocks = (paragraphs: readonly string[]) =>
  paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));
