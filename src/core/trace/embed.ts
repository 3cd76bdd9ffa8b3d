// Embedding: the tile of ±1 cells, smoothed (bilinear between cell centres, so no sharp cell
// edges show and little energy sits at frequencies a resize would remove anyway), scaled by
// how busy the picture is around each cell (texture hides it; flat paper or sky gets little),
// added equally to R, G and B (a luminance change: JPEG keeps luminance best).
import { convEncode } from './ecc.ts';
import { TraceError } from './errors.ts';
import { cellValues, cellSize, N, pattern } from './pattern.ts';
import { payloadBits, saltFor } from './payload.ts';

export interface Pixels {
  /** RGBA, row-major (ImageData's layout). */
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

export interface EmbedOptions {
  key: Uint8Array;
  code: string;
  /** Target PSNR of the trace alone against the original, dB (the mark is scaled to it). */
  psnr?: number;
}

export interface EmbedResult {
  /** Measured on the pixels written. */
  psnr: number;
  cell: number;
  salt: number;
  ms: number;
}

/** Amplitude (grey levels) in flat areas, and at most anywhere, before the global scaling. */
const FLAT = 1.1;
const MOST = 6;
/** Amplitude per grey level of local standard deviation. */
const PER_STD = 0.22;
/** Smallest picture that can carry a readable trace: a few tiles each way. */
export const MIN_SIDE = 128;

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * Adds the trace to the pixels, in place. The same steps as a picture split into bands over
 * workers (trace-worker.ts): a band's cell statistics (cellStats), all bands' merged into each
 * cell's signed amplitude (amplitudes), then each band's pixels changed (addPattern). Every sum
 * involved is of whole numbers, so the bands give exactly the pixels of one pass.
 */
export function embedTrace(px: Pixels, o: EmbedOptions): EmbedResult {
  const t0 = performance.now();
  const plan = planEmbed(px.width, px.height, px.data.length, o);
  const stats = cellStats(plan, px, 0);
  const amp = amplitudes(plan, [stats]);
  const err = addPattern(plan, amp, px, 0);
  return finish(plan, [err], t0);
}

/** What every band needs to know of the whole picture. */
export interface EmbedPlan {
  width: number;
  height: number;
  /** Cell size (px) and the cell grid's size, one cell of margin each side. */
  cell: number;
  gw: number;
  gh: number;
  salt: number;
  /** The tile's ±1 values (cell (u, v) at v * N + u). */
  values: Int8Array;
  psnr: number;
}

/** Checks the picture and the options; the pattern and cell grid of this picture. */
export function planEmbed(width: number, height: number, bytes: number, o: EmbedOptions): EmbedPlan {
  if (!(width > 0 && height > 0) || bytes < width * height * 4) throw new TraceError('bad-pixels', `${width}×${height}`);
  if (Math.min(width, height) < MIN_SIDE) throw new TraceError('picture-too-small', `${width}×${height}`);
  // The pixel words below are read as little-endian RGBA, as on every platform a browser runs on.
  if (!LITTLE_ENDIAN) throw new TraceError('bad-pixels', 'big-endian platform');
  const salt = saltFor(o.key, o.code);
  const values = cellValues(pattern(o.key, salt), convEncode(payloadBits(o.key, o.code)));
  const cell = cellSize(width, height);
  return { width, height, cell, gw: Math.ceil(width / cell) + 3, gh: Math.ceil(height / cell) + 3, salt, values, psnr: o.psnr ?? 42.6 };
}

/** Per grid cell: the sum, the sum of squares and the count of the luminance samples. */
export interface CellStats {
  sum: Float64Array;
  sq: Float64Array;
  cnt: Float64Array;
}

/**
 * The luminance samples of a band (rows `top` … `top + band.height − 1` of the picture) in
 * each cell: about 3×3 samples a cell suffice. The samples sit on the whole picture's grid of
 * every `step`-th row and column, whatever the band.
 */
export function cellStats(plan: EmbedPlan, band: Pixels, top: number): CellStats {
  const { width: W, cell: c, gw, gh } = plan;
  const data = band.data;
  const sum = new Float64Array(gw * gh);
  const sq = new Float64Array(gw * gh);
  const cnt = new Float64Array(gw * gh);
  const cx = new Int32Array(W);
  for (let x = 0; x < W; x++) cx[x] = Math.floor(x / c) + 1;
  const step = Math.max(1, Math.floor(c / 3));
  for (let y = Math.ceil(top / step) * step; y < top + band.height; y += step) {
    const rowBase = (Math.floor(y / c) + 1) * gw;
    let i = (y - top) * W * 4;
    for (let x = 0; x < W; x += step, i += 4 * step) {
      const l = (77 * data[i]! + 150 * data[i + 1]! + 29 * data[i + 2]!) >> 8;
      const k = rowBase + cx[x]!;
      sum[k] = sum[k]! + l;
      sq[k] = sq[k]! + l * l;
      cnt[k] = cnt[k]! + 1;
    }
  }
  return { sum, sq, cnt };
}

/**
 * The signed amplitude of every grid cell, from all bands' statistics: scaled by the local
 * contrast (the lower of the cell's own and its neighbourhood's, so that a cell on an edge does
 * not spill a strong pattern over flat paper), then globally to the PSNR target, times the
 * cell's ±1 (cell (gx, gy) is tile cell (gx − 1 mod N, gy − 1 mod N)).
 */
export function amplitudes(plan: EmbedPlan, bands: CellStats[]): Float32Array {
  const { gw, gh, values } = plan;
  const [sum, sq, cnt] = (['sum', 'sq', 'cnt'] as const).map((f) => {
    const total = new Float64Array(gw * gh);
    for (const b of bands) for (let k = 0; k < total.length; k++) total[k] = total[k]! + b[f][k]!;
    return total;
  }) as [Float64Array, Float64Array, Float64Array];
  const amp = strength(sum, sq, cnt, gw, gh);
  // Scale so the expected squared error meets the PSNR target. Bilinear interpolation of
  // independent ±1 cells keeps (2/3)² of their power; rounding the change to whole levels adds about 1/12.
  const target = 255 ** 2 / 10 ** (plan.psnr / 10) - 1 / 12;
  let power = 0;
  for (let i = 0; i < amp.length; i++) power += amp[i]! * amp[i]!;
  power = (power / amp.length) * (4 / 9);
  const scale = Math.sqrt(Math.max(0.05, target) / power);
  for (let gy = 0; gy < gh; gy++)
    for (let gx = 0; gx < gw; gx++) {
      const u = (((gx - 1) % N) + N) % N;
      const v = (((gy - 1) % N) + N) % N;
      amp[gy * gw + gx] = amp[gy * gw + gx]! * scale * values[v * N + u]!;
    }
  return amp;
}

/** The squared error summed over the pixels measured, and how many channel values that was. */
export interface BandError {
  se: number;
  n: number;
}

/**
 * Adds the pattern to a band's pixels (rows `top` …), in place: the cells interpolated
 * bilinearly, one rounding per pixel, the same change to R, G and B; transparent pixels kept.
 */
export function addPattern(plan: EmbedPlan, amp: Float32Array, band: Pixels, top: number): BandError {
  const { width: W, cell: c, gw } = plan;
  const { data } = band;
  const H = band.height;
  // Cell columns: pixels start[k] … start[k + 1] − 1 lie between the centres of grid cells k
  // and k + 1, at fraction tx[x] of the way.
  // Float32 values (as the embed always had them), kept as doubles: no conversion per pixel.
  const tx = new Float64Array(W);
  const start = new Int32Array(gw + 1).fill(W);
  for (let x = W - 1; x >= 0; x--) {
    const g = (x + 0.5) / c - 0.5 + 1;
    const k = Math.floor(g);
    tx[x] = Math.fround(g - k);
    start[k] = x;
  }
  for (let k = gw - 1; k >= 0; k--) start[k] = Math.min(start[k]!, start[k + 1]!);
  // 0…255 for a level plus any change this picture gets, by lookup: level + d + off indexes it.
  let most = 0;
  for (let i = 0; i < amp.length; i++) most = Math.max(most, Math.abs(amp[i]!));
  const off = Math.ceil(most) + 2;
  const clamp = Uint8Array.from({ length: 256 + 2 * off }, (_, i) => Math.min(255, Math.max(0, i - off)));
  // The pixels as 32-bit words (RGBA little-endian: R in the low byte), read and written once
  // each. A buffer not on a 4-byte boundary (a node Buffer's slice) is worked on in a copy.
  const aligned = data.byteOffset % 4 === 0 ? data : new Uint8Array(data.subarray(0, W * H * 4));
  const words = new Int32Array(aligned.buffer, aligned.byteOffset, W * H);
  const row = new Float32Array(gw);
  // The squared error is summed on every 4th row of the picture: enough for the report.
  let se = 0;
  let n = 0;
  for (let y = top; y < top + H; y++) {
    const g = (y + 0.5) / c - 0.5 + 1;
    const y0 = Math.floor(g);
    const ty = g - y0;
    const a = y0 * gw;
    const b = a + gw;
    for (let i = 0; i < gw; i++) row[i] = amp[a + i]! * (1 - ty) + amp[b + i]! * ty;
    const measure = (y & 3) === 0;
    const base = (y - top) * W;
    for (let k = 0; k < gw - 1; k++) {
      const from = start[k]!;
      const to = start[k + 1]!;
      if (from >= to) continue;
      const r0 = row[k]!;
      const dr = row[k + 1]! - r0;
      for (let x = from; x < to; x++) {
        const p = words[base + x]!;
        if ((p & ALPHA) === 0) continue;
        // old + d rounds to old + round(d): one rounding for the three channels.
        const d = ((r0 + dr * tx[x]! + 256.5) | 0) - 256 + off;
        const r = p & 255;
        const gg = (p >>> 8) & 255;
        const bb = (p >>> 16) & 255;
        const nr = clamp[r + d]!;
        const ng = clamp[gg + d]!;
        const nb = clamp[bb + d]!;
        words[base + x] = (p & ALPHA) | (nb << 16) | (ng << 8) | nr;
        if (measure) se += (nr - r) * (nr - r) + (ng - gg) * (ng - gg) + (nb - bb) * (nb - bb);
      }
    }
    if (measure) n += 3 * W;
  }
  if (aligned !== data) data.set(aligned);
  return { se, n };
}

const ALPHA = 0xff000000 | 0;

/** The report, from all bands' errors. */
export function finish(plan: EmbedPlan, bands: BandError[], t0: number): EmbedResult {
  const se = bands.reduce((s, b) => s + b.se, 0);
  const n = bands.reduce((s, b) => s + b.n, 0);
  const mse = se / Math.max(1, n);
  return { psnr: mse > 0 ? 10 * Math.log10(255 ** 2 / mse) : Infinity, cell: plan.cell, salt: plan.salt, ms: performance.now() - t0 };
}

/** Each cell's amplitude before the global scaling, from its luminance's standard deviation. */
function strength(sum: Float64Array, sq: Float64Array, cnt: Float64Array, gw: number, gh: number): Float32Array {
  const std = new Float32Array(gw * gh);
  for (let k = 0; k < std.length; k++) {
    const m = cnt[k]! ? sum[k]! / cnt[k]! : 0;
    std[k] = cnt[k]! ? Math.sqrt(Math.max(0, sq[k]! / cnt[k]! - m * m)) : 0;
  }
  const amp = new Float32Array(gw * gh);
  for (let gy = 0; gy < gh; gy++)
    for (let gx = 0; gx < gw; gx++) {
      let lo = Infinity;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const yy = gy + dy;
          const xx = gx + dx;
          if (yy < 0 || xx < 0 || yy >= gh || xx >= gw || !cnt[yy * gw + xx]) continue;
          lo = Math.min(lo, std[yy * gw + xx]!);
        }
      const s = lo === Infinity ? 0 : 0.5 * lo + 0.5 * std[gy * gw + gx]!;
      amp[gy * gw + gx] = Math.min(MOST, FLAT + PER_STD * s);
    }
  return amp;
}
