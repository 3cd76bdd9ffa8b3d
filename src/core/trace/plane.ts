// Luminance planes for the reader: a found picture brought to a working size, and the
// high-pass "residual" in which the trace stands out from the picture's own content.
import type { Pixels } from './embed.ts';
import { kernelResidual } from './kernel.ts';

export interface Plane {
  data: Float32Array;
  width: number;
  height: number;
}

/** The working size: the trace's cells stay ≥ 2.5 px wide there for any whole-picture scaling. */
export const WORK_SIDE = 1024;

/**
 * Luminance, area-averaged down so the long side is ≤ `side` (never enlarged). A picture brought
 * down is read a row at a time: its luminance at full size is never held (48 MB at 12 MP).
 */
export function lumaPlane(px: Pixels | Plane, side = WORK_SIDE): Plane & { scale: number } {
  const { width: W, height: H } = px;
  const lumaRow = rowReader(px);
  const scale = Math.min(1, side / Math.max(W, H));
  if (scale === 1) {
    const src = new Float32Array(W * H);
    for (let y = 0; y < H; y++) lumaRow(y, src.subarray(y * W, (y + 1) * W));
    return { data: src, width: W, height: H, scale };
  }
  const w = Math.max(1, Math.round(W * scale));
  const h = Math.max(1, Math.round(H * scale));
  // Across, row by row; then down.
  const across = coverage(W, w);
  const tmp = new Float32Array(w * H);
  const row = new Float32Array(W);
  for (let y = 0; y < H; y++) {
    lumaRow(y, row);
    for (let o = 0; o < w; o++) {
      let v = 0;
      for (let k = across.first[o]!; k < across.first[o + 1]!; k++) v = Math.fround(v + row[across.taps[k]!]! * across.weights[k]!);
      tmp[y * w + o] = v;
    }
  }
  const down = coverage(H, h);
  const out = new Float32Array(w * h);
  for (let o = 0; o < h; o++)
    for (let k = down.first[o]!; k < down.first[o + 1]!; k++) {
      const from = down.taps[k]! * w;
      const wgt = down.weights[k]!;
      for (let x = 0; x < w; x++) out[o * w + x] = out[o * w + x]! + tmp[from + x]! * wgt;
    }
  return { data: out, width: w, height: h, scale: w / W };
}

/** Writes row y's luminance (a plane's values as they are) into `into`. */
function rowReader(px: Pixels | Plane): (y: number, into: Float32Array) => void {
  const W = px.width;
  if (px.data instanceof Float32Array) {
    const d = px.data;
    return (y, into) => into.set(d.subarray(y * W, (y + 1) * W));
  }
  const d = px.data;
  return (y, into) => {
    for (let x = 0, i = y * W * 4; x < W; x++, i += 4) into[x] = 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;
  };
}

/**
 * Box-filter resampling of `len` samples to `n`, exact fractional coverage: output o sums the
 * inputs taps[first[o]] … taps[first[o + 1] − 1], in order, times their weights.
 */
function coverage(len: number, n: number): { first: Int32Array; taps: number[]; weights: number[] } {
  const f = len / n;
  const first = new Int32Array(n + 1);
  const taps: number[] = [];
  const weights: number[] = [];
  for (let o = 0; o < n; o++) {
    first[o] = taps.length;
    const a = o * f;
    const b = a + f;
    const i0 = Math.floor(a);
    const i1 = Math.min(len - 1, Math.ceil(b) - 1);
    for (let i = i0; i <= i1; i++) {
      const wgt = (Math.min(b, i + 1) - Math.max(a, i)) / f;
      if (wgt > 0) (taps.push(i), weights.push(wgt));
    }
  }
  first[n] = taps.length;
  return { first, taps, weights };
}

/**
 * The picture minus its smooth part, divided by the square of the local contrast and clipped:
 * each pixel weighted by the inverse of the local variance, as a matched filter weighs noise
 * whose strength varies. Edges and texture, which dwarf the trace, count far less than flat
 * areas, where the trace is nearly all there is (read.c's `residual`). Divided by the contrast
 * itself, as before, the letters of a stamped screenshot's visible mark weighed as much as the
 * flat page around them: the app's stamped screenshots read with 5–35 coded bits of 164 wrong
 * (some not at all) as lossless copies, and with none now (docs/trace.md).
 */
export const residual = (p: Plane): Float32Array => kernelResidual(p.data, p.width, p.height);
