// Embedding: the tile of ±1 cells, smoothed (bilinear between cell centres, so no sharp cell
// edges show and little energy sits at frequencies a resize would remove anyway), scaled by
// how busy the picture is around each cell (texture hides it; flat paper or sky gets little),
// added equally to R, G and B (a luminance change: JPEG keeps luminance best).
import { ADD_WASM } from './add-wasm.ts';
import { wasmBytes } from '../wasm-bytes.ts';
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
/**
 * Levels kept free at each end: a traced picture's R, G and B stay within 3…252 (add.wat), so
 * the change fits both ways. On white paper (255) only its darkening half showed: on the
 * project's 20-page statement, four of five page layouts read no code even as lossless PNGs;
 * with the headroom, the three that had failed read, lossless and after JPEG q80 (after q65,
 * two of them). Three levels: the trace's change on flat paper is ±1–3; paper at 252 instead
 * of 255 does not show.
 */
export const HEADROOM = 3;
/** Smallest picture that can carry a readable trace: a few tiles each way. */
export const MIN_SIDE = 128;

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
  const step = Math.max(1, Math.floor(c / 3));
  // The sampled columns in runs of one grid column each: a row's samples are added up in a run
  // and stored once per cell, not once per sample (a flattened A4 page at 150 DPI samples every
  // pixel). Every sum is of whole numbers, so the order changes nothing.
  const from: number[] = [];
  const cells: number[] = [];
  for (let x = 0; x < W; x += step) {
    const cell = Math.floor(x / c) + 1;
    if (cells.at(-1) !== cell) (from.push(x), cells.push(cell));
  }
  from.push(W);
  for (let y = Math.ceil(top / step) * step; y < top + band.height; y += step) {
    const rowBase = (Math.floor(y / c) + 1) * gw;
    const row = (y - top) * W;
    for (let r = 0; r < cells.length; r++) {
      let s = 0;
      let s2 = 0;
      let n = 0;
      const end = from[r + 1]!;
      for (let x = from[r]!, i = 4 * (row + x); x < end; x += step, i += 4 * step) {
        const l = (77 * data[i]! + 150 * data[i + 1]! + 29 * data[i + 2]!) >> 8;
        s += l;
        s2 += l * l;
        n++;
      }
      const k = rowBase + cells[r]!;
      sum[k] = sum[k]! + s;
      sq[k] = sq[k]! + s2;
      cnt[k] = cnt[k]! + n;
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
  const n = gw * gh;
  const sum = new Float64Array(n);
  const sq = new Float64Array(n);
  const cnt = new Float64Array(n);
  for (const b of bands)
    for (let k = 0; k < n; k++) {
      sum[k] = sum[k]! + b.sum[k]!;
      sq[k] = sq[k]! + b.sq[k]!;
      cnt[k] = cnt[k]! + b.cnt[k]!;
    }
  const amp = strength(sum, sq, cnt, gw, gh);
  // Scale so the expected squared error meets the PSNR target. Bilinear interpolation of
  // independent ±1 cells keeps (2/3)² of their power; rounding the change to whole levels adds about 1/12.
  const target = 255 ** 2 / 10 ** (plan.psnr / 10) - 1 / 12;
  let power = 0;
  for (let i = 0; i < n; i++) power += amp[i]! * amp[i]!;
  power = (power / n) * (4 / 9);
  const scale = Math.sqrt(Math.max(0.05, target) / power);
  // Grid cell (gx, gy) is tile cell (gx − 1 mod N, gy − 1 mod N).
  for (let gy = 0, v = N - 1; gy < gh; gy++, v = (v + 1) % N) for (let gx = 0, u = N - 1, k = gy * gw; gx < gw; gx++, u = (u + 1) % N, k++) amp[k] = amp[k]! * scale * values[v * N + u]!;
  return amp;
}

/** The squared error summed over the pixels measured, and how many channel values that was. */
export interface BandError {
  se: number;
  n: number;
}

/**
 * Adds the pattern to a band's pixels (rows `top` …), in place: the cells interpolated
 * bilinearly, one rounding per pixel, the same change to R, G and B, each first brought within
 * HEADROOM…255 − HEADROOM (then clamped to 0…255); transparent pixels kept. The error returned
 * is the change alone, from the level kept. The pixel work is WebAssembly SIMD (add.wat: ~3× the JavaScript it
 * replaced, copies in and out included; bit for bit the same pixels); rows go through its memory a
 * chunk at a time, so it stays small whatever the picture.
 */
export function addPattern(plan: EmbedPlan, amp: Float32Array, band: Pixels, top: number): BandError {
  const { width: W, cell: c, gw } = plan;
  const { data } = band;
  const H = band.height;
  const k = kernel(W, gw);
  // Cell columns: pixels start[k] … start[k + 1] − 1 lie between the centres of grid cells k
  // and k + 1, at fraction tx[x] of the way (Float32 values, as the embed always had them).
  const tx = new Float64Array(k.memory.buffer, k.tx, W + 2);
  const start = new Int32Array(k.memory.buffer, k.st, gw + 1).fill(W);
  for (let x = W - 1; x >= 0; x--) {
    const g = (x + 0.5) / c - 0.5 + 1;
    const i = Math.floor(g);
    tx[x] = Math.fround(g - i);
    start[i] = x;
  }
  for (let i = gw - 1; i >= 0; i--) start[i] = Math.min(start[i]!, start[i + 1]!);
  const row = new Float32Array(k.memory.buffer, k.row, gw);
  const bytes = new Uint8Array(k.memory.buffer);
  // The squared error is summed on every 4th row of the picture: enough for the report.
  let se = 0;
  let n = 0;
  for (let y0 = 0; y0 < H; y0 += k.rows) {
    const rows = Math.min(k.rows, H - y0);
    bytes.set(data.subarray(y0 * W * 4, (y0 + rows) * W * 4), k.px);
    for (let r = 0; r < rows; r++) {
      const y = top + y0 + r;
      const g = (y + 0.5) / c - 0.5 + 1;
      const gy = Math.floor(g);
      const ty = g - gy;
      const a = gy * gw;
      const b = a + gw;
      for (let i = 0; i < gw; i++) row[i] = amp[a + i]! * (1 - ty) + amp[b + i]! * ty;
      const measure = (y & 3) === 0;
      se += k.addRow(k.px + r * W * 4, W, k.tx, k.st, k.row, gw, k.dl, measure ? 1 : 0);
      if (measure) n += 3 * W;
    }
    data.set(bytes.subarray(k.px, k.px + rows * W * 4), y0 * W * 4);
  }
  return { se, n };
}

/** The compiled pixel pass, and its memory laid out for pictures `width` wide (see add.wat). */
interface Kernel {
  memory: WebAssembly.Memory;
  addRow: (px: number, w: number, tx: number, st: number, row: number, gw: number, dl: number, measure: number) => number;
  tx: number;
  st: number;
  row: number;
  dl: number;
  px: number;
  /** Rows of pixels in memory at a time. */
  rows: number;
}

/** About this many bytes of pixels go through the kernel's memory at a time. */
const CHUNK = 1 << 22;
let instance: WebAssembly.Instance | undefined;

function kernel(width: number, gw: number): Kernel {
  // Compiled once (the module is < 1 KB: compiling it synchronously is allowed on any thread).
  instance ??= new WebAssembly.Instance(new WebAssembly.Module(wasmBytes(ADD_WASM)));
  const memory = instance.exports.memory as WebAssembly.Memory;
  const at16 = (n: number) => Math.ceil(n / 16) * 16;
  const tx = 0;
  const st = at16(tx + 8 * (width + 2));
  const row = at16(st + 4 * (gw + 1));
  const dl = at16(row + 4 * gw);
  const px = at16(dl + 4 * (width + 4));
  const rows = Math.max(1, Math.floor(CHUNK / (4 * width)));
  const need = px + rows * width * 4 + 16;
  if (memory.buffer.byteLength < need) memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
  return { memory, addRow: instance.exports.addRow as Kernel['addRow'], tx, st, row, dl, px, rows };
}

/** The report, from all bands' errors. */
export function finish(plan: EmbedPlan, bands: BandError[], t0: number): EmbedResult {
  const se = bands.reduce((s, b) => s + b.se, 0);
  const n = bands.reduce((s, b) => s + b.n, 0);
  const mse = se / Math.max(1, n);
  return { psnr: mse > 0 ? 10 * Math.log10(255 ** 2 / mse) : Infinity, cell: plan.cell, salt: plan.salt, ms: performance.now() - t0 };
}

/**
 * Each cell's amplitude before the global scaling, from its luminance's standard deviation and
 * the lowest among its 3 × 3 neighbours with samples (min over rows, then over columns).
 */
function strength(sum: Float64Array, sq: Float64Array, cnt: Float64Array, gw: number, gh: number): Float32Array {
  const n = gw * gh;
  const std = new Float32Array(n);
  // Cells without samples (the margin) take part in no minimum.
  const lowRow = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const c = cnt[k]!;
    const m = c ? sum[k]! / c : 0;
    std[k] = c ? Math.sqrt(Math.max(0, sq[k]! / c - m * m)) : 0;
  }
  for (let gy = 0; gy < gh; gy++)
    for (let gx = 0, k = gy * gw; gx < gw; gx++, k++) {
      let lo = cnt[k] ? std[k]! : Infinity;
      if (gx > 0 && cnt[k - 1] && std[k - 1]! < lo) lo = std[k - 1]!;
      if (gx < gw - 1 && cnt[k + 1] && std[k + 1]! < lo) lo = std[k + 1]!;
      lowRow[k] = lo;
    }
  const amp = new Float32Array(n);
  for (let gy = 0; gy < gh; gy++)
    for (let gx = 0, k = gy * gw; gx < gw; gx++, k++) {
      let lo = lowRow[k]!;
      if (gy > 0 && lowRow[k - gw]! < lo) lo = lowRow[k - gw]!;
      if (gy < gh - 1 && lowRow[k + gw]! < lo) lo = lowRow[k + gw]!;
      const s = lo === Infinity ? 0 : 0.5 * lo + 0.5 * std[k]!;
      amp[k] = Math.min(MOST, FLAT + PER_STD * s);
    }
  return amp;
}
