/**
 * Rich text (`blocks` fields): an image node carries a copy of the file (id, url, formats)
 * taken when the editor inserted it, so hiding the file changes nothing in the stored body.
 * Image nodes that point at a hidden file, by id or by any of its URLs (absolute ones too:
 * the editor may store the server's full URL), are dropped; the rest of the body stays.
 * Used by the REST output sanitizer and by the GraphQL resolvers of blocks fields.
 */
import type { Hidden } from './hidden';
import { isHiddenUrl } from './hidden';

type Node = { type?: unknown; image?: unknown; children?: unknown };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function imagePointsAtHidden(image: unknown, hidden: Hidden): boolean {
  if (!isRecord(image)) return false;
  if (image.id !== undefined && image.id !== null && hidden.ids.has(Number(image.id))) return true;
  if (isHiddenUrl(image.url, hidden) || isHiddenUrl(image.previewUrl, hidden)) return true;
  const formats = isRecord(image.formats) ? Object.values(image.formats) : [];
  return formats.some((format) => isRecord(format) && isHiddenUrl(format.url, hidden));
}

function cleanNodes(nodes: unknown[], hidden: Hidden): unknown[] {
  let changed = false;
  const out: unknown[] = [];
  for (const node of nodes) {
    if (typeof node !== 'object' || node === null) {
      out.push(node);
      continue;
    }
    const n = node as Node;
    if (n.type === 'image' && imagePointsAtHidden(n.image, hidden)) {
      changed = true;
      continue;
    }
    if (Array.isArray(n.children)) {
      const children = cleanNodes(n.children, hidden);
      if (children !== n.children) {
        changed = true;
        out.push({ ...n, children });
        continue;
      }
    }
    out.push(node);
  }
  return changed ? out : nodes;
}

/** The blocks value without image nodes of hidden files (the same value when there are none). */
export function withoutHiddenImages(blocks: unknown, hidden: Hidden): unknown {
  if (hidden.ids.size === 0 && hidden.urls.size === 0) return blocks;
  if (!Array.isArray(blocks)) return blocks;
  return cleanNodes(blocks, hidden);
}
