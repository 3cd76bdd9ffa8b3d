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

export function embedTrace(px: Pixels, o: EmbedOptions): EmbedResult {
  const t0 = performance.now();
  const { width: W, height: H, data } = px;
  if (!(W > 0 && H > 0) || data.length < W * H * 4) throw new TraceError('bad-pixels', `${W}×${H}`);
  if (Math.min(W, H) < MIN_SIDE) throw new TraceError('picture-too-small', `${W}×${H}`);
  const salt = saltFor(o.key, o.code);
  const values = cellValues(pattern(o.key, salt), convEncode(payloadBits(o.key, o.code)));
  const c = cellSize(W, H);
  // The cell grid, one cell of margin each side (bilinear needs the neighbours).
  const gw = Math.ceil(W / c) + 3;
  const gh = Math.ceil(H / c) + 3;
  const amp = strength(px, c, gw, gh);

  // Scale so the expected squared error meets the PSNR target. Bilinear interpolation of
  // independent ±1 cells keeps (2/3)² of their power; rounding the change to whole levels adds about 1/12.
  const target = 255 ** 2 / 10 ** ((o.psnr ?? 42.6) / 10) - 1 / 12;
  let power = 0;
  for (let i = 0; i < amp.length; i++) power += amp[i]! * amp[i]!;
  power = (power / amp.length) * (4 / 9);
  const scale = Math.sqrt(Math.max(0.05, target) / power);
  // Signed amplitude of every grid cell: cell (gx, gy) is tile cell (gx mod N, gy mod N).
  for (let gy = 0; gy < gh; gy++)
    for (let gx = 0; gx < gw; gx++) {
      const u = (((gx - 1) % N) + N) % N;
      const v = (((gy - 1) % N) + N) % N;
      amp[gy * gw + gx] = amp[gy * gw + gx]! * scale * values[v * N + u]!;
    }

  const x0 = new Int32Array(W);
  const tx = new Float32Array(W);
  for (let x = 0; x < W; x++) {
    const g = (x + 0.5) / c - 0.5 + 1;
    x0[x] = Math.floor(g);
    tx[x] = g - x0[x]!;
  }
  const row = new Float32Array(gw);
  // The squared error is summed on every 4th row: enough for the report, a quarter the work.
  let se = 0;
  let n = 0;
  const clamped = data instanceof Uint8ClampedArray;
  for (let y = 0; y < H; y++) {
    const g = (y + 0.5) / c - 0.5 + 1;
    const y0 = Math.floor(g);
    const ty = g - y0;
    const a = y0 * gw;
    const b = a + gw;
    for (let i = 0; i < gw; i++) row[i] = amp[a + i]! * (1 - ty) + amp[b + i]! * ty;
    const measure = (y & 3) === 0;
    let i = y * W * 4;
    for (let x = 0; x < W; x++, i += 4) {
      const k = x0[x]!;
      const t = tx[x]!;
      // old + d rounds to old + round(d): one rounding for the three channels.
      const d = ((row[k]! + (row[k + 1]! - row[k]!) * t + 256.5) | 0) - 256;
      if (data[i + 3] === 0) continue;
      const r = data[i]!,
        gg = data[i + 1]!,
        bb = data[i + 2]!;
      if (clamped) {
        // Uint8ClampedArray clamps on its own.
        data[i] = r + d;
        data[i + 1] = gg + d;
        data[i + 2] = bb + d;
      } else {
        data[i] = Math.min(255, Math.max(0, r + d));
        data[i + 1] = Math.min(255, Math.max(0, gg + d));
        data[i + 2] = Math.min(255, Math.max(0, bb + d));
      }
      if (measure) {
        const e0 = data[i]! - r,
          e1 = data[i + 1]! - gg,
          e2 = data[i + 2]! - bb;
        se += e0 * e0 + e1 * e1 + e2 * e2;
      }
    }
    if (measure) n += 3 * W;
  }
  const mse = se / Math.max(1, n);
  return { psnr: mse > 0 ? 10 * Math.log10(255 ** 2 / mse) : Infinity, cell: c, salt, ms: performance.now() - t0 };
}

/**
 * Amplitude of each grid cell from the luminance's standard deviation in and around it
 * (a few samples a cell are enough), the lower of the cell's own and its
 * neighbourhood's, so that a cell on an edge does not spill a strong pattern over flat paper.
 */
function strength(px: Pixels, c: number, gw: number, gh: number): Float32Array {
  const { width: W, height: H, data } = px;
  const sum = new Float64Array(gw * gh);
  const sq = new Float64Array(gw * gh);
  const cnt = new Float64Array(gw * gh);
  const cx = new Int32Array(W);
  for (let x = 0; x < W; x++) cx[x] = Math.floor(x / c) + 1;
  // About 3×3 samples a cell suffice.
  const step = Math.max(1, Math.floor(c / 3));
  for (let y = 0; y < H; y += step) {
    const rowBase = (Math.floor(y / c) + 1) * gw;
    let i = y * W * 4;
    for (let x = 0; x < W; x += step, i += 4 * step) {
      const l = (77 * data[i]! + 150 * data[i + 1]! + 29 * data[i + 2]!) >> 8;
      const k = rowBase + cx[x]!;
      sum[k] = sum[k]! + l;
      sq[k] = sq[k]! + l * l;
      cnt[k] = cnt[k]! + 1;
    }
  }
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
