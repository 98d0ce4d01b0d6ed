import sharp from 'sharp';
import type supertest from 'supertest';

/** A small real JPEG made on the spot: nothing is downloaded. */
export async function makeImage(hue = 200, size = 64): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="100%" height="100%" fill="hsl(${hue},70%,45%)"/><circle cx="${size / 2}" cy="${size / 2}" r="${size / 4}" fill="white"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

/** Client of the REST API with a full-access token. */
export function editor(http: () => supertest.Agent, token: string) {
  const auth = { Authorization: `Bearer ${token}` };
  const send = async (method: 'post' | 'put', url: string, data: unknown) => {
    const res = await http()[method](url).set(auth).send({ data });
    if (res.status >= 300) throw new Error(`${method.toUpperCase()} ${url} -> ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  return {
    auth,
    create: (collection: string, data: unknown, query = '') => send('post', `/api/${collection}${query}`, data),
    update: (collection: string, documentId: string, data: unknown, query = '') =>
      send('put', `/api/${collection}/${documentId}${query}`, data),
    async upload(name = 'cover.jpg', hue = 200): Promise<{ id: number; documentId: string; url: string }> {
      const res = await http().post('/api/upload').set(auth).attach('files', await makeImage(hue), name);
      if (res.status !== 201) throw new Error(`upload -> ${res.status} ${JSON.stringify(res.body)}`);
      return res.body[0];
    },
  };
}
