// The ground floor every picture reader builds on: a grey copy of the pixels, its threshold,
// and rectangles as fractions of a picture. The photo check, the document and code finders,
// the MRZ reader and the mark all use these; this module imports nothing of theirs.

/** Luma of an RGBA picture, as floats 0..255. */
export interface Grey {
  width: number;
  height: number;
  data: Float32Array;
}

/** `out`: where to write (a lent buffer), else a new array. */
export function toGrey(rgba: { data: Uint8ClampedArray | Uint8Array; width: number; height: number }, out = new Float32Array(rgba.width * rgba.height)): Grey {
  for (let i = 0, j = 0; i < out.length; i++, j += 4) out[i] = 0.299 * rgba.data[j]! + 0.587 * rgba.data[j + 1]! + 0.114 * rgba.data[j + 2]!;
  return { width: rgba.width, height: rgba.height, data: out };
}

/**
 * Bilinear sample of grey `data` (W × H) at (x, y), pixel i's value at coordinate i; 255 (paper)
 * outside the last pixel's square. For the warps' loops (document/view.ts, mrz/ocr.ts): the
 * bounds are checked on the coordinates and the index truncated (`| 0`), which for these is the
 * floor, but in Chromium's optimised code ~2× faster than Math.floor as an index.
 */
export function paperSample(data: Float32Array, W: number, H: number, x: number, y: number): number {
  if (!(x >= 0 && y >= 0 && x < W - 1 && y < H - 1)) return 255;
  const x0 = x | 0;
  const y0 = y | 0;
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * W + x0;
  return (data[i]! * (1 - fx) + data[i + 1]! * fx) * (1 - fy) + (data[i + W]! * (1 - fx) + data[i + W + 1]! * fx) * fy;
}

/** Otsu's threshold of the brightness histogram: splits document from background. */
export function otsu(g: Grey): number {
  const hist = new Float64Array(256);
  const data = g.data;
  // Indexed, with integer rounding: the same bins as Math.round, several times faster (this runs
  // on every levelled document, twice for the code search).
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    hist[v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0]!++;
  }
  const total = g.data.length;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * hist[i]!;
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (!wB || wB === total) continue;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / (total - wB);
    const between = wB * (total - wB) * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/** A rectangle as fractions (0..1) of a picture's width and height. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A grey copy of a canvas or bitmap, at most `maxSide` pixels on its long side. */
export function greyCopy(source: OffscreenCanvas | ImageBitmap, maxSide: number): Grey {
  const scale = Math.min(1, maxSide / Math.max(source.width, source.height));
  const small = new OffscreenCanvas(Math.max(1, Math.round(source.width * scale)), Math.max(1, Math.round(source.height * scale)));
  const ctx = small.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(source, 0, 0, small.width, small.height);
  return toGrey(ctx.getImageData(0, 0, small.width, small.height));
}
