// Luminance planes for the reader: a found picture brought to a working size, and the
// high-pass "residual" in which the trace stands out from the picture's own content.
import type { Pixels } from './embed.ts';
import { kernelBlur, kernelResidual } from './kernel.ts';

export interface Plane {
  data: Float32Array;
  width: number;
  height: number;
}

/** The working size: the trace's cells stay ≥ 2.5 px wide there for any whole-picture scaling. */
export const WORK_SIDE = 1024;

/** Luminance, area-averaged down so the long side is ≤ `side` (never enlarged). */
export function lumaPlane(px: Pixels | Plane, side = WORK_SIDE): Plane & { scale: number } {
  const { width: W, height: H } = px;
  const isPlane = px.data instanceof Float32Array;
  const src = new Float32Array(W * H);
  if (isPlane) src.set(px.data as Float32Array);
  else {
    const d = px.data;
    for (let i = 0, j = 0; j < W * H; i += 4, j++) src[j] = 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;
  }
  const scale = Math.min(1, side / Math.max(W, H));
  if (scale === 1) return { data: src, width: W, height: H, scale };
  const w = Math.max(1, Math.round(W * scale));
  const h = Math.max(1, Math.round(H * scale));
  const tmp = resample1(src, W, H, w, true);
  return { data: resample1(tmp, w, H, h, false), width: w, height: h, scale: w / W };
}

/** Box-filter resampling along one axis (x when `horizontal`), exact fractional coverage. */
function resample1(src: Float32Array, W: number, H: number, n: number, horizontal: boolean): Float32Array {
  const len = horizontal ? W : H;
  const outW = horizontal ? n : W;
  const outH = horizontal ? H : n;
  const out = new Float32Array(outW * outH);
  // Each output column (or row) o: the input ones it covers and their weights, in order.
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
  // Row by row through memory; each output value still sums its inputs in the same order.
  if (horizontal)
    for (let y = 0; y < H; y++) {
      const row = y * W;
      for (let o = 0; o < n; o++) {
        let v = out[y * n + o]!;
        for (let k = first[o]!; k < first[o + 1]!; k++) v = Math.fround(v + src[row + taps[k]!]! * weights[k]!);
        out[y * n + o] = v;
      }
    }
  else
    for (let o = 0; o < n; o++)
      for (let k = first[o]!; k < first[o + 1]!; k++) {
        const row = taps[k]! * W;
        const wgt = weights[k]!;
        for (let x = 0; x < W; x++) out[o * W + x] = out[o * W + x]! + src[row + x]! * wgt;
      }
  return out;
}

/** Running-mean box blur of radius r along both axes (edges: mean of what is inside); read.c's `blur`. */
export const boxBlur = (src: Float32Array, w: number, h: number, r: number): Float32Array => kernelBlur(src, w, h, r);

/**
 * The picture minus its smooth part, divided by the local contrast and clipped: edges and
 * texture, which dwarf the trace, count no more than flat areas, where the trace is nearly
 * all there is (read.c's `residual`).
 */
export const residual = (p: Plane): Float32Array => kernelResidual(p.data, p.width, p.height);
