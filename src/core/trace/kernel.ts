// The reader's WebAssembly kernel (read.c): its memory laid out and its calls wrapped.
// Memory, from the module's first free byte: the FFT tables of every size used so far, then
// the arrays held for a whole read (the residual being folded, the keyed patterns' spectra:
// 16 MB), then the arrays of one call. The instance, and the tens of MB a whole-plane FFT makes
// it hold, goes at the end of each read (`releaseKernel`); the compiled module (13 KB) is kept.
import { wasmBytes } from '../wasm-bytes.ts';
import { READ_WASM } from './read-wasm.ts';

interface Exports {
  memory: WebAssembly.Memory;
  base(): number;
  room(bytes: number): number;
  fft2(re: number, im: number, w: number, h: number, inverse: number, rows: number, tail: number, tw: number, th: number): void;
  fold(r: number, w: number, h: number, i00: number, i01: number, i10: number, i11: number, big: number, mask: number, rowStep: number, bins: number): void;
  shifts(fr: number, fi: number, S: number, first: number, count: number, tpl: number, cr: number, ci: number, tables: number, out: number): void;
  boxMax(ac: number, m: number, rowMax: number, box: number): void;
  blur(src: number, w: number, h: number, r: number, tmp: number, cols: number, out: number): void;
  autocorr(
    r: number,
    w: number,
    h: number,
    tx: number,
    ty: number,
    m: number,
    re: number,
    im: number,
    power: number,
    local: number,
    tmp: number,
    cols: number,
    band: number,
    nb: number,
    limit: number,
    keep: number,
    tables: number,
    ac: number,
  ): void;
  residual(data: number, w: number, h: number, r: number, a: number, b: number, tmp: number, cols: number): void;
  gridScores(box: number, m: number, reach: number, bMean: number, bSd: number, ss: number, ns: number, ts: number, nt: number, as: number, na: number, out: number): number;
}

/** An array kept in the kernel's memory between calls: which one, where, and the byte after it. */
interface Held<T> {
  of: T;
  at: number;
  end: number;
}

interface State {
  k: Exports;
  /** Tables by transform size, and the first byte after them. */
  tables: Map<number, number>;
  tablesEnd: number;
  /** The residual being folded, and the keyed patterns' spectra (both after the tables). */
  plane?: Held<Float32Array>;
  patterns?: Held<Float64Array>;
}

let compiled: WebAssembly.Module | undefined;
let state: State | undefined;

const at64 = (n: number) => Math.ceil(n / 64) * 64;

/**
 * Compiles the kernel ahead, asynchronously. A page must (pipeline.ts's `identify` does): the
 * module is 13 KB, and Chrome may refuse to compile a module over 4 KB synchronously on a page's
 * thread (it depends on the browser's settings; issues of other projects report both limits).
 */
export async function prepareKernel(): Promise<void> {
  compiled ??= await WebAssembly.compile(wasmBytes(READ_WASM));
}

function kernel(): State {
  if (state) return state;
  // Compiled here only where nothing compiled it ahead: node and workers may compile any size.
  compiled ??= new WebAssembly.Module(wasmBytes(READ_WASM));
  const k = new WebAssembly.Instance(compiled).exports as unknown as Exports;
  state = { k, tables: new Map(), tablesEnd: k.base() };
  return state;
}

/** Memory up to `end`, or a RangeError (the caller's picture was too large to read). */
function reserve(s: State, end: number): void {
  if (!s.k.room(end)) throw new RangeError(`the trace reader could not have ${end} bytes of memory`);
}

/** Lets the instance and its memory go (after a read); the next call makes a new one. */
export function releaseKernel(): void {
  state = undefined;
}

/** An n-point transform's bit reversal and twiddles (fft.ts makes them). */
export type Tables = (n: number) => { rev: Uint32Array; wr: Float64Array; wi: Float64Array };

/** Where the tables (rev, wr, wi as read.c expects them) of an n-point transform are. */
function tables(s: State, n: number, make: Tables): number {
  const hit = s.tables.get(n);
  if (hit !== undefined) return hit;
  const { rev, wr, wi } = make(n);
  const at = s.tablesEnd;
  const end = at64(at + 4 * n + 16 * n);
  reserve(s, end);
  const buf = s.k.memory.buffer;
  new Uint32Array(buf, at, n).set(rev);
  new Float64Array(buf, at + 4 * n, n).set(wr);
  new Float64Array(buf, at + 12 * n, n).set(wi);
  s.tables.set(n, at);
  s.tablesEnd = end;
  // The residual and the patterns, if any, sat where the tables now are.
  s.plane = s.patterns = undefined;
  return at;
}

/** First byte after the tables and the arrays held. */
const scratch = (s: State) => at64(Math.max(s.tablesEnd, s.plane?.end ?? 0, s.patterns?.end ?? 0));

/** `of` in the kernel's memory, after everything held there (which stays). */
function hold<T extends Float32Array | Float64Array>(s: State, of: T): Held<T> {
  const at = scratch(s);
  const end = at + of.byteLength;
  reserve(s, end);
  new (of.constructor as { new (b: ArrayBuffer, at: number, n: number): T })(s.k.memory.buffer, at, of.length).set(of);
  return { of, at, end };
}

/** In place; see fft.ts's `fft2`. */
export function kernelFft2(re: Float64Array, im: Float64Array, w: number, h: number, inverse: boolean, rows: number, tail: number, make: Tables): void {
  const s = kernel();
  const tw = tables(s, w, make);
  const th = tables(s, h, make);
  const n = w * h;
  const reAt = scratch(s);
  const imAt = reAt + 8 * n;
  reserve(s, imAt + 8 * n);
  const buf = s.k.memory.buffer;
  new Float64Array(buf, reAt, n).set(re);
  new Float64Array(buf, imAt, n).set(im);
  s.k.fft2(reAt, imAt, w, h, inverse ? 1 : 0, rows, tail, tw, th);
  re.set(new Float64Array(buf, reAt, n));
  im.set(new Float64Array(buf, imAt, n));
}

/** Each of the fold's `n` bins (S×S, S a power of two): the mean of its pixels, 0 if none; see
 * sync.ts's `fold`. */
export function kernelFold(r: Float32Array, w: number, h: number, inv: [number, number, number, number], big: number, rowStep: number, n: number): Float64Array {
  const s = kernel();
  if (s.plane?.of !== r) {
    s.plane = undefined; // the old residual's room is free: the new one may take it
    s.plane = hold(s, r);
  }
  const at = scratch(s);
  reserve(s, at + 16 * n);
  const bins = new Float64Array(s.k.memory.buffer, at, 2 * n).fill(0);
  s.k.fold(s.plane.at, w, h, inv[0], inv[1], inv[2], inv[3], big, Math.sqrt(n) - 1, rowStep, at);
  // Sum and count side by side (read.c).
  const mean = new Float64Array(n);
  for (let b = 0; b < n; b++) mean[b] = bins[2 * b + 1] ? bins[2 * b]! / bins[2 * b + 1]! : 0;
  return mean;
}

/**
 * The pilot search of one fold (read.c, `shifts`): for keyed patterns `first` … `first` +
 * `count` − 1 (`count` 1 or even), whose spectra `patterns` holds (S·S real values, then S·S
 * imaginary, pattern after pattern), the best shift against the fold's spectrum (fr, fi) and
 * its height: du, dv, z at 3·k for pattern `first` + k.
 */
export function kernelShifts(fr: Float64Array, fi: Float64Array, S: number, patterns: Float64Array, first: number, count: number, make: Tables): Float64Array {
  if (count !== 1 && count % 2) throw new Error(`shifts: ${count} patterns, not 1 or a pair count`);
  const s = kernel();
  const tw = tables(s, S, make);
  if (s.patterns?.of !== patterns) s.patterns = hold(s, patterns);
  const n = S * S;
  const frAt = scratch(s);
  const fiAt = frAt + 8 * n;
  const crAt = fiAt + 8 * n;
  const ciAt = crAt + 8 * n;
  const outAt = ciAt + 8 * n;
  reserve(s, outAt + 24 * count);
  const buf = s.k.memory.buffer;
  new Float64Array(buf, frAt, n).set(fr);
  new Float64Array(buf, fiAt, n).set(fi);
  s.k.shifts(frAt, fiAt, S, first, count, s.patterns.at, crAt, ciAt, tw, outAt);
  return new Float64Array(buf, outAt, 3 * count).slice();
}

/** The grid search's lattices (s, t, a), each with its score; see sync.ts's `gridCandidates`. */
export interface GridSearch {
  /** Scales, in pixels. */
  ss: Float64Array;
  /** Turns: degrees, cos, sin for each. */
  ts: Float64Array;
  /** Stretches. */
  as: Float64Array;
  reach: number;
}

/**
 * The grid search (read.c, `boxMax` and `gridScores`): the m×m autocorrelation's 5×5 maxima,
 * `noise` their level (mean and spread, from the filtered values it is shown, which it must not
 * keep), then every lattice of `g` scored: s, t, a, score at 4·k, for the lattices that have
 * enough points within reach.
 */
export function kernelGrid(ac: Float64Array, m: number, noise: (box: Float64Array) => { mean: number; sd: number }, g: GridSearch): Float64Array {
  const s = kernel();
  const n = m * m;
  const most = g.ss.length * (g.ts.length / 3) * g.as.length;
  const acAt = scratch(s);
  const rowAt = acAt + 8 * n;
  const boxAt = rowAt + 8 * n;
  const ssAt = boxAt + 8 * n;
  const tsAt = ssAt + 8 * g.ss.length;
  const asAt = tsAt + 8 * g.ts.length;
  const outAt = at64(asAt + 8 * g.as.length);
  reserve(s, outAt + 32 * most);
  const buf = s.k.memory.buffer;
  new Float64Array(buf, acAt, n).set(ac);
  new Float64Array(buf, rowAt, 2 * n).fill(0);
  new Float64Array(buf, ssAt, g.ss.length).set(g.ss);
  new Float64Array(buf, tsAt, g.ts.length).set(g.ts);
  new Float64Array(buf, asAt, g.as.length).set(g.as);
  s.k.boxMax(acAt, m, rowAt, boxAt);
  const level = noise(new Float64Array(buf, boxAt, n));
  const count = s.k.gridScores(boxAt, m, g.reach, level.mean, level.sd, ssAt, g.ss.length, tsAt, g.ts.length / 3, asAt, g.as.length, outAt);
  return new Float64Array(buf, outAt, 4 * count).slice();
}

/** Room for `count` arrays of w×h floats and one of w doubles, after what is held. */
function planes(s: State, w: number, h: number, count: number): { at: number[]; cols: number } {
  const bytes = at64(4 * w * h);
  const first = scratch(s);
  const at = Array.from({ length: count }, (_, i) => first + i * bytes);
  const cols = first + count * bytes;
  reserve(s, cols + 8 * w);
  return { at, cols };
}

/**
 * Running-mean box blur of radius r along both axes, edges the mean of what is inside (read.c's
 * `blur`, which the residual and the autocorrelation use there).
 */
export function kernelBlur(src: Float32Array, w: number, h: number, r: number): Float32Array {
  const s = kernel();
  const { at, cols } = planes(s, w, h, 3);
  const buf = s.k.memory.buffer;
  new Float32Array(buf, at[0]!, w * h).set(src);
  s.k.blur(at[0]!, w, h, r, at[1]!, cols, at[2]!);
  return new Float32Array(buf, at[2]!, w * h).slice();
}

/** See plane.ts's `residual` (read.c, `residual`). */
export function kernelResidual(data: Float32Array, w: number, h: number): Float32Array {
  const s = kernel();
  const { at, cols } = planes(s, w, h, 5);
  const buf = s.k.memory.buffer;
  new Float32Array(buf, at[0]!, w * h).set(data);
  s.k.residual(at[0]!, w, h, at[1]!, at[2]!, at[3]!, at[4]!, cols);
  return new Float32Array(buf, at[1]!, w * h).slice();
}

/** The band the autocorrelation keeps: weights of folded frequencies x', y' < nb (at y'·nb + x'), none from `limit` up. */
export interface Band {
  weights: Float64Array;
  nb: number;
  limit: number;
}

/**
 * The residual's whitened autocorrelation, centred (read.c, `autocorr`; see sync.ts's
 * `autocorrelation`): `tx`, `ty` the edge tapers, m the transform's size, `keep` the rows at
 * each end of the inverse transform's input that are not zero.
 */
export function kernelAutocorrelation(r: Float32Array, w: number, h: number, tx: Float64Array, ty: Float64Array, m: number, band: Band, keep: number, make: Tables): Float64Array {
  const s = kernel();
  const t = tables(s, m, make);
  const n = m * m;
  const rAt = scratch(s);
  const txAt = at64(rAt + 4 * w * h);
  const tyAt = at64(txAt + 8 * w);
  const bandAt = at64(tyAt + 8 * h);
  const reAt = at64(bandAt + 8 * band.weights.length);
  const imAt = reAt + 8 * n;
  const powerAt = imAt + 8 * n;
  const localAt = powerAt + 4 * n;
  const tmpAt = localAt + 4 * n;
  const colsAt = tmpAt + 4 * n;
  const acAt = at64(colsAt + 8 * m);
  reserve(s, acAt + 8 * n);
  const buf = s.k.memory.buffer;
  new Float32Array(buf, rAt, w * h).set(r);
  new Float64Array(buf, txAt, w).set(tx);
  new Float64Array(buf, tyAt, h).set(ty);
  new Float64Array(buf, bandAt, band.weights.length).set(band.weights);
  s.k.autocorr(rAt, w, h, txAt, tyAt, m, reAt, imAt, powerAt, localAt, tmpAt, colsAt, bandAt, band.nb, band.limit, keep, t, acAt);
  return new Float64Array(buf, acAt, n).slice();
}
