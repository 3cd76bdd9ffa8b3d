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
  // Columns through a scratch copy: strided access is slow on large arrays.
  const cr = new Float64Array(h);
  const ci = new Float64Array(h);
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) {
      cr[y] = re[y * w + x]!;
      ci[y] = im[y * w + x]!;
    }
    fft(cr, ci, inverse, 0, 1, h);
    for (let y = 0; y < h; y++) {
      re[y * w + x] = cr[y]!;
      im[y * w + x] = ci[y]!;
    }
  }
}
