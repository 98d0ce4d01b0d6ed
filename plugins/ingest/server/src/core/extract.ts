/**
 * The main text of an article page (for sources whose feed carries only a summary): Readability on
 * a linkedom document. Readability's defaults drop articles under 500 characters, which is most
 * wire copy ("الرباط - أفادت وكالة المغرب العربي للأنباء..."), so the threshold is lowered and a
 * short result is accepted when it is longer than the feed's own summary.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface Extracted {
  html: string;
  text: string;
  title: string | null;
  dir: string | null;
  lang: string | null;
}

export const MIN_EXTRACT_CHARS = 80;

export function extractMainText(html: string, url: string, options: { minChars?: number } = {}): Extracted | null {
  const minChars = options.minChars ?? MIN_EXTRACT_CHARS;
  const { document } = parseHTML(html);
  try {
    // Readability resolves relative links against documentURI / baseURI.
    Object.defineProperty(document, 'documentURI', { value: url, configurable: true });
    Object.defineProperty(document, 'baseURI', { value: url, configurable: true });
  } catch {
    /* linkedom versions without these properties */
  }
  const reader = new Readability(document as unknown as Document, { charThreshold: minChars, nbTopCandidates: 5, keepClasses: false });
  const article = reader.parse();
  if (!article || !article.content) return null;
  const text = (article.textContent ?? '').replace(/\s+/g, ' ').trim();
  if ([...text].length < minChars) return null;
  return { html: article.content, text, title: article.title ?? null, dir: article.dir ?? null, lang: article.lang ?? null };
}
