import { describe, it, expect } from '@jest/globals';
import sharp from 'sharp';
import { sniffImage, bodyWithImages } from '../../server/src/services/cover';

describe('sniffImage', () => {
  it('knows a picture by its bytes, not its name or header', async () => {
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: 'red' } }).png().toBuffer();
    const jpg = await sharp(png).jpeg().toBuffer();
    const webp = await sharp(png).webp().toBuffer();
    expect(sniffImage(png)).toEqual({ mime: 'image/png', ext: '.png' });
    expect(sniffImage(jpg)).toEqual({ mime: 'image/jpeg', ext: '.jpg' });
    expect(sniffImage(webp)).toEqual({ mime: 'image/webp', ext: '.webp' });
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniffImage(Buffer.from('<html>not a picture</html>'))).toBeNull();
  });
});

describe('bodyWithImages', () => {
  it('turns stored pictures into image blocks and the others into links', () => {
    const file = { id: 9, name: 'a.jpg', alternativeText: null, caption: null, url: '/uploads/a.jpg', width: 20, height: 20, formats: null, hash: 'a', ext: '.jpg', mime: 'image/jpeg', size: 1, previewUrl: null, provider: 'local', provider_metadata: null, createdAt: 'x', updatedAt: 'x' };
    const out = bodyWithImages(
      [
        { type: 'paragraph', children: [{ type: 'text', text: 'x' }] },
        { type: 'pending-image', src: 'https://a.example/a.jpg', alt: 'صورة' },
        { type: 'pending-image', src: 'https://a.example/b.jpg', alt: '' },
      ],
      new Map([['https://a.example/a.jpg', file]]),
    );
    expect(out[1]).toEqual({ type: 'image', image: { ...file, id: undefined, alternativeText: 'صورة' }, children: [{ type: 'text', text: '' }] });
    expect(out[2]).toEqual({ type: 'paragraph', children: [{ type: 'link', url: 'https://a.example/b.jpg', children: [{ type: 'text', text: 'https://a.example/b.jpg' }] }] });
  });
});
