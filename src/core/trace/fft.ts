// A radix-2 complex 2D FFT (in place, separate real and imaginary arrays): enough for the
// autocorrelation and the cyclic correlations of the trace detector, which spends much of its
// time here (hundreds of 64×64 transforms a picture). The transform is WebAssembly (read.c);
// its tables are made here.
import { kernelFft2, kernelShifts } from './kernel.ts';

interface Table {
  rev: Uint32Array;
  /** Twiddles of every stage, stage of size s at [s/2 − 1, s − 1): cos and −sin (forward). */
  wr: Float64Array;
  wi: Float64Array;
}

const tables = new Map<number, Table>();

/** The bit reversal and twiddles of an n-point transform, made once (read.c's tables). */
export function table(n: number): Table {
  let t = tables.get(n);
  if (t) return t;
  if (n & (n - 1)) throw new Error(`FFT size ${n} is not a power of two`);
  const rev = new Uint32Array(n);
  const bits = Math.log2(n);
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    rev[i] = r;
  }
  const wr = new Float64Array(Math.max(1, n));
  const wi = new Float64Array(Math.max(1, n));
  for (let size = 2; size <= n; size *= 2)
    for (let k = 0; k < size / 2; k++) {
      wr[size / 2 - 1 + k] = Math.cos((2 * Math.PI * k) / size);
      wi[size / 2 - 1 + k] = -Math.sin((2 * Math.PI * k) / size);
    }
  t = { rev, wr, wi };
  tables.set(n, t);
  return t;
}

/**
 * 2D FFT of a w×h (powers of two) row-major array, in place; `inverse` without the 1/(w·h)
 * scale. Rows from `rows` up to the last `tail` rows must be zero (a picture padded to a power
 * of two; a spectrum kept only near zero frequency, which wraps round): their transforms are
 * zero too and are skipped.
 */
export function fft2(re: Float64Array, im: Float64Array, w: number, h: number, inverse = false, rows = h, tail = 0): void {
  kernelFft2(re, im, w, h, inverse, rows, tail, table);
}

/**
 * The cyclic correlation of an S×S fold (its spectrum fr, fi) with keyed patterns `first` …
 * `first` + `count` − 1 (`count` 1 or even; `spectra`: pattern s's real part at 2·s·S², then
 * its imaginary part): each one's highest shift (sub-bin) and its height in standard
 * deviations over all shifts, du, dv, z at 3·k.
 */
export function shiftPeaks(fr: Float64Array, fi: Float64Array, S: number, spectra: Float64Array, first: number, count: number): Float64Array {
  return kernelShifts(fr, fi, S, spectra, first, count, table);
}
