// Median-cut colour quantiser for pictures with few colours (text pages, screenshots).
// Our own, ~150 lines: it reads the picture a strip at a time (no second full-size copy) and maps
// pixels through a 32,768-entry table, so a 12 MP page costs two linear passes; the counting
// pass, the costliest, is WebAssembly (count.wat). The npm
// quantisers we looked at either need the whole RGBA buffer and search the palette per pixel
// (image-q: seconds on a 6 MP screenshot in plain JS) or are GPL (libimagequant).
import type { ByteOrder } from '../raster/frame.ts';
import { COUNT_WASM } from './count-wasm.ts';
import { MAP_WASM } from './map-wasm.ts';
import { wasmBytes } from '../wasm-bytes.ts';

/** 5 bits a channel (count.wat keeps each channel's top 5): 32,768 bins. Fine for flat colours and antialiased text. */
const BITS = 5;
const BINS = 1 << (3 * BITS);

/** Pixels the kernel counts per call (as many as the readers' strips hold). */
const CHUNK = 1 << 18;
// A histogram's memory (count.wat): counts, sums, squares, then a chunk of pixels, its keys and
// its pixels' low bits.
const COUNT_AT = 0;
const SUM_AT = COUNT_AT + BINS * 4;
const SQ_AT = SUM_AT + BINS * 24;
const PX_AT = SQ_AT + BINS * 24;
const KEYS_AT = PX_AT + CHUNK * 4;
const LOW_AT = KEYS_AT + CHUNK * 2;
const PAGES = Math.ceil((LOW_AT + CHUNK * 2) / 65536);

type CountFn = (px: number, n: number, keys: number, count: number, sum: number, sq: number, bgra: number, low: number) => number;
let kernel: WebAssembly.Module | undefined;

export class Histogram {
  readonly count: Uint32Array;
  /** Sums of r, g, b per bin: the bin's mean colour, not its corner. */
  readonly sum: Float64Array;
  /** Sums of squares: how far a bin's pixels lie from its mean (smooth gradients share bins). */
  readonly sq: Float64Array;
  /** Some pixel is not opaque: we leave those to the full-colour encoder. */
  translucent = false;
  pixels = 0;
  readonly #count: CountFn;
  readonly #px: Uint8Array<ArrayBuffer>;
  readonly #keys: Uint16Array;
  readonly #low: Uint16Array;

  /** Its arrays live in the kernel's memory (3.3 MB, fixed: the views never detach). */
  constructor() {
    // Compiled once per thread (< 1 KB: compiling synchronously is allowed on any thread).
    kernel ??= new WebAssembly.Module(wasmBytes(COUNT_WASM));
    const memory = new WebAssembly.Memory({ initial: PAGES, maximum: PAGES });
    this.#count = new WebAssembly.Instance(kernel, { env: { memory } }).exports.count as CountFn;
    this.count = new Uint32Array(memory.buffer, COUNT_AT, BINS);
    this.sum = new Float64Array(memory.buffer, SUM_AT, BINS * 3);
    this.sq = new Float64Array(memory.buffer, SQ_AT, BINS * 3);
    this.#px = new Uint8Array(memory.buffer, PX_AT, CHUNK * 4);
    this.#keys = new Uint16Array(memory.buffer, KEYS_AT, CHUNK);
    this.#low = new Uint16Array(memory.buffer, LOW_AT, CHUNK);
  }

  /** Empty again, to be reused (not 3 MB of garbage per picture). */
  reset(): this {
    this.count.fill(0);
    this.sum.fill(0);
    this.sq.fill(0);
    this.translucent = false;
    this.pixels = 0;
    return this;
  }

  /**
   * Counts the pixels; `keys` (from `at`) gets each pixel's bin, for mapKeys, and `low` its low
   * bits (see count.wat), for mapTraced. Runs of one colour (paper, flat areas) are counted
   * once, in WebAssembly (count.wat).
   */
  add(rgba: Uint8ClampedArray, keys?: Uint16Array, at = 0, low?: Uint16Array): void {
    const len = rgba.length >> 2;
    for (let done = 0; done < len; done += CHUNK) {
      const n = Math.min(CHUNK, len - done);
      this.#px.set(rgba.subarray(done * 4, (done + n) * 4));
      this.addRoom(n, 'RGBA', keys, at + done, low);
    }
  }

  /**
   * Where a reader may copy up to CHUNK pixels for addRoom, in the kernel's own memory: a strip
   * copied there is counted where it lies (no copy of it into the kernel).
   */
  room(pixels: number): Uint8Array<ArrayBuffer> | undefined {
    return pixels <= CHUNK ? this.#px.subarray(0, pixels * 4) : undefined;
  }

  /** Counts the `n` pixels copied into room(), as add() does. */
  addRoom(n: number, order: ByteOrder, keys?: Uint16Array, at = 0, low?: Uint16Array): void {
    if (this.#count(PX_AT, n, KEYS_AT, COUNT_AT, SUM_AT, SQ_AT, order === 'BGRA' ? 1 : 0, low ? LOW_AT : 0)) this.translucent = true;
    keys?.set(this.#keys.subarray(0, n), at);
    low?.set(this.#low.subarray(0, n), at);
    this.pixels += n;
  }
}

/** Share of the pixels in the most common bin: high for a page with a plain background. */
export function flatShare(h: Histogram): number {
  let most = 0;
  for (const n of h.count) if (n > most) most = n;
  return most / h.pixels;
}

export interface Palette {
  /** r, g, b of each entry. */
  rgb: Uint8Array;
  size: number;
  /** Bin → palette index. */
  lut: Uint8Array;
}

interface Box {
  lo: number;
  hi: number;
  count: number;
  /** Sum of squared distances of its pixels to its mean colour (bins at their means). */
  error: number;
  axis: number;
}

/**
 * Up to `max` colours (≤ 256) for the histogram's pixels: median cut that splits the box with the
 * largest squared error where the split removes the most error (not at the median pixel: a
 * large area of one colour would be cut in two near-equal shades, which costs compression).
 */
export function medianCut(h: Histogram, max: number): Palette {
  const keys: number[] = [];
  for (let k = 0; k < BINS; k++) if (h.count[k]) keys.push(k);
  const mean = (k: number, c: number) => h.sum[k * 3 + c]! / h.count[k]!;
  const describe = (lo: number, hi: number): Box => {
    let count = 0,
      sq = 0;
    const s = [0, 0, 0],
      min = [255, 255, 255],
      maxc = [0, 0, 0];
    for (let i = lo; i < hi; i++) {
      const k = keys[i]!,
        n = h.count[k]!;
      count += n;
      for (let c = 0; c < 3; c++) {
        const v = mean(k, c);
        s[c] = s[c]! + v * n;
        sq += v * v * n;
        if (v < min[c]!) min[c] = v;
        if (v > maxc[c]!) maxc[c] = v;
      }
    }
    const ranges = [0, 1, 2].map((c) => maxc[c]! - min[c]!);
    const error = sq - (s[0]! ** 2 + s[1]! ** 2 + s[2]! ** 2) / count;
    return { lo, hi, count, error: hi - lo > 1 ? error : 0, axis: ranges.indexOf(Math.max(...ranges)) };
  };
  const boxes: Box[] = [describe(0, keys.length)];
  while (boxes.length < max) {
    let best = -1,
      worst = 0.5;
    boxes.forEach((b, i) => {
      if (b.error > worst) ((worst = b.error), (best = i));
    });
    if (best < 0) break;
    const b = boxes[best]!;
    const part = keys.slice(b.lo, b.hi).sort((x, y) => mean(x, b.axis) - mean(y, b.axis));
    keys.splice(b.lo, part.length, ...part);
    // The cut that leaves the least error: maximise Σ S1²/n1 + S2²/n2 over the three channels.
    const total = [0, 1, 2].map((c) => part.reduce((a, k) => a + h.sum[k * 3 + c]!, 0));
    let n1 = 0,
      gain = -1,
      cut = b.lo + 1;
    const s1 = [0, 0, 0];
    for (let i = 0; i < part.length - 1; i++) {
      const k = part[i]!;
      n1 += h.count[k]!;
      let g = 0;
      for (let c = 0; c < 3; c++) {
        s1[c] = s1[c]! + h.sum[k * 3 + c]!;
        g += s1[c]! ** 2 / n1 + (total[c]! - s1[c]!) ** 2 / (b.count - n1);
      }
      if (g > gain) ((gain = g), (cut = b.lo + i + 1));
    }
    boxes.splice(best, 1, describe(b.lo, cut), describe(cut, b.hi));
  }
  const rgb = new Uint8Array(boxes.length * 3);
  boxes.forEach((b, i) => {
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let j = b.lo; j < b.hi; j++) s += h.sum[keys[j]! * 3 + c]!;
      rgb[i * 3 + c] = Math.round(s / b.count);
    }
  });
  // Each bin takes the nearest entry to its mean colour (usually, but not always, its own box's).
  const lut = new Uint8Array(BINS);
  for (const k of keys) {
    let best = 0,
      dist = Infinity;
    for (let p = 0; p < boxes.length; p++) {
      const dr = mean(k, 0) - rgb[p * 3]!,
        dg = mean(k, 1) - rgb[p * 3 + 1]!,
        db = mean(k, 2) - rgb[p * 3 + 2]!;
      const d = dr * dr + dg * dg + db * db;
      if (d < dist) ((dist = d), (best = p));
    }
    lut[k] = best;
  }
  return { rgb, size: boxes.length, lut };
}

/**
 * A palette that keeps the invisible trace, by construction. The trace changes R, G and B of a
 * pixel alike by a few grey levels (±1–3 on flat colours, where the reader weighs it most), and
 * the histogram's bins are 8 levels wide: mapped to one entry per bin, a flat colour in the
 * middle of a bin lost it all (a traced screenshot on #f3f3f3 read no code, 35 of 164 bits
 * wrong). So the most common entries get variants at ±1…TRACE_LEVELS grey levels, and each of
 * their pixels takes the variant of its own luminance offset (mapTraced), read from its exact
 * colour: the flat colours keep the trace level for level.
 */
export interface TraceVariants {
  /** Per base entry: the index of its first variant (offsets −L…−1, then 1…L), or −1. */
  first: Int16Array;
  /** Each base entry's luminance, from which a pixel's offset is measured. */
  luma: Float32Array;
}

/** Grey levels each way of a flat colour's variants: the trace's change on flat colours. */
const TRACE_LEVELS = 3;
/** Entries given variants: the most common, each covering at least TRACE_FLAT_SHARE of the picture. */
const TRACE_FLAT = 12;
const TRACE_FLAT_SHARE = 0.002;
/** Entries the variants may take: a base palette for a traced picture has 256 less these at most. */
export const TRACE_RESERVE = TRACE_FLAT * 2 * TRACE_LEVELS;

const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

/** `base` (≤ 256 − TRACE_RESERVE entries) with the variants of its most common entries. */
export function withTraceVariants(h: Histogram, base: Palette): { palette: Palette; variants: TraceVariants } {
  const pixels = new Float64Array(base.size);
  for (let k = 0; k < BINS; k++) if (h.count[k]) pixels[base.lut[k]!] = pixels[base.lut[k]!]! + h.count[k]!;
  const flat = [...pixels.keys()]
    .sort((a, b) => pixels[b]! - pixels[a]!)
    .slice(0, TRACE_FLAT)
    .filter((e) => pixels[e]! >= TRACE_FLAT_SHARE * h.pixels);
  const size = base.size + flat.length * 2 * TRACE_LEVELS;
  if (size > 256) throw new Error('no room for the trace variants');
  const rgb = new Uint8Array(size * 3);
  rgb.set(base.rgb.subarray(0, base.size * 3));
  const first = new Int16Array(base.size).fill(-1);
  let at = base.size;
  for (const e of flat) {
    first[e] = at;
    for (let s = -TRACE_LEVELS; s <= TRACE_LEVELS; s++)
      if (s) {
        for (let c = 0; c < 3; c++) rgb[at * 3 + c] = Math.max(0, Math.min(255, base.rgb[e * 3 + c]! + s));
        at++;
      }
  }
  const l = new Float32Array(base.size);
  for (let e = 0; e < base.size; e++) l[e] = luma(base.rgb[e * 3]!, base.rgb[e * 3 + 1]!, base.rgb[e * 3 + 2]!);
  return { palette: { rgb, size, lut: base.lut }, variants: { first, luma: l } };
}

/** Occupied bins past which a traced picture is no screenshot (PixelError.for). */
const MOST_BINS = 4096;

/**
 * The error of a mapping measured pixel by pixel (mapTraced), summed as MapError counts it, and
 * each bin's answers so far: a pixel's entry and error depend only on its bin and the low 3 bits
 * of each channel, so they are worked out once per such colour (a traced screenshot: a few
 * thousand), not once per pixel (~6 million). An answer: entry | error << 8; 0xffff: none yet.
 */
export class PixelError {
  sum = 0;
  off = 0;
  far = 0;
  pixels = 0;
  /** Where each occupied bin's 512 answers start. */
  readonly at = new Int32Array(BINS);
  readonly answers: Uint16Array;

  private constructor(bins: number) {
    this.answers = new Uint16Array(512 * bins).fill(0xffff);
  }

  /**
   * For the histogram's occupied bins; none past MOST_BINS (1 KB of answers a bin): a picture
   * with that many is no screenshot (the app's traced ones: 143–316), and stays full colour.
   */
  static for(h: Histogram): PixelError | undefined {
    let n = 0;
    for (let k = 0; k < BINS; k++) if (h.count[k]) n++;
    if (n > MOST_BINS) return undefined;
    const err = new PixelError(n);
    for (let k = 0, i = 0; k < BINS; k++) if (h.count[k]) err.at[k] = 512 * i++;
    return err;
  }

  get error(): MapError {
    const n = Math.max(1, this.pixels);
    return { mean: this.sum / n, off: this.off / n, far: this.far / n };
  }
}

/**
 * The rows of a traced picture mapped (8 bits a pixel; every pixel written): each pixel of an
 * entry with variants takes the one of its luminance offset (rounded, at most TRACE_LEVELS each
 * way), the others their entry. A pixel's exact colour is its bin (`keys`) and its low bits
 * (`low`), both from the count: the picture is not read again. Every pixel's error (its largest
 * channel's difference) is added to `err`: the histogram's estimate counts the trace's own
 * spread in a bin as error, which the variants take away.
 */
export function mapTraced(keys: Uint16Array, low: Uint16Array, width: number, height: number, p: Palette, v: TraceVariants, out: Uint8Array, stride: number, skip: number, err: PixelError): void {
  const { at: slot, answers } = err;
  let sum = 0,
    off = 0,
    far = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0, i = y * width, o = y * stride + skip; x < width; x++, i++, o++) {
      const k = keys[i]!;
      const lo = low[i]!;
      const at = slot[k]! + lo;
      let a = answers[at]!;
      if (a === 0xffff) a = answers[at] = answer(((k >> 7) & 0xf8) | (lo >> 6), ((k >> 2) & 0xf8) | ((lo >> 3) & 7), ((k & 31) << 3) | (lo & 7), p.lut[k]!, p, v);
      out[o] = a & 255;
      const d = a >> 8;
      sum += d;
      if (d > NEAR) off++;
      if (d > FAR) far++;
    }
  err.sum += sum;
  err.off += off;
  err.far += far;
  err.pixels += width * height;
}

/** The entry a colour of entry `e`'s bins takes (its variant, if it has them) | its error << 8. */
function answer(r: number, g: number, b: number, e: number, p: Palette, v: TraceVariants): number {
  const f = v.first[e]!;
  let idx = e;
  if (f >= 0) {
    const s = Math.max(-TRACE_LEVELS, Math.min(TRACE_LEVELS, Math.round(luma(r, g, b) - v.luma[e]!)));
    if (s) idx = f + s + (s < 0 ? TRACE_LEVELS : TRACE_LEVELS - 1);
  }
  const d = Math.max(Math.abs(r - p.rgb[3 * idx]!), Math.abs(g - p.rgb[3 * idx + 1]!), Math.abs(b - p.rgb[3 * idx + 2]!));
  return idx | (d << 8);
}

/** Bits a pixel for this many colours (PNG and PDF both allow 1, 2, 4, 8). */
export const bitsFor = (size: number) => (size <= 2 ? 1 : size <= 4 ? 2 : size <= 16 ? 4 : 8);

/** How far the mapped picture is from the original, from the histogram. */
export interface MapError {
  /** Mean over pixels of the largest channel's RMS difference (per bin: spread + offset). */
  mean: number;
  /** Share of pixels whose colour is visibly off (a channel off by more than NEAR). */
  off: number;
  /** Share of pixels whose colour is clearly wrong (a channel off by more than FAR). */
  far: number;
}
const NEAR = 8;
const FAR = 40;

/** The error, from the histogram alone: a picture that does not fit is rejected without a pass. */
export function mapError(h: Histogram, p: Palette): MapError {
  let sum = 0,
    off = 0,
    far = 0,
    total = 0;
  for (let k = 0; k < BINS; k++) {
    const n = h.count[k]!;
    if (!n) continue;
    const idx = p.lut[k]!;
    let e = 0;
    for (let c = 0; c < 3; c++) {
      const m = h.sum[k * 3 + c]! / n;
      const spread = Math.max(0, h.sq[k * 3 + c]! / n - m * m);
      e = Math.max(e, Math.sqrt(spread + (m - p.rgb[idx * 3 + c]!) ** 2));
    }
    sum += e * n;
    total += n;
    if (e > NEAR) off += n;
    if (e > FAR) far += n;
  }
  return { mean: sum / total, off: off / total, far: far / total };
}

/**
 * Writes the palette index of every pixel (given as its bin, from Histogram.add), packed at
 * `bits`, one row every `stride` bytes after `skip` bytes (PNG's filter byte, 0: none). Text
 * pages (4 bits) and screenshots (8 bits) are mapped in WebAssembly (map.wat).
 */
export function mapKeys(keys: Uint16Array, width: number, height: number, p: Palette, bits: number, out: Uint8Array, stride: number, skip: number): void {
  if ((bits === 4 || bits === 8) && width <= MAP_PIXELS) return mapInKernel(keys, width, height, p.lut, bits, out, stride, skip);
  const { lut } = p;
  const first = 8 - bits;
  for (let y = 0; y < height; y++) {
    let o = y * stride + skip;
    let byte = 0,
      shift = first;
    for (let i = y * width, end = i + width; i < end; i++) {
      byte |= lut[keys[i]!]! << shift;
      shift -= bits;
      if (shift < 0) {
        out[o++] = byte;
        ((byte = 0), (shift = first));
      }
    }
    if (shift !== first) out[o] = byte;
  }
}

/** Keys the mapping kernel takes at a time (whole rows): 512 KB of them, and their rows. */
const MAP_PIXELS = 1 << 18;
// The mapper's memory (map.wat): the table, a chunk of keys, their packed rows (≤ 1 byte a
// pixel and `skip` a row).
const LUT_AT = 0;
const MAP_KEYS_AT = LUT_AT + BINS;
const ROWS_AT = MAP_KEYS_AT + MAP_PIXELS * 2;
const MAP_PAGES = Math.ceil((ROWS_AT + MAP_PIXELS * 2) / 65536);

type MapFn = (lut: number, keys: number, out: number, width: number, rows: number, stride: number, skip: number, bits: number) => void;
let mapper: { map: MapFn; lut: Uint8Array; keys: Uint16Array; rows: Uint8Array } | undefined;

/** One mapper a thread (1.1 MB), made on first use; the mapping is synchronous, so never shared. */
function theMapper() {
  if (mapper) return mapper;
  const memory = new WebAssembly.Memory({ initial: MAP_PAGES, maximum: MAP_PAGES });
  const module = new WebAssembly.Module(wasmBytes(MAP_WASM));
  const map = new WebAssembly.Instance(module, { env: { memory } }).exports.map as MapFn;
  return (mapper = {
    map,
    lut: new Uint8Array(memory.buffer, LUT_AT, BINS),
    keys: new Uint16Array(memory.buffer, MAP_KEYS_AT, MAP_PIXELS),
    rows: new Uint8Array(memory.buffer, ROWS_AT, MAP_PIXELS * 2),
  });
}

function mapInKernel(keys: Uint16Array, width: number, height: number, lut: Uint8Array, bits: number, out: Uint8Array, stride: number, skip: number): void {
  const m = theMapper();
  m.lut.set(lut);
  const rows = Math.floor(MAP_PIXELS / width);
  for (let y = 0; y < height; y += rows) {
    const n = Math.min(rows, height - y);
    m.keys.set(keys.subarray(y * width, (y + n) * width));
    m.map(LUT_AT, MAP_KEYS_AT, ROWS_AT, width, n, stride, skip, bits);
    out.set(m.rows.subarray(0, n * stride), y * stride);
  }
}
