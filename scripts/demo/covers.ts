/**
 * Demo cover images: an SVG (gradient, a zellige-like eight-pointed star
 * pattern, a few discs, a text band) rendered to JPEG by sharp. No network,
 * no files: the picture depends only on the cover's key, label and hue.
 *
 * Text goes through sharp's bundled librsvg + Pango (HarfBuzz shaping,
 * FriBidi), so Arabic labels are joined and laid out right to left, provided
 * fontconfig can find a font with Arabic glyphs. The font stack below names
 * DejaVu Sans first (the only Arabic-capable font on the dev machine:
 * `fc-list :lang=ar`), then common Arabic families. On a machine with no
 * Arabic font an Arabic label would come out as boxes; pass
 * `{ text: false }` there (or set NASHRA_DEMO_COVER_TEXT=0) to draw the
 * shapes only. Everything else is font independent.
 */
import sharp from 'sharp';
import { seededRandom } from '../lib/prng';

export interface CoverSpec {
  key: string;
  label: string;
  hue: number;
}

export interface RenderCoverOptions {
  /** Pixels, default 1200. */
  width?: number;
  /** Pixels, default 675 (16:9). */
  height?: number;
  /** Draw the label and the corner mark (default true, or NASHRA_DEMO_COVER_TEXT=0 to disable). */
  text?: boolean;
  /** JPEG quality 1-100, default 82. */
  quality?: number;
}

export const COVER_WIDTH = 1200;
export const COVER_HEIGHT = 675;

const FONT_STACK =
  "'DejaVu Sans', 'Noto Sans Arabic', 'Noto Naskh Arabic', 'Noto Kufi Arabic', 'Amiri', 'Arial', sans-serif";

/** FNV-1a, 32 bit: a stable seed from the cover key. */
function hash32(input: string): number {
  let h = 0x811c9dc5;
  for (const ch of input) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}


/** HSL (h in degrees, s and l in 0..100) to #rrggbb; avoids relying on SVG hsl() support. */
function hsl(h: number, s: number, l: number): string {
  const hh = ((h % 360) + 360) % 360;
  const ss = Math.max(0, Math.min(100, s)) / 100;
  const ll = Math.max(0, Math.min(100, l)) / 100;
  const k = (n: number) => (n + hh / 30) % 12;
  const a = ss * Math.min(ll, 1 - ll);
  const f = (n: number) => ll - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  const hex = (x: number) => Math.round(x * 255).toString(16).padStart(2, '0');
  return `#${hex(f(0))}${hex(f(8))}${hex(f(4))}`;
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Drops control, invisible and bidi-control characters that would only confuse the layout. */
function cleanLabel(label: string): string {
  return label
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the first letter is Arabic/Hebrew, i.e. the label reads right to left. */
function firstStrongIsRtl(text: string): boolean {
  const m = /\p{L}/u.exec(text);
  return m !== null && /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(m[0]);
}

/** Eight-pointed star (two overlaid squares) centred on (cx, cy), as a polygon points list. */
function star8(cx: number, cy: number, r: number): string {
  const pts: string[] = [];
  // Inner vertices where the two squares' edges cross: r·cos(45°)/cos(22.5°).
  const inner = (r * Math.cos(Math.PI / 4)) / Math.cos(Math.PI / 8);
  for (let i = 0; i < 16; i++) {
    const rad = i % 2 === 0 ? r : inner;
    const ang = (Math.PI / 8) * i - Math.PI / 2;
    pts.push(`${(cx + rad * Math.cos(ang)).toFixed(1)},${(cy + rad * Math.sin(ang)).toFixed(1)}`);
  }
  return pts.join(' ');
}

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 16 || value > 8000) {
    throw new RangeError(`renderCover: ${name} must be an integer between 16 and 8000, got ${value}`);
  }
  return value;
}

/** The SVG source of a cover (exported for debugging and tests). */
export function coverSvg(cover: CoverSpec, options: RenderCoverOptions = {}): string {
  const width = positiveInt('width', options.width, COVER_WIDTH);
  const height = positiveInt('height', options.height, COVER_HEIGHT);
  const drawText = options.text ?? process.env.NASHRA_DEMO_COVER_TEXT !== '0';
  if (!Number.isFinite(cover.hue)) throw new RangeError(`renderCover: hue must be a number, got ${cover.hue}`);

  const rand = seededRandom(hash32(cover.key));
  const hue = ((cover.hue % 360) + 360) % 360;
  const dark = hsl(hue + 25, 60, 16);
  const mid = hsl(hue, 62, 34);
  const light = hsl(hue - 15, 70, 52);
  const accent = hsl(hue + 180, 70, 62);

  const unit = Math.min(width, height);
  const parts: string[] = [];

  // Background gradient, its direction varied by key.
  const angle = Math.floor(rand() * 4);
  const [x1, y1, x2, y2] = [
    ['0', '0', '1', '1'],
    ['1', '0', '0', '1'],
    ['0', '1', '1', '0'],
    ['0', '0', '1', '0'],
  ][angle]!;
  parts.push(
    `<defs>`,
    `<linearGradient id="bg" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}">`,
    `<stop offset="0" stop-color="${light}"/><stop offset="0.55" stop-color="${mid}"/><stop offset="1" stop-color="${dark}"/>`,
    `</linearGradient>`,
    `<radialGradient id="glow" cx="0.5" cy="0.5" r="0.5">`,
    `<stop offset="0" stop-color="#ffffff" stop-opacity="0.35"/><stop offset="1" stop-color="#ffffff" stop-opacity="0"/>`,
    `</radialGradient>`,
    `</defs>`,
    `<rect width="${width}" height="${height}" fill="url(#bg)"/>`,
  );

  // Zellige-like lattice of eight-pointed stars.
  const cell = Math.max(24, Math.round(unit / (4 + Math.floor(rand() * 3))));
  const starR = cell * 0.42;
  const lattice: string[] = [];
  for (let row = -1, y = 0; y < height + cell; row++, y = row * cell) {
    const offset = row % 2 === 0 ? 0 : cell / 2;
    for (let x = -cell; x < width + cell; x += cell) {
      lattice.push(`<polygon points="${star8(x + offset, y, starR)}"/>`);
    }
  }
  parts.push(
    `<g fill="none" stroke="#ffffff" stroke-opacity="0.10" stroke-width="${Math.max(1, unit / 300).toFixed(1)}">`,
    ...lattice,
    `</g>`,
  );

  // A few soft discs.
  const discs = 3 + Math.floor(rand() * 3);
  for (let i = 0; i < discs; i++) {
    const cx = (rand() * width).toFixed(1);
    const cy = (rand() * height).toFixed(1);
    const r = (unit * (0.18 + rand() * 0.35)).toFixed(1);
    parts.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="url(#glow)"/>`);
  }

  // Accent bar along the bottom.
  const barH = Math.max(4, Math.round(height * 0.02));
  parts.push(`<rect x="0" y="${height - barH}" width="${width}" height="${barH}" fill="${accent}" fill-opacity="0.85"/>`);

  if (drawText) {
    const label = cleanLabel(cover.label);
    if (label) {
      // Rough width estimate: ~0.58 em per character for DejaVu Sans Bold.
      const chars = [...label].length;
      const fontSize = Math.max(12, Math.round(Math.min(height * 0.17, (width * 0.78) / (chars * 0.58))));
      const bandH = Math.round(fontSize * 1.9);
      const bandY = Math.round(height / 2 - bandH / 2);
      // Paragraph direction from the first strong character (as in Unicode's P2 rule), so that
      // neutrals such as «…», "?" or "…" land on the right side of an Arabic label.
      const rtl = firstStrongIsRtl(label);
      parts.push(
        `<rect x="0" y="${bandY}" width="${width}" height="${bandH}" fill="#000000" fill-opacity="0.28"/>`,
        `<text x="${width / 2}" y="${Math.round(height / 2 + fontSize * 0.36)}" text-anchor="middle"` +
          (rtl ? ' direction="rtl" unicode-bidi="embed"' : '') +
          ` font-family="${FONT_STACK}" font-weight="bold" font-size="${fontSize}" fill="#ffffff">${escapeXml(label)}</text>`,
      );
    }
    const markSize = Math.max(10, Math.round(height * 0.035));
    parts.push(
      `<text x="${Math.round(width * 0.03)}" y="${Math.round(height * 0.03 + markSize)}"` +
        ` font-family="${FONT_STACK}" font-size="${markSize}" fill="#ffffff" fill-opacity="0.8" letter-spacing="2">NASHRA · DEMO</text>`,
    );
  }

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    parts.join('') +
    `</svg>`
  );
}

/** Renders a demo cover to a baseline JPEG (default 1200x675). */
export async function renderCover(cover: CoverSpec, options: RenderCoverOptions = {}): Promise<Buffer> {
  const quality = options.quality ?? 82;
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) {
    throw new RangeError(`renderCover: quality must be an integer between 1 and 100, got ${quality}`);
  }
  const svg = coverSvg(cover, options);
  return sharp(Buffer.from(svg, 'utf8'), { density: 72 })
    .flatten({ background: '#000000' })
    .jpeg({ quality, chromaSubsampling: '4:2:0' })
    .toBuffer();
}
