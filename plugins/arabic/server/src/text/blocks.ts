/**
 * The plain text of a Strapi "blocks" value (the JSON the rich-text editor stores): every `text`
 * leaf, in document order, paragraphs and list items separated by a newline so words from two
 * blocks never run together. Anything that is not blocks JSON gives ''. Images contribute their
 * alternative text, since readers search for what a picture shows too.
 */
export function blocksToText(blocks: unknown): string {
  if (!Array.isArray(blocks)) return '';
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: unknown; text?: unknown; children?: unknown; image?: { alternativeText?: unknown } };
    if (n.type === 'text' && typeof n.text === 'string') {
      out.push(n.text);
      return;
    }
    if (n.type === 'image' && typeof n.image?.alternativeText === 'string') out.push(n.image.alternativeText, '\n');
    if (Array.isArray(n.children)) {
      for (const child of n.children) walk(child);
      if (n.type !== 'link') out.push('\n');
    }
  };
  for (const block of blocks) walk(block);
  return out.join('').replace(/\n+/g, '\n').trim();
}
