// A PDF page's pixels are let go once its palette is chosen (compact.ts); when the palette image
// then comes out over its budget, the page's JPEG is made from what the palette image shows.
// indexedPixels must give exactly those pixels, for every bit depth the packer writes.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { indexedPixels, type Indexed } from '../../src/core/palette/index.ts';

/** Rows packed as PNG and PDF want them: leftmost pixel in the high bits, rows padded to a byte. */
function pack(entries: number[][], bits: number): Uint8Array {
  const stride = Math.ceil((entries[0]!.length * bits) / 8);
  const out = new Uint8Array(stride * entries.length);
  entries.forEach((row, y) => row.forEach((e, x) => (out[y * stride + ((x * bits) >> 3)]! |= e << (8 - bits - ((x * bits) & 7)))));
  return out;
}

const palette = (size: number) => Uint8Array.from({ length: size * 3 }, (_, i) => (i * 37 + 11) & 255);

describe('indexedPixels', () => {
  for (const bits of [1, 2, 4, 8])
    it(`${bits}-bit rows of an odd width: each pixel its entry's colour, opaque`, async () => {
      const size = 1 << bits;
      const entries = Array.from({ length: 3 }, (_, y) => Array.from({ length: 7 }, (_, x) => (x * 5 + y * 3) % size));
      const im: Indexed = { width: 7, height: 3, palette: palette(size), size, bits, data: deflateSync(pack(entries, bits)), error: { mean: 0, off: 0, far: 0 } };
      const rgba = await indexedPixels(im);
      const want = entries.flat().flatMap((e) => [im.palette[3 * e]!, im.palette[3 * e + 1]!, im.palette[3 * e + 2]!, 255]);
      expect([...rgba]).toEqual(want);
    });

  it('rows of the wrong length are refused, not shown shifted', async () => {
    const im: Indexed = { width: 7, height: 3, palette: palette(16), size: 16, bits: 4, data: deflateSync(new Uint8Array(11)), error: { mean: 0, off: 0, far: 0 } };
    await expect(indexedPixels(im)).rejects.toThrow();
  });
});
