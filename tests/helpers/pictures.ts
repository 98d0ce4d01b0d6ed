/** Two distinct pictures drawn with sharp, for the fingerprint tests: a port scene and a crowd. */
import sharp from 'sharp';

export const PORT = '<rect x="40" y="180" width="400" height="60" fill="#f2c14e"/><circle cx="360" cy="80" r="50" fill="#fff"/><polygon points="60,180 140,60 220,180" fill="#e4572e"/>';
export const CROWD = '<circle cx="80" cy="150" r="40" fill="#ffe"/><circle cx="200" cy="120" r="40" fill="#ffe"/><circle cx="320" cy="170" r="40" fill="#ffe"/><rect x="0" y="230" width="480" height="58" fill="#333"/>';

/** A JPEG of `shapes` on `background`, `width` pixels wide (5:3). */
export const picture = (shapes: string, background = '#1d5c8c', width = 480) =>
  sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${Math.round(width * 0.6)}" viewBox="0 0 480 288">
    <rect width="480" height="288" fill="${background}"/>${shapes}</svg>`)).jpeg({ quality: 90 }).toBuffer();
