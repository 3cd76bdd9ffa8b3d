// The palette quantiser and indexed PNG writer on synthetic pixels (decoded back with sharp),
// and the JPEG quality estimate on files written by sharp at known qualities.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpegQuality } from '../../src/core/formats/jpeg-quality.ts';
import { Histogram, bitsFor, mapError, mapKeys, medianCut } from '../../src/core/palette/quantise.ts';
import { type Indexed } from '../../src/core/palette/index.ts';
import { deflate } from '../../src/core/palette/deflate.ts';
import { indexedPng } from '../../src/core/palette/png.ts';

/** A picture of `colours` flat vertical bands, plus an optional smooth grey ramp below. */
function bands(width: number, height: number, colours: [number, number, number][], ramp = false): Uint8ClampedArray {
  const px = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const c =
        ramp && y >= height / 2 ? [Math.round((x / (width - 1)) * 255), Math.round((x / (width - 1)) * 255), Math.round((x / (width - 1)) * 255)] : colours[Math.floor((x * colours.length) / width)]!;
      px.set([...c, 255], i);
    }
  return px;
}

async function index(rgba: Uint8ClampedArray, width: number, height: number, colours: number): Promise<Indexed> {
  const h = new Histogram();
  const keys = new Uint16Array(width * height);
  // In two strips, as the browser code reads pictures.
  const half = Math.floor(height / 2) * width * 4;
  h.add(rgba.subarray(0, half), keys, 0);
  h.add(rgba.subarray(half), keys, half / 4);
  const p = medianCut(h, colours);
  const bits = bitsFor(p.size);
  const stride = 1 + Math.ceil((width * bits) / 8);
  const raw = new Uint8Array(stride * height);
  mapKeys(keys, width, height, p, bits, raw, stride, 1);
  return { width, height, palette: p.rgb, size: p.size, bits, data: await deflate(raw), error: mapError(h, p) };
}

const decode = async (png: Blob) => {
  const bytes = Buffer.from(await png.arrayBuffer());
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, info, meta: await sharp(bytes).metadata() };
};

describe('palette', () => {
  const flat: [number, number, number][] = [
    [255, 255, 255],
    [0, 0, 0],
    [11, 92, 173],
    [246, 248, 250],
    [200, 204, 212],
  ];

  it.each([
    [2, 1],
    [4, 2],
    [5, 4],
    [16, 4],
    [17, 8],
  ])('%i exact colours come back pixel for pixel at %i bits a pixel', async (n, bits) => {
    const colours = Array.from({ length: n }, (_, i) => flat[i] ?? ([(i * 53) % 256, (i * 97) % 256, (i * 151) % 256] as [number, number, number]));
    const width = 37; // rows that do not end on a byte boundary
    const rgba = bands(width, 9, colours);
    const im = await index(rgba, width, 9, 256);
    expect(im.size).toBe(n);
    expect(im.bits).toBe(bits);
    expect(im.error.mean).toBe(0);
    const { data, meta } = await decode(indexedPng(im));
    expect(meta.format).toBe('png');
    expect(meta.isPalette).toBe(true);
    for (let p = 0; p < width * 9; p++) expect([...data.subarray(p * 3, p * 3 + 3)]).toEqual([...rgba.subarray(p * 4, p * 4 + 3)]);
  });

  it('a smooth ramp squeezed into 8 colours reports its error; 256 colours nearly none', async () => {
    const rgba = bands(256, 16, flat, true);
    const coarse = await index(rgba, 256, 16, 8);
    const fine = await index(rgba, 256, 16, 256);
    expect(coarse.error.mean).toBeGreaterThan(2);
    expect(coarse.error.off).toBeGreaterThan(0.1);
    expect(fine.error.mean).toBeLessThan(2.5); // 5-bit bins: a ramp keeps ±4 levels within a bin
    expect(fine.error.far).toBe(0);
    // The reported error matches the decoded picture's real error (within the bins' spread).
    const { data } = await decode(indexedPng(coarse));
    let sum = 0;
    for (let p = 0; p < 256 * 16; p++) sum += Math.max(...[0, 1, 2].map((c) => Math.abs(data[p * 3 + c]! - rgba[p * 4 + c]!)));
    expect(Math.abs(sum / (256 * 16) - coarse.error.mean)).toBeLessThan(1.5);
  });

  it('a large area of one colour is not split into near-equal shades', () => {
    // 90% one grey, 10% a shade 3 levels lighter, plus black text: 2 colours must keep black.
    const rgba = new Uint8ClampedArray(1000 * 4);
    for (let i = 0; i < 1000; i++) rgba.set(i < 900 ? [208, 210, 215, 255] : i < 950 ? [211, 212, 216, 255] : [0, 0, 0, 255], i * 4);
    const h = new Histogram();
    h.add(rgba);
    const p = medianCut(h, 2);
    expect([...p.rgb].some((v, i) => i % 3 === 0 && v < 10)).toBe(true);
  });

  it('translucent pixels are noticed (palette PNGs here carry no transparency)', () => {
    const h = new Histogram();
    h.add(new Uint8ClampedArray([1, 2, 3, 255, 1, 2, 3, 128]));
    expect(h.translucent).toBe(true);
  });
});

describe('the colour count (count.wat)', () => {
  /** The count as defined: every pixel on its own, its channels' top 5 bits its bin. */
  function reference(rgba: Uint8ClampedArray) {
    const count = new Uint32Array(1 << 15);
    const sum = new Float64Array(3 << 15);
    const sq = new Float64Array(3 << 15);
    const keys = new Uint16Array(rgba.length / 4);
    const low = new Uint16Array(rgba.length / 4);
    let translucent = false;
    for (let p = 0; p < keys.length; p++) {
      const k = ((rgba[p * 4]! >> 3) << 10) | ((rgba[p * 4 + 1]! >> 3) << 5) | (rgba[p * 4 + 2]! >> 3);
      keys[p] = k;
      low[p] = ((rgba[p * 4]! & 7) << 6) | ((rgba[p * 4 + 1]! & 7) << 3) | (rgba[p * 4 + 2]! & 7);
      count[k]!++;
      for (let i = 0; i < 3; i++) {
        const c = rgba[p * 4 + i]!;
        sum[k * 3 + i]! += c;
        sq[k * 3 + i]! += c * c;
      }
      if (rgba[p * 4 + 3] !== 255) translucent = true;
    }
    return { count, sum, sq, keys, low, translucent };
  }

  // 700 × 800: more than one kernel chunk (2^18 pixels) per strip. Flat runs, noise (runs of
  // 1 to 4 pixels between flat ones), a run across the strip boundary, one translucent pixel.
  const width = 700;
  const height = 800;
  function picture() {
    const rgba = bands(width, height, [
      [255, 255, 255],
      [20, 30, 40],
      [200, 10, 90],
    ]);
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 255;
    for (let p = 0; p < (width * height) / 3; p += 1 + (rand() & 3)) rgba.set([rand(), rand(), rand()], p * 4);
    rgba[4 * (width * 600 + 5) + 3] = 128;
    return rgba;
  }
  // The first element that differs (-1: none); a deep equal of these arrays takes seconds.
  const firstDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.prototype.findIndex.call(a, (v: number, i: number) => v !== b[i]);
  /** The whole picture counted, every key and every sum as the reference's. */
  function expectCounted(h: Histogram, keys: Uint16Array, want: ReturnType<typeof reference>, low?: Uint16Array) {
    expect(h.pixels).toBe(width * height);
    expect(h.translucent).toBe(true);
    expect(firstDiff(keys, want.keys)).toBe(-1);
    // With its bin, a pixel's low bits give its exact colour (a traced picture's palette).
    if (low) expect(firstDiff(low, want.low)).toBe(-1);
    expect(firstDiff(h.count, want.count)).toBe(-1);
    expect(firstDiff(h.sum, want.sum)).toBe(-1);
    expect(firstDiff(h.sq, want.sq)).toBe(-1);
  }

  it('gives every pixel its bin and every bin its exact sums, across chunks and strips', () => {
    const rgba = picture();
    const h = new Histogram();
    const keys = new Uint16Array(width * height);
    const low = new Uint16Array(width * height);
    const cut = 333 * width * 4;
    h.add(rgba.subarray(0, cut), keys, 0, low);
    h.add(rgba.subarray(cut), keys, cut / 4, low);
    const want = reference(rgba);
    expectCounted(h, keys, want, low);
    // Reused: empty again after reset.
    h.reset().add(rgba.subarray(0, 4 * width));
    expect(h.count.reduce((a, b) => a + b, 0)).toBe(width);
    expect(h.translucent).toBe(false);
  });

  it('counts strips copied into its memory in the browser BGRA order as it counts the RGBA picture', () => {
    const rgba = picture();
    const want = reference(rgba);
    const h = new Histogram();
    const keys = new Uint16Array(width * height);
    const low = new Uint16Array(width * height);
    // As the frame reader does: strips of ≤ 2^18 pixels, copied straight into the kernel's room.
    const rows = Math.floor((1 << 18) / width);
    for (let y = 0; y < height; y += rows) {
      const n = Math.min(rows, height - y);
      const room = h.room(width * n)!;
      for (let p = 0; p < width * n; p++) {
        const q = (y * width + p) * 4;
        room.set([rgba[q + 2]!, rgba[q + 1]!, rgba[q]!, rgba[q + 3]!], p * 4);
      }
      h.addRoom(width * n, 'BGRA', keys, y * width, low);
    }
    expect(h.room((1 << 18) + 1)).toBeUndefined();
    expectCounted(h, keys, want, low);
  });
});

describe('the mapping (map.wat)', () => {
  /** The mapping as defined: each pixel's entry, packed high bits first, rows after `skip` zero bytes. */
  function reference(keys: Uint16Array, width: number, height: number, lut: Uint8Array, bits: number, stride: number, skip: number) {
    const out = new Uint8Array(stride * height);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const bit = skip * 8 + x * bits;
        out[y * stride + (bit >> 3)]! |= lut[keys[y * width + x]!]! << (8 - bits - (bit & 7));
      }
    return out;
  }

  it.each([
    [4, 1001, 0],
    [4, 1240, 1],
    [8, 777, 1],
    [8, 3000, 0],
  ])('packs every pixel at %i bits, %i wide, skip %i, across chunks, runs and noise', (bits, width, skip) => {
    // Taller than one kernel chunk (2^18 keys); runs of one bin of every length from 1 to 40
    // (the kernel writes eight pixels at once when they repeat the last one), and noise.
    const height = Math.ceil((3 << 18) / width / 2);
    const keys = new Uint16Array(width * height);
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 17;
    for (let i = 0, run = 1; i < keys.length; run = (run % 40) + 1) {
      const k = rand() & 32767;
      for (let j = 0; j < run && i < keys.length; j++) keys[i++] = k;
      if (rand() & 1) keys[i++ % keys.length] = rand() & 32767;
    }
    const lut = new Uint8Array(1 << 15);
    for (let k = 0; k < lut.length; k++) lut[k] = rand() % (1 << bits);
    const stride = skip + Math.ceil((width * bits) / 8);
    const out = new Uint8Array(stride * height).fill(0xa5); // the kernel writes every byte
    mapKeys(keys, width, height, { rgb: new Uint8Array(3 << bits), size: 1 << bits, lut }, bits, out, stride, skip);
    const want = reference(keys, width, height, lut, bits, stride, skip);
    expect(Array.prototype.findIndex.call(out, (v: number, i: number) => v !== want[i])).toBe(-1);
  });
});

describe('jpegQuality', () => {
  it.each([50, 75, 85, 90, 95])('reads quality %i back from a file sharp wrote', async (q) => {
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } })
      .jpeg({ quality: q })
      .toBuffer();
    expect(Math.abs(jpegQuality(new Uint8Array(jpeg))! - q / 100)).toBeLessThanOrEqual(0.01);
  });
  it('has no answer for a file without a table', () => {
    expect(jpegQuality(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBeUndefined();
  });
});
