/*
 * The trace reader's costliest loops (read.ts, sync.ts), built for WebAssembly without a C
 * library by `npm run wasm` into read-wasm.ts: the 2D FFT (a thousand 64×64 transforms a
 * read, and one of the whole working plane), the fold of the residual onto one tile (~200 a
 * read), the pilot search over every keyed pattern, the lattice grid search (~140,000
 * candidates), the residual's box blurs and its whitened autocorrelation. They do exactly the
 * operations of the JavaScript they replaced, in an order that changes no result (butterflies
 * of one stage are independent), so a read gives the same bits: no fast-math, and WebAssembly
 * has no fused multiply-add for the compiler to use.
 * kernel.ts lays out the memory: `room` grows it, and the caller writes the arrays and twiddle
 * tables (made in JavaScript, so the same numbers) where it chose.
 */

extern unsigned char __heap_base;

/* The first free byte: kernel.ts places everything from here. */
__attribute__((export_name("base"))) unsigned long base(void) { return ((unsigned long)&__heap_base + 63) & ~63ul; }

/* Grows the memory to hold `bytes` from address 0; 0 if it cannot. */
__attribute__((export_name("room"))) int room(unsigned long bytes) {
  unsigned long have = __builtin_wasm_memory_size(0) * 65536ul;
  if (bytes <= have) return 1;
  return __builtin_wasm_memory_grow(0, (bytes - have + 65535) / 65536) != (unsigned long)-1;
}

/*
 * One radix-2 transform of n points, in place, over `count` interleaved runs: point i of run j
 * is at [i * step + j]. With count = 1 and step = 1 it is a row; with step = w and count = a
 * block of columns, the inner loop walks a row pair in memory order with one twiddle. Always
 * inlined: a row's call, with step and count 1, compiles without the inner loop.
 * `rev` is the bit reversal of n, `wr`/`wi` the twiddles of every stage (stage of size s at
 * [s/2 − 1, s − 1): cos and −sin), `sign` −1 for the inverse (without the 1/n scale).
 */
static inline __attribute__((always_inline)) void transform(double *re, double *im, int n, int step, int count, double sign, const unsigned *rev, const double *wr, const double *wi) {
  for (int i = 0; i < n; i++) {
    int j = (int)rev[i];
    if (j <= i) continue;
    double *restrict ar = re + i * step, *restrict br = re + j * step, *restrict ai = im + i * step, *restrict bi = im + j * step;
    for (int x = 0; x < count; x++) {
      double t = ar[x];
      ar[x] = br[x];
      br[x] = t;
      t = ai[x];
      ai[x] = bi[x];
      bi[x] = t;
    }
  }
  /* Stage of size 2: twiddle 1. */
  for (int s = 0; s + 1 < n; s += 2) {
    double *restrict ar = re + s * step, *restrict ai = im + s * step, *restrict br = ar + step, *restrict bi = ai + step;
    for (int x = 0; x < count; x++) {
      double xr = br[x], xi = bi[x];
      br[x] = ar[x] - xr;
      bi[x] = ai[x] - xi;
      ar[x] = ar[x] + xr;
      ai[x] = ai[x] + xi;
    }
  }
  for (int size = 4; size <= n; size *= 2) {
    int half = size / 2;
    for (int k = 0; k < half; k++) {
      double cr = wr[half - 1 + k], ci = sign * wi[half - 1 + k];
      for (int start = k; start < n; start += size) {
        double *restrict ar = re + start * step, *restrict ai = im + start * step, *restrict br = ar + half * step, *restrict bi = ai + half * step;
        for (int x = 0; x < count; x++) {
          double brx = br[x], bix = bi[x];
          double xr = brx * cr - bix * ci, xi = brx * ci + bix * cr;
          double arx = ar[x], aix = ai[x];
          br[x] = arx - xr;
          bi[x] = aix - xi;
          ar[x] = arx + xr;
          ai[x] = aix + xi;
        }
      }
    }
  }
}

/* Columns a block of them at a time (a block's rows stay in the cache through all stages). */
#define BLOCK 64

/*
 * 2D FFT of a w×h row-major array (powers of two), in place. Rows from `rows` up to the last
 * `tail` rows are zero and skipped. Tables: rev, wr, wi for w (`tw`) and for h (`th`), each
 * laid out as rev (n × 4 bytes), then wr and wi (n × 8 bytes each).
 */
__attribute__((export_name("fft2"))) void fft2(double *re, double *im, int w, int h, int inverse, int rows, int tail, const unsigned char *tw, const unsigned char *th) {
  double sign = inverse ? -1.0 : 1.0;
  const unsigned *revW = (const unsigned *)tw;
  const double *wrW = (const double *)(tw + 4 * w), *wiW = wrW + w;
  const unsigned *revH = (const unsigned *)th;
  const double *wrH = (const double *)(th + 4 * h), *wiH = wrH + h;
  for (int y = 0; y < h; y++)
    if (y < rows || y >= h - tail) transform(re + y * w, im + y * w, w, 1, 1, sign, revW, wrW, wiW);
  for (int x0 = 0; x0 < w; x0 += BLOCK) transform(re + x0, im + x0, h, w, w - x0 < BLOCK ? w - x0 : BLOCK, sign, revH, wrH, wiH);
}

/*
 * The fold's sums (sync.ts, `fold`): every `rowStep`-th row of the w×h residual `r`, each pixel
 * not exactly 0 added to the bin of its tile position. A bin's sum and count sit side by side
 * (`bins`: sum, count, sum, count…): one cache line for both. Bins per working pixel: (i00, i10)
 * along a row, (i01, i11) down; `big` keeps coordinates positive; `mask` = S − 1 for S×S bins.
 */
__attribute__((export_name("fold"))) void fold(const float *r, int w, int h, double i00, double i01, double i10, double i11, double big, int mask, int rowStep, double *bins) {
  int S = mask + 1;
  for (int y = 0; y < h; y += rowStep) {
    double py = y + 0.5;
    double uc = i00 * 0.5 + i01 * py + big;
    double tc = i10 * 0.5 + i11 * py + big;
    const float *row = r + (long)y * w;
    for (int x = 0; x < w; x++, uc += i00, tc += i10) {
      double v = row[x];
      if (v == 0) continue;
      /* Positive: truncation is the floor. */
      int u = (int)uc & mask;
      int t = (int)tc & mask;
      double *bin = bins + 2 * (t * S + u);
      bin[0] = bin[0] + v;
      bin[1] = bin[1] + 1;
    }
  }
}

/*
 * The pilot search of one fold (read.ts): the fold's spectrum (fr, fi) times the conjugate
 * spectrum of keyed patterns `first`, `first` + 1, …, `first` + `count` − 1, inversely
 * transformed, and each correlation's highest shift (sub-bin) and height in standard
 * deviations. More than one pattern: a pair per transform (2p, 2p + 1), each correlation is
 * real, so one rides in the real part and the other in the imaginary part (half the work of
 * the reader's costliest step). `tpl`: the patterns' spectra, pattern s's real part at
 * tpl + 2·s·S² and its imaginary part right after; `cr`, `ci`: room for S² values each; `out`:
 * du, dv and z of pattern first + k at out + 3·k.
 */
static void peak(const double *c, int S, double *out) {
  int n = S * S, best = 0;
  double s = 0, s2 = 0, top = c[0];
  for (int i = 0; i < n; i++) {
    double v = c[i];
    s = s + v;
    s2 = s2 + v * v;
    if (v > top) {
      best = i;
      top = v;
    }
  }
  double mean = s / n;
  double var = s2 / n - mean * mean;
  double sd = __builtin_sqrt(var < 1e-30 ? 1e-30 : var);
  int bu = best % S, bv = best / S;
  double l = c[bv * S + (bu + S - 1) % S], r = c[bv * S + (bu + 1) % S];
  double u = c[((bv + S - 1) % S) * S + bu], d = c[((bv + 1) % S) * S + bu];
  double ox = l - 2 * top + r < 0 ? (0.5 * (l - r)) / (l - 2 * top + r) : 0;
  double oy = u - 2 * top + d < 0 ? (0.5 * (u - d)) / (u - 2 * top + d) : 0;
  out[0] = bu + ox;
  out[1] = bv + oy;
  out[2] = (top - mean) / sd;
}

__attribute__((export_name("shifts"))) void shifts(const double *fr, const double *fi, int S, int first, int count, const double *tpl, double *cr, double *ci, const unsigned char *tables, double *out) {
  int n = S * S;
  if (count == 1) {
    const double *tRe = tpl + (long)2 * first * n, *tIm = tRe + n;
    for (int i = 0; i < n; i++) {
      double f = fr[i], g = fi[i];
      cr[i] = f * tRe[i] + g * tIm[i];
      ci[i] = g * tRe[i] - f * tIm[i];
    }
    fft2(cr, ci, S, S, 1, S, 0, tables, tables);
    peak(cr, S, out);
    return;
  }
  for (int k = 0; k + 1 < count; k += 2) {
    const double *aRe = tpl + (long)2 * (first + k) * n, *aIm = aRe + n, *bRe = aIm + n, *bIm = bRe + n;
    for (int i = 0; i < n; i++) {
      double f = fr[i], g = fi[i];
      double ar = f * aRe[i] + g * aIm[i];
      double ai = g * aRe[i] - f * aIm[i];
      double br = f * bRe[i] + g * bIm[i];
      double bi = g * bRe[i] - f * bIm[i];
      cr[i] = ar - bi;
      ci[i] = ai + br;
    }
    fft2(cr, ci, S, S, 1, S, 0, tables, tables);
    peak(cr, S, out + 3 * k);
    peak(ci, S, out + 3 * (k + 1));
  }
}

/* Math.max of five, as JavaScript has it for numbers that are not NaN. */
static inline double max5(double a, double b, double c, double d, double e) {
  double v = a;
  if (b > v) v = b;
  if (c > v) v = c;
  if (d > v) v = d;
  if (e > v) v = e;
  return v;
}

/*
 * The grid search's filtered autocorrelation (sync.ts, `gridCandidates`): the m×m `ac`'s 5×5
 * maxima, capped at 12, into `box`, separably through `rowMax`. Both must come zeroed: the two
 * rows and columns at each edge stay 0, as they always did.
 */
__attribute__((export_name("boxMax"))) void boxMax(const double *ac, int m, double *rowMax, double *box) {
  for (int y = 2; y < m - 2; y++)
    for (int x = 2; x < m - 2; x++) {
      long i = (long)y * m + x;
      rowMax[i] = max5(ac[i - 2], ac[i - 1], ac[i], ac[i + 1], ac[i + 2]);
    }
  for (int y = 2; y < m - 2; y++)
    for (int x = 2; x < m - 2; x++) {
      long i = (long)y * m + x;
      double v = max5(rowMax[i - 2 * m], rowMax[i - m], rowMax[i], rowMax[i + m], rowMax[i + 2 * m]);
      box[i] = v < 12 ? v : 12;
    }
}

/* Math.round: the nearest whole number, halves up (x ≥ f + 0.5 is exact where x − f is not). */
static inline double jsRound(double x) {
  double f = __builtin_floor(x);
  return x >= f + 0.5 ? f + 1 : f;
}

/*
 * Every near-square lattice of the grid search scored (sync.ts, `gridCandidates`): scales `ss`
 * (`ns`), turns `ts` (`nt` triples: degrees, cos, sin) and stretches `as` (`na`), in that
 * nesting; a lattice with at least 4 of its 12 nearest points within `reach` is written to
 * `out` as s, t, a and its score, the z-score of those points' filtered values in `box`. The
 * same operations in the same order as the JavaScript it replaced. Returns how many.
 */
__attribute__((export_name("gridScores"))) int gridScores(const double *box, int m, double reach, double bMean, double bSd, const double *ss, int ns, const double *ts, int nt, const double *as, int na, double *out) {
  static const int oi[12] = {1, 0, 1, 1, 2, 0, 2, 1, 2, 1, 2, 2};
  static const int oj[12] = {0, 1, 1, -1, 0, 2, 1, 2, -1, -2, 2, -2};
  int half = m / 2, count = 0;
  for (int si = 0; si < ns; si++) {
    double s = ss[si];
    for (int ti = 0; ti < nt; ti++) {
      double t = ts[3 * ti], c = ts[3 * ti + 1], sn = ts[3 * ti + 2];
      for (int ai = 0; ai < na; ai++) {
        double a = as[ai];
        double e1x = s * (1 + a / 2) * c;
        double e1y = s * (1 + a / 2) * sn;
        double e2x = -s * (1 - a / 2) * sn;
        double e2y = s * (1 - a / 2) * c;
        double sum = 0;
        int n = 0;
        for (int o = 0; o < 12; o++) {
          double i = oi[o], j = oj[o];
          double x = jsRound(i * e1x + j * e2x);
          double y = jsRound(i * e1y + j * e2y);
          if (x * x + y * y > reach * reach) continue;
          sum = sum + (box[(long)(y + half) * m + (long)x + half] - bMean);
          n++;
        }
        if (n >= 4) {
          double *o4 = out + 4 * count++;
          o4[0] = s;
          o4[1] = t;
          o4[2] = a;
          o4[3] = sum / (bSd * __builtin_sqrt((double)n));
        }
      }
    }
  }
  return count;
}

/*
 * Running-mean box blur of radius r along both axes (kernel.ts, `kernelBlur`): rows into `tmp`,
 * then columns into `out`, a row at a time with every column's running sum in `cols` (w
 * doubles). Sums in doubles, each value stored as a float, as the JavaScript's Float32Arrays.
 */
__attribute__((export_name("blur"))) void blur(const float *src, int w, int h, int r, float *tmp, double *cols, float *out) {
  for (int y = 0; y < h; y++) {
    const float *row = src + (long)y * w;
    float *t = tmp + (long)y * w;
    double s = 0;
    int n = 0;
    for (int x = 0; x < (w < r ? w : r); x++, n++) s = s + row[x];
    for (int x = 0; x < w; x++) {
      if (x + r < w) {
        s = s + row[x + r];
        n++;
      }
      if (x - r - 1 >= 0) {
        s = s - row[x - r - 1];
        n--;
      }
      t[x] = (float)(s / n);
    }
  }
  for (int x = 0; x < w; x++) cols[x] = 0;
  int n = 0;
  for (int y = 0; y < (h < r ? h : r); y++, n++)
    for (int x = 0; x < w; x++) cols[x] = cols[x] + tmp[(long)y * w + x];
  for (int y = 0; y < h; y++) {
    const float *add = y + r < h ? tmp + (long)(y + r) * w : 0;
    const float *drop = y - r - 1 >= 0 ? tmp + (long)(y - r - 1) * w : 0;
    if (add) n++;
    if (drop) n--;
    float *o = out + (long)y * w;
    for (int x = 0; x < w; x++) {
      double v = cols[x];
      if (add) v = v + add[x];
      if (drop) v = v - drop[x];
      cols[x] = v;
      o[x] = (float)(v / n);
    }
  }
}

/*
 * The residual (plane.ts, `residual`): the plane minus its smooth part (two blurs of radius 2),
 * times 3 / (c + 1.5)² where c is the local contrast (the root of a blur of radius 6 of its
 * square), clipped to ±2.5, into `r`. `a`, `b`, `tmp`: room for w×h floats each; `cols`: w
 * doubles.
 */
__attribute__((export_name("residual"))) void residual(const float *data, int w, int h, float *r, float *a, float *b, float *tmp, double *cols) {
  long n = (long)w * h;
  blur(data, w, h, 2, tmp, cols, a);
  blur(a, w, h, 2, tmp, cols, b);
  for (long i = 0; i < n; i++) r[i] = (float)((double)data[i] - (double)b[i]);
  for (long i = 0; i < n; i++) a[i] = (float)((double)r[i] * (double)r[i]);
  blur(a, w, h, 6, tmp, cols, b);
  for (long i = 0; i < n; i++) {
    double e = b[i];
    double d = __builtin_sqrt(e > 0 ? e : 0) + 1.5;
    double v = (double)r[i] * 3 / (d * d);
    r[i] = (float)(v > 2.5 ? 2.5 : v < -2.5 ? -2.5 : v);
  }
}

/*
 * The residual's whitened autocorrelation (sync.ts, `autocorrelation`): the w×h residual `r`
 * tapered at its edges (`tx`, `ty`: each column's and row's factor) and zero-padded to m×m,
 * transformed; its power divided by the power's local mean (a blur of radius 3); only the
 * trace's band kept, each frequency weighted by `band` (folded frequencies x', y' < `nb`: at
 * y'·nb + x'; 0 from `limit` of the sampling rate up); transformed back (only `keep` rows at
 * each end are not zero) and centred into `ac`. `re`, `im`: m² doubles; `power`, `local`,
 * `tmp`: m² floats; `cols`: m doubles; `tables`: the transform's (see fft2).
 */
__attribute__((export_name("autocorr"))) void autocorr(const float *r, int w, int h, const double *tx, const double *ty, int m, double *re, double *im, float *power, float *local, float *tmp, double *cols, const double *band, int nb, double limit, int keep, const unsigned char *tables, double *ac) {
  long n = (long)m * m;
  for (long i = 0; i < n; i++) re[i] = im[i] = 0;
  for (int y = 0; y < h; y++) {
    double t = ty[y];
    for (int x = 0; x < w; x++) re[(long)y * m + x] = (double)r[(long)y * w + x] * t * tx[x];
  }
  fft2(re, im, m, m, 0, h, 0, tables, tables);
  for (long i = 0; i < n; i++) power[i] = (float)(re[i] * re[i] + im[i] * im[i]);
  blur(power, m, m, 3, tmp, cols, local);
  for (long i = 0; i < n; i++) {
    double l = local[i];
    re[i] = (double)power[i] / (l + 1e-9 * (l + 1));
    im[i] = 0;
  }
  re[0] = 0;
  for (int y = 0; y < m; y++) {
    int yy = y <= m / 2 ? y : m - y;
    double fy = (double)yy / m;
    for (int x = 0; x < m; x++) {
      int xx = x <= m / 2 ? x : m - x;
      double fx = (double)xx / m;
      long i = (long)y * m + x;
      re[i] = fy >= limit || fx >= limit ? 0 : re[i] * band[(long)yy * nb + xx];
    }
  }
  fft2(re, im, m, m, 1, keep, keep, tables, tables);
  int half = m / 2;
  for (int y = 0; y < m; y++)
    for (int x = 0; x < m; x++) ac[(long)((y + half) % m) * m + (x + half) % m] = re[(long)y * m + x];
}
