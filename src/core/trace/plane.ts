// Luminance planes for the reader: a found picture brought to a working size, and the
// high-pass "residual" in which the trace stands out from the picture's own content.
import type { Pixels } from './embed.ts';

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
  const f = len / n;
  for (let o = 0; o < n; o++) {
    const a = o * f;
    const b = a + f;
    const i0 = Math.floor(a);
    const i1 = Math.min(len - 1, Math.ceil(b) - 1);
    for (let i = i0; i <= i1; i++) {
      const wgt = (Math.min(b, i + 1) - Math.max(a, i)) / f;
      if (wgt <= 0) continue;
      if (horizontal) for (let y = 0; y < H; y++) out[y * n + o] = out[y * n + o]! + src[y * W + i]! * wgt;
      else for (let x = 0; x < W; x++) out[o * W + x] = out[o * W + x]! + src[i * W + x]! * wgt;
    }
  }
  return out;
}

/** Running-mean box blur of radius r along both axes (edges: mean of what is inside). */
export function boxBlur(src: Float32Array, w: number, h: number, r: number): Float32Array {
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const o = y * w;
    let s = 0;
    let n = 0;
    for (let x = 0; x < Math.min(w, r); x++, n++) s += src[o + x]!;
    for (let x = 0; x < w; x++) {
      if (x + r < w) ((s += src[o + x + r]!), n++);
      if (x - r - 1 >= 0) ((s -= src[o + x - r - 1]!), n--);
      tmp[o + x] = s / n;
    }
  }
  // Down the columns a row at a time (every column's running sum kept): the same sums in the
  // same order as one column after another, without striding through memory a row apart.
  const s = new Float64Array(w);
  let n = 0;
  for (let y = 0; y < Math.min(h, r); y++, n++) for (let x = 0; x < w; x++) s[x] = s[x]! + tmp[y * w + x]!;
  for (let y = 0; y < h; y++) {
    const add = y + r < h ? (y + r) * w : -1;
    const drop = y - r - 1 >= 0 ? (y - r - 1) * w : -1;
    if (add >= 0) n++;
    if (drop >= 0) n--;
    const o = y * w;
    for (let x = 0; x < w; x++) {
      let v = s[x]!;
      if (add >= 0) v += tmp[add + x]!;
      if (drop >= 0) v -= tmp[drop + x]!;
      s[x] = v;
      out[o + x] = v / n;
    }
  }
  return out;
}

/**
 * The picture minus its smooth part, divided by the local contrast and clipped: edges and
 * texture, which dwarf the trace, count no more than flat areas, where the trace is nearly
 * all there is.
 */
export function residual(p: Plane): Float32Array {
  const { data, width: w, height: h } = p;
  const smooth = boxBlur(boxBlur(data, w, h, 2), w, h, 2);
  const r = new Float32Array(w * h);
  for (let i = 0; i < r.length; i++) r[i] = data[i]! - smooth[i]!;
  const sq = new Float32Array(w * h);
  for (let i = 0; i < r.length; i++) sq[i] = r[i]! * r[i]!;
  const energy = boxBlur(sq, w, h, 6);
  for (let i = 0; i < r.length; i++) {
    const v = r[i]! / (Math.sqrt(Math.max(0, energy[i]!)) + 1.5);
    r[i] = v > 2.5 ? 2.5 : v < -2.5 ? -2.5 : v;
  }
  return r;
}
