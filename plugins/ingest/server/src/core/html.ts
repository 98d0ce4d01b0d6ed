/**
 * Feed HTML to safe content: sanitize-html with explicit tag, attribute and URL-scheme allowlists,
 * then a walk of the sanitized tree (linkedom) into Strapi blocks. Plain text (titles, excerpts)
 * comes from the same parser, so entities are decoded exactly once.
 */
import sanitize from 'sanitize-html';
import { parseHTML } from 'linkedom';

export const ALLOWED_SCHEMES = ['http', 'https', 'mailto', 'tel'] as const;
export const IMAGE_SCHEMES = ['http', 'https'] as const;

const ALLOWED_TAGS = [
  'p', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code',
  'a', 'img', 'strong', 'b', 'em', 'i', 'u', 's', 'strike', 'del', 'ins', 'sub', 'sup', 'span', 'div', 'figure', 'figcaption',
  'section', 'article', 'header', 'footer', 'main', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'hr', 'small', 'mark', 'q', 'cite', 'bdi', 'bdo',
];

/** dir only as a direction: any other value is dropped. */
const DIR = [{ name: 'dir', multiple: false, values: ['rtl', 'ltr', 'auto'] }];

/**
 * Sanitizes feed HTML. Only the listed tags and attributes survive; URLs must be absolute http(s)
 * (mailto/tel for links) once resolved against `baseUrl`; javascript:, data:, vbscript: and every
 * other scheme are dropped, as are all event handlers, style, iframes, forms and scripts (with
 * their text). Lazy-loaded images (data-src) are taken at their real source.
 */
export function sanitizeFeedHtml(html: string, baseUrl: string | null = null): string {
  const resolve = (value: string | undefined): string | null => {
    if (!value) return null;
    const v = value.trim().replace(/[\u0000-\u001F\u007F\s]+/g, (m) => (/\s/.test(m) && !/[\u0000-\u001F]/.test(m) ? ' ' : ''));
    try {
      return new URL(v, baseUrl ?? undefined).href;
    } catch {
      return null;
    }
  };
  return sanitize(html, {
    allowedTags: ALLOWED_TAGS,
    // Per tag: sanitize-html ignores value-restricted attributes under '*'.
    allowedAttributes: {
      ...Object.fromEntries(ALLOWED_TAGS.map((t) => [t, DIR])),
      a: ['href', 'title', ...DIR],
      img: ['src', 'alt', 'title', 'width', 'height', ...DIR],
      code: ['class', ...DIR],
    },
    allowedClasses: { code: [/^language-[\w-]+$/] },
    allowedSchemes: [...ALLOWED_SCHEMES],
    allowedSchemesByTag: { img: [...IMAGE_SCHEMES] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'xmp', 'iframe', 'object', 'embed', 'svg', 'math', 'title', 'head'],
    transformTags: {
      a: (tagName, attribs) => {
        const href = resolve(attribs.href);
        const out: Record<string, string> = {};
        if (href) out.href = href;
        if (attribs.title) out.title = attribs.title;
        if (attribs.dir && /^(rtl|ltr|auto)$/i.test(attribs.dir)) out.dir = attribs.dir.toLowerCase();
        return { tagName, attribs: out };
      },
      img: (tagName, attribs) => {
        const src = resolve(attribs['data-src'] || attribs['data-original'] || attribs['data-lazy-src'] || attribs.src);
        const out: Record<string, string> = { ...attribs };
        delete out['data-src'];
        delete out['data-original'];
        delete out['data-lazy-src'];
        if (src) out.src = src;
        else delete out.src;
        return { tagName, attribs: out };
      },
    },
    exclusiveFilter: (frame) => {
      if (frame.tag !== 'img') return false;
      if (!frame.attribs.src) return true;
      // Tracking pixels: 1×1 images carry nothing a reader sees.
      return Number(frame.attribs.width) === 1 || Number(frame.attribs.height) === 1;
    },
    dir: undefined,
  } as sanitize.IOptions);
}

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/g;

/** Folds whitespace and invisible characters (ZW*, bidi marks, soft hyphen, BOM), then NFC. */
export function foldText(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(/[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g, ' ').trim();
}

function documentFor(html: string) {
  return parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document;
}

/**
 * Plain text of a fragment of HTML or of text with entities: tags removed (script/style text too),
 * entities decoded once, whitespace and invisible characters folded. Double-escaped titles
 * ("&amp;quot;") are decoded once more when what remains is still an entity and no tag.
 */
export function plainText(input: string | null | undefined): string {
  if (!input) return '';
  let text = input;
  const once = (s: string) => {
    const clean = sanitize(s, { allowedTags: [], allowedAttributes: {}, nonTextTags: ['script', 'style', 'textarea', 'noscript', 'template', 'xmp', 'iframe', 'title'] });
    const doc = documentFor(clean);
    return doc.body.textContent ?? '';
  };
  // Block boundaries are word boundaries: "<p>a</p><p>b</p>" reads "a b", not "ab".
  text = once(text.replace(/<(\/?(?:p|div|li|h[1-6]|br|ul|ol|blockquote|tr|td|th|figcaption|section|article)\b)/gi, ' <$1'));
  if (/&(?:[a-z]{2,8}|#\d{2,6}|#x[0-9a-f]{2,6});/i.test(text) && !/[<>]/.test(text)) text = once(text);
  return foldText(text);
}

export type Inline =
  | { type: 'text'; text: string; bold?: true; italic?: true; underline?: true; strikethrough?: true; code?: true }
  | { type: 'link'; url: string; children: { type: 'text'; text: string; bold?: true; italic?: true }[] };

export type Dir = 'rtl' | 'ltr';

export type Block =
  | { type: 'paragraph'; children: Inline[]; dir?: Dir }
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[]; dir?: Dir }
  | { type: 'quote'; children: Inline[]; dir?: Dir }
  | { type: 'code'; children: { type: 'text'; text: string }[] }
  | { type: 'list'; format: 'ordered' | 'unordered'; children: ListChild[]; dir?: Dir }
  /** A picture still to be uploaded: the Strapi side turns it into an image block, or a link if it cannot. */
  | { type: 'pending-image'; src: string; alt: string };

export type ListChild = { type: 'list-item'; children: Inline[] } | Extract<Block, { type: 'list' }>;

type Marks = { bold?: true; italic?: true; underline?: true; strikethrough?: true; code?: true };

const BLOCK_TAGS = new Set(['p', 'div', 'section', 'article', 'header', 'footer', 'main', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?: (name: string) => string | null;
}

const wrap = (node: DomNode): DomNode => ({ nodeType: 1, nodeName: 'span', textContent: null, childNodes: [node] });

function dirOf(node: DomNode, inherited: Dir | undefined): Dir | undefined {
  const d = node.getAttribute?.('dir')?.toLowerCase();
  return d === 'rtl' || d === 'ltr' ? d : inherited;
}

function collapse(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of inlines) {
    const prev = out[out.length - 1];
    if (node.type === 'text' && prev?.type === 'text' && JSON.stringify({ ...prev, text: '' }) === JSON.stringify({ ...node, text: '' })) {
      prev.text += node.text;
    } else out.push({ ...node } as Inline);
  }
  // Trim the ends and fold runs of spaces; drop empty texts.
  const result: Inline[] = [];
  out.forEach((n, i) => {
    if (n.type === 'text') {
      let t = n.text.replace(INVISIBLE, '').replace(/[ \t\r\f\u00A0]+/g, ' ').replace(/ *\n */g, '\n');
      if (i === 0) t = t.replace(/^\s+/, '');
      if (i === out.length - 1) t = t.replace(/\s+$/, '');
      if (t) result.push({ ...n, text: t });
    } else if (n.children.some((c) => c.text.trim())) result.push(n);
  });
  return result;
}

/** Sanitized HTML to Strapi blocks. Text outside any block becomes paragraphs; empty blocks are dropped. */
export function htmlToBlocks(safeHtml: string): Block[] {
  const doc = documentFor(safeHtml);
  const blocks: Block[] = [];
  let pending: Inline[] = [];
  let pendingDir: Dir | undefined;

  const flush = () => {
    const children = collapse(pending);
    if (children.length) blocks.push(pendingDir ? { type: 'paragraph', children, dir: pendingDir } : { type: 'paragraph', children });
    pending = [];
  };

  const inlines = (node: DomNode, marks: Marks, out: Inline[], images: Block[]): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        out.push({ type: 'text', text: child.textContent ?? '', ...marks });
        continue;
      }
      if (child.nodeType !== 1) continue;
      const tag = child.nodeName.toLowerCase();
      if (tag === 'br') out.push({ type: 'text', text: '\n', ...marks });
      else if (tag === 'img') {
        const src = child.getAttribute?.('src');
        if (src) images.push({ type: 'pending-image', src, alt: foldText(child.getAttribute?.('alt') ?? '') });
      } else if (tag === 'a') {
        const href = child.getAttribute?.('href');
        const inner: Inline[] = [];
        inlines(child, marks, inner, images);
        const texts = inner.flatMap((n) => (n.type === 'text' ? [n] : n.children));
        if (href && texts.some((t) => t.text.trim())) {
          out.push({ type: 'link', url: href, children: texts.map((t) => ({ type: 'text' as const, text: t.text, ...(t.bold ? { bold: true as const } : {}), ...(t.italic ? { italic: true as const } : {}) })) });
        } else out.push(...inner);
      } else {
        const m: Marks = { ...marks };
        if (tag === 'strong' || tag === 'b') m.bold = true;
        if (tag === 'em' || tag === 'i' || tag === 'cite') m.italic = true;
        if (tag === 'u' || tag === 'ins') m.underline = true;
        if (tag === 's' || tag === 'strike' || tag === 'del') m.strikethrough = true;
        if (tag === 'code') m.code = true;
        inlines(child, m, out, images);
      }
    }
  };

  const list = (node: DomNode, ordered: boolean, dir: Dir | undefined): Extract<Block, { type: 'list' }> | null => {
    const children: ListChild[] = [];
    for (const li of Array.from(node.childNodes)) {
      if (li.nodeType !== 1) continue;
      const tag = li.nodeName.toLowerCase();
      if (tag === 'ul' || tag === 'ol') {
        const nested = list(li, tag === 'ol', dir);
        if (nested) children.push(nested);
        continue;
      }
      const out: Inline[] = [];
      const images: Block[] = [];
      const nestedLists: Extract<Block, { type: 'list' }>[] = [];
      for (const c of Array.from(li.childNodes)) {
        const ct = c.nodeName.toLowerCase();
        if (c.nodeType === 1 && (ct === 'ul' || ct === 'ol')) {
          const nested = list(c, ct === 'ol', dir);
          if (nested) nestedLists.push(nested);
        } else inlines(wrap(c), {}, out, images);
      }
      const collapsed = collapse(out);
      if (collapsed.length) children.push({ type: 'list-item', children: collapsed });
      children.push(...nestedLists);
    }
    if (!children.length) return null;
    return dir ? { type: 'list', format: ordered ? 'ordered' : 'unordered', children, dir } : { type: 'list', format: ordered ? 'ordered' : 'unordered', children };
  };

  const walk = (node: DomNode, dir: Dir | undefined): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        if (!pending.length) pendingDir = dir;
        pending.push({ type: 'text', text: child.textContent ?? '' });
        continue;
      }
      if (child.nodeType !== 1) continue;
      const tag = child.nodeName.toLowerCase();
      const d = dirOf(child, dir);
      if (!BLOCK_TAGS.has(tag)) {
        if (!pending.length) pendingDir = d;
        const images: Block[] = [];
        inlines(wrap(child), {}, pending, images);
        if (images.length) {
          flush();
          blocks.push(...images);
        }
        continue;
      }
      flush();
      if (/^h[1-6]$/.test(tag) || tag === 'p' || tag === 'blockquote' || tag === 'figcaption' || tag === 'td' || tag === 'th') {
        const hasBlockChild = Array.from(child.childNodes).some((c) => c.nodeType === 1 && BLOCK_TAGS.has(c.nodeName.toLowerCase()));
        if (hasBlockChild && tag === 'blockquote') {
          // <blockquote><p>…</p><p>…</p></blockquote>: one quote per paragraph inside.
          const start = blocks.length;
          walk(child, d);
          flush();
          for (let i = start; i < blocks.length; i++) {
            const b = blocks[i]!;
            if (b.type === 'paragraph') blocks[i] = d ? { type: 'quote', children: b.children, dir: d } : { type: 'quote', children: b.children };
          }
          continue;
        }
        if (hasBlockChild) {
          walk(child, d);
          flush();
          continue;
        }
        const out: Inline[] = [];
        const images: Block[] = [];
        inlines(child, {}, out, images);
        const children = collapse(out);
        if (children.length) {
          const extra = d ? { dir: d } : {};
          if (tag.startsWith('h') && tag.length === 2) blocks.push({ type: 'heading', level: Number(tag[1]) as 1, children, ...extra });
          else if (tag === 'blockquote') blocks.push({ type: 'quote', children, ...extra });
          else blocks.push({ type: 'paragraph', children, ...extra });
        }
        blocks.push(...images);
      } else if (tag === 'ul' || tag === 'ol') {
        const l = list(child, tag === 'ol', d);
        if (l) blocks.push(l);
      } else if (tag === 'pre') {
        const text = (child.textContent ?? '').replace(/\s+$/, '');
        if (text.trim()) blocks.push({ type: 'code', children: [{ type: 'text', text }] });
      } else if (tag !== 'hr') {
        walk(child, d);
        flush();
      }
    }
  };

  walk(doc.body as unknown as DomNode, undefined);
  flush();
  return blocks;
}

/** The first image in sanitized HTML (a cover candidate), or null. */
export function firstImage(safeHtml: string): string | null {
  const m = /<img\b[^>]*\bsrc="([^"]+)"/i.exec(safeHtml);
  return m ? m[1]!.replace(/&amp;/g, '&') : null;
}
