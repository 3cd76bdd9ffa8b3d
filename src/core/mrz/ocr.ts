import { otsu, paperSample, type Grey, type Rect } from '../raster/grey.ts';
// Reads the characters of a machine-readable zone from grey pixels. MRZs are printed in OCR-B,
// a fixed standard font, with 37 possible characters (A–Z, 0–9, <) at a fixed pitch: so the band
// is found, levelled, cut into lines and then into exactly 30, 36 or 44 cells, and each cell is
// compared with templates of every character (nearest by correlation). The templates
// (glyphs.ts) are made by tools/build/make-mrz-glyphs.ts from rendered fonts through this same code.
// Pure: the browser (or a test) provides the pixels.
import { findBands } from '../document/mrz-band.ts';

export const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';
/** A cell becomes a GW × GH picture of ink (0..1). */
export const GW = 16;
export const GH = 24;

/**
 * A w × h picture whose centre is (cx, cy) of `g`, turned by `angle` (radians, so that a line
 * tilted by `angle` comes out level), `scale` source pixels per output pixel: each pixel
 * sampled bilinearly, 255 (paper) outside. The band search warps the picture at 20 angles, so
 * this is the reader's costliest loop: its sample (paperSample) truncates rather than floors
 * per sample, the same pixels (tests/unit/warp.test.ts), and in Chromium 156 the read of
 * a 640 × 480 photo took 65–103 ms in the MRZ worker instead of 102–142.
 */
export function warp(g: Grey, cx: number, cy: number, angle: number, w: number, h: number, scale: number): Grey {
  const out = new Float32Array(w * h);
  const c = Math.cos(angle) * scale;
  const s = Math.sin(angle) * scale;
  const { width: W, height: H, data: d } = g;
  for (let v = 0; v < h; v++) {
    const dv = v - h / 2;
    let x = cx - (w / 2) * c - dv * s;
    let y = cy - (w / 2) * s + dv * c;
    for (let u = 0, o = v * w; u < w; u++, o++, x += c, y += s) out[o] = paperSample(d, W, H, x, y);
  }
  return { width: w, height: h, data: out };
}

/** Area-averaged copy at most `maxSide` on its long side. */
export function shrink(g: Grey, maxSide: number): Grey {
  const f = Math.max(1, Math.ceil(Math.max(g.width, g.height) / maxSide));
  if (f === 1) return g;
  const w = Math.floor(g.width / f);
  const h = Math.floor(g.height / f);
  const out = new Float32Array(w * h);
  // `| 0`, not Math.floor, for the index: the same for these non-negative numbers, and faster
  // in Chromium (see warp).
  for (let y = 0; y < h * f; y++) {
    const row = y * g.width;
    const o = ((y / f) | 0) * w;
    for (let x = 0; x < w * f; x++) out[o + ((x / f) | 0)]! += g.data[row + x]!;
  }
  const n = f * f;
  for (let i = 0; i < out.length; i++) out[i]! /= n;
  return { width: w, height: h, data: out };
}

/** Ink (1) where darker than its strip's Otsu threshold: strips follow uneven light. */
export function binarize(g: Grey, strips = 12): Uint8Array {
  const ink = new Uint8Array(g.width * g.height);
  const sw = Math.ceil(g.width / strips);
  for (let s = 0; s < strips; s++) {
    const from = s * sw;
    const to = Math.min(g.width, from + sw);
    if (from >= to) break;
    const strip = new Float32Array((to - from) * g.height);
    for (let y = 0, k = 0; y < g.height; y++) for (let x = from; x < to; x++) strip[k++] = g.data[y * g.width + x]!;
    const t = otsu({ width: to - from, height: g.height, data: strip });
    // A strip of plain paper has no ink: its "threshold" would split the paper's noise.
    let lo = 255;
    let hi = 0;
    for (let y = 0; y < g.height; y++)
      for (let x = from; x < to; x++) {
        const v = g.data[y * g.width + x]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    if (hi - lo < 40) continue;
    for (let y = 0; y < g.height; y++) for (let x = from; x < to; x++) ink[y * g.width + x] = g.data[y * g.width + x]! <= t ? 1 : 0;
  }
  return ink;
}

/** Runs of rows holding ink: the text lines of a levelled band. */
export function findLines(ink: Uint8Array, w: number, h: number): { top: number; bottom: number }[] {
  // Changes between ink and paper along each row: text rows have many, a dark background none.
  const prof = new Float64Array(h);
  for (let y = 0; y < h; y++) {
    let n = 0;
    for (let x = 1; x < w; x++) n += ink[y * w + x]! !== ink[y * w + x - 1]! ? 1 : 0;
    prof[y] = n;
  }
  const max = Math.max(...prof);
  if (!max) return [];
  const runs: { top: number; bottom: number }[] = [];
  for (let y = 0; y < h; y++) {
    if (prof[y]! < max * 0.2) continue;
    const last = runs[runs.length - 1];
    if (last && y - last.bottom <= 2) last.bottom = y;
    else runs.push({ top: y, bottom: y });
  }
  const tallest = Math.max(...runs.map((r) => r.bottom - r.top));
  const lines = runs.filter((r) => r.bottom - r.top >= tallest * 0.5);
  // The tops and bottoms of letters have few changes: grow each line over them.
  lines.forEach((r, i) => {
    const above = i > 0 ? lines[i - 1]!.bottom + 1 : 0;
    const below = i < lines.length - 1 ? lines[i + 1]!.top - 1 : h - 1;
    const grow = Math.ceil((r.bottom - r.top + 1) * 0.2);
    const [t, b] = [r.top, r.bottom];
    while (r.top > Math.max(above, t - grow) && prof[r.top - 1]! > max * 0.05) r.top--;
    while (r.bottom < Math.min(below, b + grow) && prof[r.bottom + 1]! > max * 0.05) r.bottom++;
  });
  return lines;
}

/** Where the ink's edges are (not ink: dark backgrounds have none), as x, y pairs. */
function inkEdges(ink: Uint8Array, w: number, h: number): Int32Array {
  const at: number[] = [];
  for (let y = 0; y < h; y++) for (let x = 1; x < w; x++) if (ink[y * w + x] !== ink[y * w + x - 1]) at.push(x, y);
  return Int32Array.from(at);
}

/** Sum of squared row totals of ink edges when sheared by `slope`: highest when lines are
 * level. The edges are found once for all the slopes tried. */
function levelScore(edges: Int32Array, w: number, h: number, slope: number): number {
  const prof = new Float64Array(h + 2 * Math.ceil(Math.abs(slope) * w) + 2);
  const off = Math.ceil(Math.abs(slope) * w) + 1;
  for (let k = 0; k < edges.length; k += 2) prof[Math.round(edges[k + 1]! - (edges[k]! - w / 2) * slope) + off]!++;
  let s = 0;
  for (const v of prof) s += v * v;
  return s;
}

export interface Cell {
  /** GW × GH ink picture, mean removed and unit length (for correlation). */
  feature: Float32Array;
}

/** Cuts a line into `n` cells at a fixed pitch, fitted so that cell borders fall between glyphs. */
export interface CutLine {
  cells: Cell[];
  /** Left border of the first cell and the pitch: the lines of a zone share them. */
  o: number;
  p: number;
}

export function cutLine(ink: Uint8Array, w: number, line: { top: number; bottom: number }, n: number, fixed?: { o: number; p: number }): CutLine | undefined {
  const lh = line.bottom - line.top + 1;
  const h = ink.length / w;
  const top = Math.max(0, line.top - Math.round(lh * 0.1));
  const bottom = Math.min(h - 1, line.bottom + Math.round(lh * 0.1));
  const col = new Float64Array(w);
  for (let y = top; y <= bottom; y++) for (let x = 0; x < w; x++) col[x]! += ink[y * w + x]!;
  // Text columns have ink between the line's top and bottom only; the background beyond the
  // document's edge, or a neighbouring line, reaches the rows just outside.
  const outside = (x: number) => ink[top * w + x]! + ink[bottom * w + x]! + (top > 0 ? ink[(top - 1) * w + x]! : 0) + (bottom < h - 1 ? ink[(bottom + 1) * w + x]! : 0);
  const text = (x: number) => col[x]! >= 2 && outside(x) === 0;
  // The line: the longest stretch of text columns without a gap wider than a character (a zone
  // has no spaces; paper margins part it from the background and the rest of the document).
  const gapMax = lh * 1.2;
  let left = -1;
  let right = -1;
  let start = -1;
  let last = -Infinity;
  for (let x = 1; x < w - 1; x++) {
    if (!(text(x) && (text(x - 1) || text(x + 1)))) continue;
    if (x - last > gapMax) start = x;
    last = x;
    if (last - start > right - left) [left, right] = [start, last];
  }
  if (right - left < n * 3) return undefined;
  // Glyphs fill about 3/4 of their pitch: extent ≈ (n - 1/4) pitches.
  const p0 = (right - left + 1) / (n - 0.25);
  const at = (x: number) => (x < 0 || x >= w ? 0 : col[Math.round(x)]!);
  // Ink that the grid leaves outside counts against it: a stray mark beyond the line's ends
  // (the background, a shadow) must not stretch the grid.
  const prefix = new Float64Array(w + 1);
  for (let x = 0; x < w; x++) prefix[x + 1] = prefix[x]! + (x >= left && x <= right ? col[x]! : 0);
  const inkBetween = (a: number, b: number) => prefix[Math.max(0, Math.min(w, Math.round(b)))]! - prefix[Math.max(0, Math.min(w, Math.round(a)))]!;
  const total = inkBetween(left, right + 1);
  // The grid: searched, unless the zone's other line gave it (then only the glyphs are cut).
  const grid = (): { p: number; o: number } => {
    let best = { cost: Infinity, p: p0, o: left - p0 * 0.12 };
    for (let p = p0 * 0.88; p <= p0 * 1.06; p += p0 * 0.0025)
      for (let o = left - p * 0.5; o <= Math.max(left, right + 1 - n * p + p * 0.5); o += 0.5) {
        let cost = 0;
        for (let i = 0; i <= n; i++) cost += at(o + i * p);
        cost += (total - inkBetween(o, o + n * p)) * 0.5;
        if (cost < best.cost) best = { cost, p, o };
      }
    return best;
  };
  const { p, o } = fixed ?? grid();
  // Each glyph's columns and, for the full-height ones, its top and bottom: a photo's
  // perspective or a slight remaining tilt moves the line along its length.
  const reach = Math.round(lh * 0.3);
  const glyphs: { cx: number; top: number; bottom: number }[] = [];
  for (let i = 0; i < n; i++) {
    // The cell without its borders' neighbourhood, so a neighbour's edge does not shift it.
    const a = Math.max(0, Math.round(o + (i + 0.1) * p));
    const b = Math.min(w - 1, Math.round(o + (i + 0.9) * p));
    let x0 = -1;
    let x1 = -1;
    for (let x = a; x <= b; x++)
      if (col[x]! > 0) {
        if (x0 < 0) x0 = x;
        x1 = x;
      }
    let gt = -1;
    let gb = -1;
    for (let y = Math.max(0, line.top - reach); y <= Math.min(h - 1, line.bottom + reach); y++)
      for (let x = a; x <= b; x++)
        if (ink[y * w + x]) {
          if (gt < 0) gt = y;
          gb = y;
          break;
        }
    glyphs.push({ cx: x0 < 0 ? (a + b) / 2 : (x0 + x1) / 2, top: gt, bottom: gb });
  }
  const tall = glyphs.filter((g) => g.top >= 0 && g.bottom - g.top + 1 >= lh * 0.75 && g.bottom - g.top + 1 <= lh * 1.4);
  const fitTop = fit(
    tall.map((g) => [g.cx, g.top]),
    line.top,
  );
  const fitBottom = fit(
    tall.map((g) => [g.cx, g.bottom]),
    line.bottom,
  );
  const cells = glyphs.map((g) => {
    const t = fitTop(g.cx);
    const gh = fitBottom(g.cx) - t + 1;
    return { feature: feature(ink, w, h, g.cx - p / 2, t - gh * 0.08, p, gh * 1.16) };
  });
  return { cells, o, p };
}

/** Least-squares line through points, or a constant when there are too few. */
function fit(pts: number[][], fallback: number): (x: number) => number {
  if (pts.length < 4) return () => fallback;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const [x, y] of pts) {
    sx += x!;
    sy += y!;
    sxx += x! * x!;
    sxy += x! * y!;
  }
  const n = pts.length;
  const d = n * sxx - sx * sx;
  if (!d) return () => sy / n;
  const b = (n * sxy - sx * sy) / d;
  const a = (sy - b * sx) / n;
  // A robust second pass: drop points far from the first line (a glyph touching a neighbour).
  const keep = pts.filter(([x, y]) => Math.abs(a + b * x! - y!) <= 3);
  return keep.length >= 4 && keep.length < n ? fit(keep, fallback) : (x) => a + b * x;
}

/** The ink of a window as a GW × GH picture (3 × 3 samples per pixel), normalised. */
function feature(ink: Uint8Array, w: number, h: number, x: number, y: number, fw: number, fh: number): Float32Array {
  const f = new Float32Array(GW * GH);
  const sx = fw / GW;
  const sy = fh / GH;
  for (let v = 0; v < GH; v++)
    for (let u = 0; u < GW; u++) {
      let s = 0;
      for (let j = 0; j < 3; j++)
        for (let i = 0; i < 3; i++) {
          const px = Math.floor(x + (u + (i + 0.5) / 3) * sx);
          const py = Math.floor(y + (v + (j + 0.5) / 3) * sy);
          if (px >= 0 && py >= 0 && px < w && py < h) s += ink[py * w + px]!;
        }
      f[v * GW + u] = s / 9;
    }
  return normalise(f);
}

export function normalise(f: Float32Array): Float32Array {
  let mean = 0;
  for (const v of f) mean += v;
  mean /= f.length;
  let norm = 0;
  for (let i = 0; i < f.length; i++) {
    f[i]! -= mean;
    norm += f[i]! ** 2;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < f.length; i++) f[i]! /= norm;
  return f;
}

/** Where a zone may be, at which tilt: candidates from a coarse search over angles, best first. */
export interface BandGuess {
  /** Centre and size in the picture's pixels, and the tilt (radians) to undo. */
  cx: number;
  cy: number;
  w: number;
  h: number;
  angle: number;
  score: number;
}

const DEG = Math.PI / 180;

export function guessBands(g: Grey, maxTilt = 20): BandGuess[] {
  const small = shrink(g, 640);
  const f = g.width / small.width;
  const guesses: BandGuess[] = [];
  // 2° apart: a line 300 pixels long then drifts by at most about its height.
  for (let deg = -maxTilt; deg <= maxTilt; deg += 2) {
    const a = deg * DEG;
    const turned = deg === 0 ? small : warp(small, small.width / 2, small.height / 2, a, small.width, small.height, 1);
    for (const { rect, score } of findBands(turned)) {
      // Back to the picture: the band's centre turned back by the angle.
      const du = rect.x + rect.w / 2 - small.width / 2;
      const dv = rect.y + rect.h / 2 - small.height / 2;
      const cx = small.width / 2 + du * Math.cos(a) - dv * Math.sin(a);
      const cy = small.height / 2 + du * Math.sin(a) + dv * Math.cos(a);
      guesses.push({ cx: cx * f, cy: cy * f, w: rect.w * f, h: rect.h * f, angle: a, score });
    }
  }
  guesses.sort((a, b) => b.score - a.score);
  // One guess per place: the best angle for it.
  const out: BandGuess[] = [];
  for (const q of guesses) if (!out.some((o) => Math.hypot(o.cx - q.cx, o.cy - q.cy) < Math.max(o.h, q.h))) out.push(q);
  return out;
}

export interface LevelledBand {
  ink: Uint8Array;
  width: number;
  height: number;
  lines: { top: number; bottom: number }[];
}

/** Cuts the band out of the picture at a working scale, levels it finely, finds its lines. */
export function levelBand(g: Grey, q: BandGuess): LevelledBand {
  // Working scale: the band about 1300 pixels wide (≈ 30 px a character for 44 of them).
  const W = 1300;
  const scale = (q.w * 1.02) / W;
  const H = Math.round((q.h * 1.5) / scale);
  let band = warp(g, q.cx, q.cy, q.angle, W, H, scale);
  let ink = binarize(band);
  const edges = inkEdges(ink, W, H);
  let best = { score: levelScore(edges, W, H, 0), slope: 0 };
  for (let s = -0.03; s <= 0.0301; s += 0.0025) {
    const score = levelScore(edges, W, H, s);
    if (score > best.score) best = { score, slope: s };
  }
  if (best.slope) {
    band = warp(g, q.cx, q.cy, q.angle + Math.atan(best.slope), W, H, scale);
    ink = binarize(band);
  }
  return { ink, width: W, height: H, lines: findLines(ink, W, H) };
}
