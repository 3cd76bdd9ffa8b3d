// A small radix-2 complex FFT (in place, separate real and imaginary arrays) and its 2D form:
// enough for the autocorrelation and the cyclic correlations of the trace detector. The reader
// spends most of its time here (hundreds of 64×64 transforms a picture), hence the loop order:
// each twiddle factor is loaded once per stage, and the first two stages need none.

interface Table {
  rev: Uint32Array;
  /** Twiddles of every stage, stage of size s at [s/2 − 1, s − 1): cos and −sin (forward). */
  wr: Float64Array;
  wi: Float64Array;
}

const tables = new Map<number, Table>();

function table(n: number): Table {
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

/** In place; `inverse` without the 1/n scale. */
export function fft(re: Float64Array, im: Float64Array, inverse = false, offset = 0, stride = 1, n = re.length): void {
  const { rev, wr, wi } = table(n);
  for (let i = 0; i < n; i++) {
    const j = rev[i]!;
    if (j > i) {
      const a = offset + i * stride;
      const b = offset + j * stride;
      let t = re[a]!;
      re[a] = re[b]!;
      re[b] = t;
      t = im[a]!;
      im[a] = im[b]!;
      im[b] = t;
    }
  }
  // Stage of size 2: twiddle 1.
  for (let s = 0; s + 1 < n; s += 2) {
    const a = offset + s * stride;
    const b = a + stride;
    const xr = re[b]!;
    const xi = im[b]!;
    re[b] = re[a]! - xr;
    im[b] = im[a]! - xi;
    re[a] = re[a]! + xr;
    im[a] = im[a]! + xi;
  }
  const sign = inverse ? -1 : 1;
  for (let size = 4; size <= n; size *= 2) {
    const half = size / 2;
    const hs = half * stride;
    for (let k = 0; k < half; k++) {
      const cr = wr[half - 1 + k]!;
      const ci = sign * wi[half - 1 + k]!;
      for (let start = k; start < n; start += size) {
        const a = offset + start * stride;
        const b = a + hs;
        const br = re[b]!;
        const bi = im[b]!;
        const xr = br * cr - bi * ci;
        const xi = br * ci + bi * cr;
        const ar = re[a]!;
        const ai = im[a]!;
        re[b] = ar - xr;
        im[b] = ai - xi;
        re[a] = ar + xr;
        im[a] = ai + xi;
      }
    }
  }
}

/**
 * 2D FFT of a w×h (powers of two) row-major array, in place. Rows from `rows` up to the last
 * `tail` rows must be zero (a picture padded to a power of two; a spectrum kept only near zero
 * frequency, which wraps round): their transforms are zero too and are skipped.
 */
export function fft2(re: Float64Array, im: Float64Array, w: number, h: number, inverse = false, rows = h, tail = 0): void {
  for (let y = 0; y < h; y++) if (y < rows || y >= h - tail) fft(re, im, inverse, y * w, 1, w);
  columns(re, im, w, h, inverse);
}

/** Columns a block of them at a time. */
const BLOCK = 64;

/**
 * The column transforms of a 2D FFT, all columns of a block at once: each butterfly of `fft` is
 * done for a whole run of a row pair, so the inner loop walks memory in order with one twiddle
 * (1.4× faster than copying each column out; the same operations in the same order, so the
 * same bits).
 */
function columns(re: Float64Array, im: Float64Array, w: number, h: number, inverse: boolean): void {
  const { rev, wr, wi } = table(h);
  for (let y = 0; y < h; y++) {
    const j = rev[y]!;
    if (j <= y) continue;
    const a = y * w;
    const b = j * w;
    for (let x = 0; x < w; x++) {
      let t = re[a + x]!;
      re[a + x] = re[b + x]!;
      re[b + x] = t;
      t = im[a + x]!;
      im[a + x] = im[b + x]!;
      im[b + x] = t;
    }
  }
  const sign = inverse ? -1 : 1;
  for (let x0 = 0; x0 < w; x0 += BLOCK) {
    const x1 = Math.min(w, x0 + BLOCK);
    // Stage of size 2: twiddle 1.
    for (let s = 0; s + 1 < h; s += 2) {
      const a = s * w;
      const b = a + w;
      for (let x = x0; x < x1; x++) {
        const xr = re[b + x]!;
        const xi = im[b + x]!;
        re[b + x] = re[a + x]! - xr;
        im[b + x] = im[a + x]! - xi;
        re[a + x] = re[a + x]! + xr;
        im[a + x] = im[a + x]! + xi;
      }
    }
    for (let size = 4; size <= h; size *= 2) {
      const half = size / 2;
      for (let k = 0; k < half; k++) {
        const cr = wr[half - 1 + k]!;
        const ci = sign * wi[half - 1 + k]!;
        for (let start = k; start < h; start += size) {
          const a = start * w;
          const b = a + half * w;
          for (let x = x0; x < x1; x++) {
            const br = re[b + x]!;
            const bi = im[b + x]!;
            const xr = br * cr - bi * ci;
            const xi = br * ci + bi * cr;
            const ar = re[a + x]!;
            const ai = im[a + x]!;
            re[b + x] = ar - xr;
            im[b + x] = ai - xi;
            re[a + x] = ar + xr;
            im[a + x] = ai + xi;
          }
        }
      }
    }
  }
}
