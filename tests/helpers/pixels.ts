// Pixel oracles, decoded by sharp (libvips), independently of the browser that stamped.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';

export interface Raw {
  data: Buffer;
  width: number;
  height: number;
}

/** Upright RGB (EXIF orientation applied), transparent areas on white. */
export async function uprightRgb(file: string | Uint8Array): Promise<Raw> {
  const bytes = typeof file === 'string' ? readFileSync(file) : Buffer.from(file);
  if (bytes[0] === 0x42 && bytes[1] === 0x4d) return decodeBmp24(bytes); // libvips reads no BMP
  const { data, info } = await sharp(file).autoOrient().flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** RGBA exactly as stored, no orientation applied. */
export async function storedRgba(file: string | Uint8Array): Promise<Raw> {
  const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Fraction of pixels, per cell of an n×n grid and overall, whose colour moved by more than `threshold` (sum of |ΔRGB|). */
export function changedFractions(a: Raw, b: Raw, n = 3, threshold = 60): { cells: number[]; overall: number } {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`size ${a.width}×${a.height} ≠ ${b.width}×${b.height}`);
  const changed = new Array<number>(n * n).fill(0);
  const total = new Array<number>(n * n).fill(0);
  for (let y = 0; y < a.height; y++) {
    const row = Math.min(n - 1, Math.floor((y / a.height) * n));
    for (let x = 0; x < a.width; x++) {
      const cell = row * n + Math.min(n - 1, Math.floor((x / a.width) * n));
      const i = (y * a.width + x) * 3;
      const d = Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!);
      total[cell]!++;
      if (d > threshold) changed[cell]!++;
    }
  }
  const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);
  return { cells: changed.map((c, i) => c / total[i]!), overall: sum(changed) / sum(total) };
}

/** Median RGB over a rectangle. */
export function medianRgb(r: Raw, x0: number, y0: number, x1: number, y1: number): [number, number, number] {
  const ch: number[][] = [[], [], []];
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) for (let c = 0; c < 3; c++) ch[c]!.push(r.data[(y * r.width + x) * 3 + c]!);
  return ch.map((v) => v.sort((p, q) => p - q)[v.length >> 1]!) as [number, number, number];
}

/** An uncompressed 24-bit BMP (what the fixture script writes), rows bottom-up or top-down. */
export function decodeBmp24(b: Buffer): Raw {
  const offset = b.readUInt32LE(10);
  const width = b.readInt32LE(18);
  const rawHeight = b.readInt32LE(22);
  if (b.readUInt16LE(28) !== 24 || b.readUInt32LE(30) !== 0) throw new Error('only uncompressed 24-bit BMP');
  const height = Math.abs(rawHeight);
  const stride = Math.ceil((width * 3) / 4) * 4;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const src = offset + (rawHeight > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      data[(y * width + x) * 3] = b[src + x * 3 + 2]!;
      data[(y * width + x) * 3 + 1] = b[src + x * 3 + 1]!;
      data[(y * width + x) * 3 + 2] = b[src + x * 3]!;
    }
  }
  return { data, width, height };
}

/** Share of near-black pixels in a box given as fractions of the picture (a burned-in redaction). */
export function darkShare(im: Raw, b: { x: number; y: number; w: number; h: number }): number {
  let dark = 0;
  let all = 0;
  for (let y = Math.round(b.y * im.height); y < (b.y + b.h) * im.height; y++)
    for (let x = Math.round(b.x * im.width); x < (b.x + b.w) * im.width; x++, all++) {
      const i = (y * im.width + x) * 3;
      if (0.299 * im.data[i]! + 0.587 * im.data[i + 1]! + 0.114 * im.data[i + 2]! < 60) dark++;
    }
  return dark / all;
}

/**
 * How alike two marks are: the correlation of what each stamped picture changed from the same
 * original (grey, signed), all three the same size. About 1 for the same mark (same text, grid
 * offset and angle), near 0 for a mark laid out elsewhere; JPEG noise is not correlated.
 */
export function markCorrelation(a: Raw, b: Raw, original: Raw): number {
  if (a.width !== original.width || b.width !== original.width || a.height !== original.height || b.height !== original.height) throw new Error('sizes differ');
  const grey = (r: Raw, i: number) => r.data[i]! + r.data[i + 1]! + r.data[i + 2]!;
  let sa = 0,
    sb = 0,
    saa = 0,
    sbb = 0,
    sab = 0;
  const n = original.width * original.height;
  for (let p = 0; p < n; p++) {
    const i = p * 3;
    const o = grey(original, i);
    const da = grey(a, i) - o;
    const db = grey(b, i) - o;
    sa += da;
    sb += db;
    saa += da * da;
    sbb += db * db;
    sab += da * db;
  }
  const cov = sab / n - (sa / n) * (sb / n);
  return cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
}

/** `file` at `like`'s size (EXIF orientation applied), re-encoded as the preview is. */
export const resizedLike = async (file: string | Uint8Array, like: Raw): Promise<Raw> =>
  uprightRgb(
    await sharp(typeof file === 'string' ? readFileSync(file) : Buffer.from(file))
      .rotate()
      .resize(like.width, like.height, { fit: 'fill' })
      .jpeg({ quality: 95 })
      .toBuffer(),
  );
