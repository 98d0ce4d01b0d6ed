import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import {
  decodeFingerprint,
  differenceHash,
  encodeFingerprint,
  findSamePicture,
  hammingDistance,
  isInformative,
  samePicture,
  type Fingerprint,
} from '../../../plugins/moderation/server/src/domain';
import { fingerprintImage } from '../../../plugins/moderation/server/src/services/blocklist';
import { CROWD, PORT, picture } from '../../helpers/pictures';

/** The fingerprint as the server computes it: the blocklist service's own pipeline. */
const fingerprint = (image: Buffer): Promise<Fingerprint> => fingerprintImage(image);

describe('differenceHash and hammingDistance', () => {
  it('sets a bit where the right neighbour is brighter', () => {
    const rising = Array.from({ length: 72 }, (_, i) => i % 9);
    assert.equal(differenceHash(rising), 'ff'.repeat(8));
    assert.equal(differenceHash(rising.map((v) => 8 - v)), '00'.repeat(8));
    assert.equal(hammingDistance('ff'.repeat(8), '00'.repeat(8)), 64);
    assert.equal(hammingDistance('0f00000000000001', '0000000000000000'), 5);
  });

  it('refuses a grid of the wrong size', () => {
    assert.throws(() => differenceHash([1, 2, 3]), RangeError);
  });
});

describe('samePicture on real images', () => {
  it('knows a picture re-encoded and resized', async () => {
    const original = await picture(PORT);
    const copy = await sharp(original).resize(300).jpeg({ quality: 45 }).toBuffer();
    const a = await fingerprint(original);
    const b = await fingerprint(copy);
    assert.ok(hammingDistance(a.hash, b.hash) <= 8, `${a.hash} vs ${b.hash}`);
    assert.equal(samePicture(a, b), true);
  });

  it('tells another picture apart, and the same layout in other colours', async () => {
    const port = await fingerprint(await picture(PORT));
    assert.equal(samePicture(port, await fingerprint(await picture(CROWD))), false);
    assert.equal(samePicture(port, await fingerprint(await picture(PORT, '#8c1d3a'))), false);
  });

  it('never matches a flat picture, however alike', async () => {
    const flat = await fingerprint(await picture(''));
    assert.equal(isInformative(flat), false);
    assert.equal(samePicture(flat, flat), false);
  });
});

describe('stored form', () => {
  it('round-trips, and refuses anything else', () => {
    const fp: Fingerprint = { hash: '0123456789abcdef', color: [255, 16, 0] };
    assert.equal(encodeFingerprint(fp), '0123456789abcdef:ff1000');
    assert.deepEqual(decodeFingerprint(encodeFingerprint(fp)), fp);
    for (const bad of [null, 42, '', '0123456789abcdef', '0123456789abcdeg:ff1000', '0123456789abcdef:ff10']) assert.equal(decodeFingerprint(bad), null);
  });

  it('finds the blocked entry that is the same picture', () => {
    const informative: Fingerprint = { hash: '0f0f0f0f0f0f0f0f', color: [100, 100, 100] };
    const blocked = [
      { fileId: 1, fingerprint: { hash: 'f0f0f0f0f0f0f0f0', color: [100, 100, 100] as const } },
      { fileId: 2, fingerprint: { hash: '0f0f0f0f0f0f0f0e', color: [110, 95, 100] as const } },
    ];
    assert.equal(findSamePicture(informative, blocked)?.fileId, 2);
    assert.equal(findSamePicture({ hash: '0f0f0f0f0f0f0f0f', color: [200, 100, 100] }, blocked), null);
  });
});
