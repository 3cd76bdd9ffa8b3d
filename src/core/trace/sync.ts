// Synchronisation. The tile repeats, so the picture's autocorrelation has peaks on the tile's
// lattice, wherever the picture was cropped and however it was scaled, turned or stretched:
// two lattice vectors give scale, rotation, aspect and shear at once. Folding the picture onto
// one tile along that lattice adds up every repetition; the keyed pilot cells then show where
// the tile starts (a cyclic correlation over every shift).
import { table } from './fft.ts';
import { kernelAutocorrelation, kernelFold, kernelGrid, type Band } from './kernel.ts';

export type Vec = [number, number];

export interface Lattice {
  /** Where the tile's u and v edges (N cells each) land, working pixels. */
  e1: Vec;
  e2: Vec;
  /** Mean autocorrelation on the lattice, in standard deviations of the background. */
  score: number;
}

/**
 * Highest spatial frequency (cycles a working pixel) the lattice search looks at. The trace is
 * ±1 cells interpolated bilinearly: its power lies below ~0.75 cycles a cell, and the working
 * plane (≤ 1024 px) keeps cells ≥ 3.4 px for any picture of ≥ 1024 px, whole, and larger in
 * crops (4–5 px in the heavy chains; measured on photos clean, halved and after the chains:
 * none of it above 0.8 / cell). Above, there is only the scene, the JPEG blocks and noise,
 * whitened to the same level as the trace's band: 0.2 keeps ~1/8 of the spectrum's area,
 * and the trace lattice on a busy cloth went from below the cloth's own repeats to first.
 * Cells smaller than 3.75 px lose some of their band, not all (a 2.1 px cell reads the same).
 */
export const TRACE_BAND = 0.2;

/** Weight of the whitened spectrum at frequency f (cycles/px): 1, then a cosine to 0 at the band's edge. */
export function bandWeight(f: number, band = TRACE_BAND): number {
  const knee = 0.7 * band;
  if (f <= knee) return 1;
  if (f >= band) return 0;
  return 0.5 + 0.5 * Math.cos((Math.PI * (f - knee)) / (band - knee));
}

const nextPow2 = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(2, n)));

/**
 * Autocorrelation of the residual (zero-padded, edges tapered), normalised to z-scores of its
 * own spread in the search ring. Returned centred: lag (dx, dy) at ((dy+M/2)·M + dx+M/2).
 */
export function autocorrelation(r: Float32Array, w: number, h: number, maxLag: number): { ac: Float64Array; m: number } {
  // Circular: lags wrap round the square. Padding to twice the size would be cleaner but costs
  // four times as much; the wrapped pairs only add a little noise (random phases).
  const m = nextPow2(Math.max(w, h));
  const taper = (i: number, n: number) => {
    const e = Math.min(i, n - 1 - i);
    return e >= 24 ? 1 : 0.5 - 0.5 * Math.cos((Math.PI * (e + 0.5)) / 24);
  };
  const tx = Float64Array.from({ length: w }, (_, x) => taper(x, w));
  const ty = Float64Array.from({ length: h }, (_, y) => taper(y, h));
  // In WebAssembly (read.c, `autocorr`): the tapered residual transformed, then spectral
  // whitening: the power divided by its local average. The tile's spectrum is a set of sharp
  // lines (it repeats), which stand out; the picture's own spectrum is smooth or spread along
  // ridges (wood grain, lines of text), which this flattens, so its autocorrelation shrinks to
  // a spike at zero lag instead of ridges that hide the lattice. Then only the band the trace
  // lives in: the rest of the spectrum is the scene's (and JPEG's) alone, and the whitening
  // made it as loud as the band (see TRACE_BAND). Transformed back, centred.
  const ac = kernelAutocorrelation(r, w, h, tx, ty, m, bandOf(m), Math.ceil(TRACE_BAND * m), table);
  return { ac, m };
}

const bands = new Map<number, Band>();

/** The band's weights for an m-point transform, by folded frequency (made in JavaScript: Math.hypot and Math.cos), once. */
function bandOf(m: number): Band {
  let b = bands.get(m);
  if (b) return b;
  let nb = 0;
  while (nb <= m / 2 && nb / m < TRACE_BAND) nb++;
  const weights = new Float64Array(nb * nb);
  for (let yy = 0; yy < nb; yy++) for (let xx = 0; xx < nb; xx++) weights[yy * nb + xx] = bandWeight(Math.hypot(xx / m, yy / m));
  b = { weights, nb, limit: TRACE_BAND };
  bands.set(m, b);
  return b;
}

interface Peak {
  x: number;
  y: number;
  v: number;
}

/** Bilinear read of the centred autocorrelation at lag (x, y). */
function at(ac: Float64Array, m: number, x: number, y: number): number {
  const fx = x + m / 2;
  const fy = y + m / 2;
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  if (x0 < 0 || y0 < 0 || x0 >= m - 1 || y0 >= m - 1) return 0;
  const tx = fx - x0;
  const ty = fy - y0;
  const i = y0 * m + x0;
  return (ac[i]! * (1 - tx) + ac[i + 1]! * tx) * (1 - ty) + (ac[i + m]! * (1 - tx) + ac[i + m + 1]! * tx) * ty;
}

/** Highest value within ±1 px of a lag (lattice points predicted from a rough basis). */
function near(ac: Float64Array, m: number, x: number, y: number): number {
  let best = -Infinity;
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) best = Math.max(best, at(ac, m, Math.round(x) + dx, Math.round(y) + dy));
  return best;
}

/**
 * The tile lattice: candidate pairs among the strongest local maxima, scored by the mean
 * z-score over their lattice points; among pairs scoring close to the best, the densest
 * (a sub-lattice of the true one scores as well, its points being peaks too). Then refined by
 * least squares on every lattice point's sub-pixel peak.
 */
export function findLattices(r: Float32Array, w: number, h: number, minLag: number, maxLag: number, count = 5): Lattice[] {
  const { ac, m } = autocorrelation(r, w, h, maxLag);
  const half = m / 2;
  const reach = Math.min(maxLag * 2.2, Math.max(w, h) * 0.75, half - 2);
  // Background spread in the ring the lattice points live in; the ring's mean removed.
  let s = 0;
  let s2 = 0;
  let n = 0;
  for (let y = -Math.floor(reach); y <= reach; y += 2)
    for (let x = -Math.floor(reach); x <= reach; x += 2) {
      const d = Math.hypot(x, y);
      if (d < minLag * 0.8 || d > reach) continue;
      const v = ac[(y + half) * m + x + half]!;
      s += v;
      s2 += v * v;
      n++;
    }
  const mean = s / n;
  const sd = Math.sqrt(Math.max(1e-30, s2 / n - mean * mean));
  for (let i = 0; i < ac.length; i++) ac[i] = (ac[i]! - mean) / sd;

  // Local maxima in the upper half plane (the autocorrelation is symmetric).
  const peaks: Peak[] = [];
  const R = Math.floor(maxLag);
  for (let y = 0; y <= R; y++)
    for (let x = -R; x <= R; x++) {
      if (y === 0 && x <= 0) continue;
      const d = Math.hypot(x, y);
      if (d < minLag || d > maxLag) continue;
      const i = (y + half) * m + x + half;
      const v = ac[i]!;
      if (v < 3) continue;
      let top = true;
      for (let dy = -2; dy <= 2 && top; dy++) for (let dx = -2; dx <= 2; dx++) if ((dx || dy) && ac[i + dy * m + dx]! > v) top = false;
      if (top) peaks.push({ x, y, v });
    }
  peaks.sort((a, b) => b.v - a.v);
  const top = peaks.slice(0, 24);
  const st = nearStats(ac, m, minLag, reach);

  const candidates: { a: Vec; b: Vec; score: number; det: number }[] = [];
  for (let i = 0; i < top.length; i++)
    for (let j = i + 1; j < top.length; j++) {
      const a: Vec = [top[i]!.x, top[i]!.y];
      const b: Vec = [top[j]!.x, top[j]!.y];
      const det = Math.abs(a[0] * b[1] - a[1] * b[0]);
      if (det < minLag * minLag * 0.5) continue;
      const [ra, rb] = reduce(a, b);
      candidates.push({ a: ra, b: rb, det, score: latticeScore(ac, m, ra, rb, reach, st) });
    }
  // Lattices too weak for their points to stand out one by one (busy pictures, heavy
  // attacks) still show when a dozen points are added up: a search over the transforms a
  // leaked copy plausibly went through (any scale, ±6° of rotation, ±8 % of aspect).
  for (const g of gridCandidates(ac, m, minLag, maxLag, reach)) {
    let [a, b] = refine(ac, m, g[0], g[1], Math.min(reach, 2.3 * Math.max(Math.hypot(...g[0]), Math.hypot(...g[1]))));
    [a, b] = reduce(...refine(ac, m, a, b, reach));
    const det = Math.abs(a[0] * b[1] - a[1] * b[0]);
    if (det >= minLag * minLag * 0.5) candidates.push({ a, b, det, score: latticeScore(ac, m, a, b, reach, st) });
  }
  if (!candidates.length) return [];
  candidates.sort((x, y) => y.score - x.score);
  const out: Lattice[] = [];
  const used: { a: Vec; b: Vec }[] = [];
  for (const pick of candidates) {
    if (out.length >= count || pick.score < 2) break;
    if (used.some((u) => same(u.a, u.b, pick.a, pick.b))) continue;
    used.push(pick);
    let refined = refine(ac, m, pick.a, pick.b, reach);
    let score = latticeScore(ac, m, refined[0], refined[1], reach, st);
    // A vector twice too long (every other repetition found): halving it scores higher.
    for (let k = 0; k < 2; k++) {
      const halves: [Vec, Vec][] = [
        [[refined[0][0] / 2, refined[0][1] / 2], refined[1]],
        [refined[0], [refined[1][0] / 2, refined[1][1] / 2]],
      ];
      const better = halves
        .filter((h) => Math.hypot(...h[0]) >= minLag && Math.hypot(...h[1]) >= minLag)
        .map((h) => reduce(...h))
        .find((h) => latticeScore(ac, m, h[0], h[1], reach, st) > score);
      if (!better) break;
      refined = refine(ac, m, better[0], better[1], reach);
      score = latticeScore(ac, m, refined[0], refined[1], reach, st);
    }
    // Two picks can refine to the same lattice: one try is enough.
    if (out.some((o) => same(o.e1, o.e2, refined[0], refined[1]))) continue;
    out.push({ ...orient(refined[0], refined[1]), score });
  }
  return out;
}

/**
 * Near-square lattices (the tile as embedded, turned by θ, stretched by a), scored by the mean
 * of the autocorrelation's local maxima (±2 px) at their 12 nearest points; the best few.
 */
function gridCandidates(ac: Float64Array, m: number, minLag: number, maxLag: number, reach: number): [Vec, Vec][] {
  const half = m / 2;
  // Noise level of the filtered values, to add up points as z-scores.
  const noise = (box: Float64Array) => ringLevel(minLag, reach, 5, (x, y) => box[(y + half) * m + x + half]!);
  // The candidates (~140,000 of them), scored in WebAssembly (read.c): the points predicted
  // from a lattice are looked up in the autocorrelation's 5×5 maxima (a predicted point may
  // miss its peak by a pixel or two), capped at 12, as z-scores of their level.
  const ss: number[] = [];
  for (let s = minLag; s <= maxLag; s *= 1.005) ss.push(s);
  const ts: number[] = [];
  for (let t = -6; t <= 6.001; t += 0.4) ts.push(t, Math.cos((t * Math.PI) / 180), Math.sin((t * Math.PI) / 180));
  const as: number[] = [];
  for (let a = -0.08; a <= 0.0801; a += 0.02) as.push(a);
  const found = kernelGrid(ac, m, noise, { ss: Float64Array.from(ss), ts: Float64Array.from(ts), as: Float64Array.from(as), reach });
  const count = found.length / 4;
  const cs = new Float64Array(count);
  const ct = new Float64Array(count);
  const ca = new Float64Array(count);
  const score: number[] = new Array<number>(count);
  for (let k = 0; k < count; k++) {
    cs[k] = found[4 * k]!;
    ct[k] = found[4 * k + 1]!;
    ca[k] = found[4 * k + 2]!;
    score[k] = found[4 * k + 3]!;
  }
  const out: [Vec, Vec][] = [];
  const kept: number[] = [];
  for (const f of highestFirst(score, 8192)) {
    if (kept.length >= 6) break;
    if (kept.some((k) => Math.abs(Math.log(cs[k]! / cs[f]!)) < 0.03 && Math.abs(ct[k]! - ct[f]!) < 1.5)) continue;
    kept.push(f);
    const [s, t, a] = [cs[f]!, ct[f]!, ca[f]!];
    const c = Math.cos((t * Math.PI) / 180);
    const sn = Math.sin((t * Math.PI) / 180);
    out.push([
      [s * (1 + a / 2) * c, s * (1 + a / 2) * sn],
      [-s * (1 - a / 2) * sn, s * (1 - a / 2) * c],
    ]);
  }
  return out;
}

/**
 * Indices of `score` from the highest, ties in index order (what a stable sort gives). Only the
 * best `first` are sorted unless more are asked for, their cut found by selection: sorting all
 * ~140,000 grid candidates cost more than scoring them, and the search takes a few hundred.
 */
export function* highestFirst(score: number[], first: number): Generator<number> {
  const sorted = (list: number[]) => list.sort((i, j) => score[j]! - score[i]! || i - j);
  const all = score.map((_, i) => i);
  if (score.length <= first) return yield* sorted(all);
  // Every index at or above the cut comes before every one below it.
  const cut = kthSmallest(Float64Array.from(score), score.length - first);
  yield* sorted(all.filter((i) => score[i]! >= cut));
  yield* sorted(all.filter((i) => score[i]! < cut));
}

/** The k-th smallest (from 0) of `values`, which it reorders: Hoare's selection, no full sort. */
export function kthSmallest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

const same = (a: Vec, b: Vec, c: Vec, d: Vec) => {
  const close = (p: Vec, q: Vec) => Math.hypot(p[0] - q[0], p[1] - q[1]) < 3 || Math.hypot(p[0] + q[0], p[1] + q[1]) < 3;
  return (close(a, c) && close(b, d)) || (close(a, d) && close(b, c));
};

/** Lagrange–Gauss reduction: the two shortest vectors of the lattice. */
function reduce(a: Vec, b: Vec): [Vec, Vec] {
  let u: Vec = [...a];
  let v: Vec = [...b];
  const n2 = (p: Vec) => p[0] * p[0] + p[1] * p[1];
  for (let k = 0; k < 20; k++) {
    if (n2(u) > n2(v)) [u, v] = [v, u];
    const mu = Math.round((u[0] * v[0] + u[1] * v[1]) / n2(u));
    if (mu === 0) break;
    v = [v[0] - mu * u[0], v[1] - mu * u[1]];
  }
  return [u, v];
}

function latticePoints(a: Vec, b: Vec, reach: number): { i: number; j: number; x: number; y: number }[] {
  const pts = [];
  for (let i = -8; i <= 8; i++)
    for (let j = -8; j <= 8; j++) {
      if (!i && !j) continue;
      const x = i * a[0] + j * b[0];
      const y = i * a[1] + j * b[1];
      // Upper half plane only: the other half mirrors it.
      if (y < 0 || (y === 0 && x < 0)) continue;
      if (Math.hypot(x, y) > reach) continue;
      pts.push({ i, j, x, y });
    }
  return pts;
}

/** Noise level of near(): its mean and spread over lags where no lattice is expected to sit. */
interface NearStats {
  mean: number;
  sd: number;
}

const nearStats = (ac: Float64Array, m: number, minLag: number, reach: number): NearStats => ringLevel(minLag, reach, 7, (x, y) => Math.min(12, near(ac, m, x, y)));

/**
 * Mean and spread of `value` at lags in the upper half of the ring minLag…reach, every `step`
 * pixels (where, apart from a few, no lattice point sits).
 */
function ringLevel(minLag: number, reach: number, step: number, value: (x: number, y: number) => number): NearStats {
  let s = 0;
  let s2 = 0;
  let n = 0;
  for (let y = 1; y <= reach; y += step)
    for (let x = -Math.floor(reach); x <= reach; x += step) {
      const d = Math.hypot(x, y);
      if (d < minLag || d > reach) continue;
      const v = value(x, y);
      s += v;
      s2 += v * v;
      n++;
    }
  const mean = s / Math.max(1, n);
  return { mean, sd: Math.sqrt(Math.max(1e-9, s2 / Math.max(1, n) - mean * mean)) };
}

/**
 * How far the lattice's points stand above noise, all together: Σ(v − mean)/(sd·√n). Denser
 * wrong lattices (half of their points on noise) and sparser ones (fewer points) both score
 * lower than the true one.
 */
function latticeScore(ac: Float64Array, m: number, a: Vec, b: Vec, reach: number, st: NearStats): number {
  const pts = latticePoints(a, b, reach);
  if (pts.length < 3) return 0;
  let sum = 0;
  for (const p of pts) sum += Math.min(12, near(ac, m, p.x, p.y)) - st.mean;
  return sum / (st.sd * Math.sqrt(pts.length));
}

/** Least squares on sub-pixel peak positions: far points pin the vectors down to ~0.05 px. */
function refine(ac: Float64Array, m: number, a: Vec, b: Vec, reach: number): [Vec, Vec] {
  let A: Vec = a;
  let B: Vec = b;
  for (let pass = 0; pass < 2; pass++) {
    let sii = 0,
      sij = 0,
      sjj = 0,
      six = 0,
      sjx = 0,
      siy = 0,
      sjy = 0;
    for (const p of latticePoints(A, B, reach)) {
      // The local maximum near the prediction, then a parabola through its neighbours.
      let bx = Math.round(p.x);
      let by = Math.round(p.y);
      let bv = at(ac, m, bx, by);
      for (let dy = -2; dy <= 2; dy++)
        for (let dx = -2; dx <= 2; dx++) {
          const v = at(ac, m, Math.round(p.x) + dx, Math.round(p.y) + dy);
          if (v > bv) ((bv = v), (bx = Math.round(p.x) + dx), (by = Math.round(p.y) + dy));
        }
      if (bv < 2.5) continue;
      const l = at(ac, m, bx - 1, by),
        r = at(ac, m, bx + 1, by),
        u = at(ac, m, bx, by - 1),
        d = at(ac, m, bx, by + 1);
      const ox = l - 2 * bv + r < 0 ? (0.5 * (l - r)) / (l - 2 * bv + r) : 0;
      const oy = u - 2 * bv + d < 0 ? (0.5 * (u - d)) / (u - 2 * bv + d) : 0;
      const x = bx + Math.max(-0.5, Math.min(0.5, ox));
      const y = by + Math.max(-0.5, Math.min(0.5, oy));
      const wgt = Math.min(bv, 10);
      sii += wgt * p.i * p.i;
      sij += wgt * p.i * p.j;
      sjj += wgt * p.j * p.j;
      six += wgt * p.i * x;
      sjx += wgt * p.j * x;
      siy += wgt * p.i * y;
      sjy += wgt * p.j * y;
    }
    const det = sii * sjj - sij * sij;
    if (Math.abs(det) < 1e-9) break;
    A = [(sjj * six - sij * sjx) / det, (sjj * siy - sij * sjy) / det];
    B = [(sii * sjx - sij * six) / det, (sii * sjy - sij * siy) / det];
  }
  return [A, B];
}

/** e1 the vector closest to +x, e2 the other, signed towards +y (no mirror images). */
function orient(a: Vec, b: Vec): { e1: Vec; e2: Vec } {
  const angle = (p: Vec) => Math.abs(Math.atan2(p[1], p[0]));
  const options: [Vec, Vec][] = [
    [a, b],
    [[-a[0], -a[1]], b],
    [b, a],
    [[-b[0], -b[1]], a],
  ];
  let best = options[0]!;
  for (const o of options) if (angle(o[0]) < angle(best[0])) best = o;
  const [e1, e2] = best;
  return { e1, e2: e2[1] < 0 ? [-e2[0], -e2[1]] : e2 };
}

/**
 * The residual folded onto one tile: S×S bins (S = N·sub), each the mean of the working pixels
 * whose tile position falls in it. Tile position of pixel p: N·B⁻¹·p, modulo N. The residual
 * stays in the kernel's memory from one fold to the next while it is the same array: it must
 * not change during a read.
 */
export function fold(r: Float32Array, w: number, h: number, l: Lattice, n: number, sub: number, rowStep = 1): Float64Array {
  const S = n * sub;
  const det = l.e1[0] * l.e2[1] - l.e2[0] * l.e1[1];
  // Inverse of [e1 e2] (columns), times S: bins per working pixel.
  const i00 = (l.e2[1] / det) * S;
  const i01 = (-l.e2[0] / det) * S;
  const i10 = (-l.e1[1] / det) * S;
  const i11 = (l.e1[0] / det) * S;
  // The bins are WebAssembly (read.c: this runs ~200 times a read). It offsets coordinates by
  // a multiple of S so every one is positive (truncation is then the floor) and takes the
  // modulo as a mask: S must be a power of two (the trace's 64).
  if (S & (S - 1)) throw new Error(`fold: ${S} bins a side is not a power of two`);
  const sum = kernelFold(r, w, h, [i00, i01, i10, i11], S * 1e4, rowStep, S * S);
  let mean = 0;
  for (let i = 0; i < sum.length; i++) mean += sum[i]!;
  mean /= sum.length;
  for (let i = 0; i < sum.length; i++) sum[i] = sum[i]! - mean;
  return sum;
}

/** Energy of the folded tile: largest when the lattice is exact and every repetition adds up. */
function foldEnergy(r: Float32Array, w: number, h: number, l: Lattice, n: number): number {
  const f = fold(r, w, h, l, n, 2, 2);
  let e = 0;
  for (let i = 0; i < f.length; i++) e += f[i]! * f[i]!;
  return e;
}

/**
 * Fine-tunes a lattice by coordinate ascent of the fold's energy (keyless): an error of 0.3 %
 * in the period drifts by a whole cell over seven repetitions and blurs the fold away.
 */
export function polish(r: Float32Array, w: number, h: number, l: Lattice, n: number): Lattice {
  return ascend(l, (x) => foldEnergy(r, w, h, x, n), 0.003, 3);
}

/**
 * Coordinate ascent of `objective` over the lattice's four coordinates, in steps of `first`
 * of a vector's length, halved down to a quarter of it; at most `passes` rounds a step.
 */
export function ascend(l: Lattice, objective: (l: Lattice) => number, first: number, passes: number): Lattice {
  let cur = l;
  let best = objective(cur);
  for (let step = first; step >= first / 4 - 1e-12; step /= 2) {
    for (let pass = 0; pass < passes; pass++) {
      let moved = false;
      for (let k = 0; k < 4; k++)
        for (const sign of [1, -1]) {
          const v = [cur.e1[0], cur.e1[1], cur.e2[0], cur.e2[1]];
          const len = k < 2 ? Math.hypot(...cur.e1) : Math.hypot(...cur.e2);
          v[k] = v[k]! + sign * step * len;
          const next: Lattice = { e1: [v[0]!, v[1]!], e2: [v[2]!, v[3]!], score: cur.score };
          const e = objective(next);
          if (e > best) {
            best = e;
            cur = next;
            moved = true;
          }
        }
      if (!moved) break;
    }
  }
  return cur;
}
