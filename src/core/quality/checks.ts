// Will a verification page accept this photo? Plain checks on a small grey copy of the picture:
// sharpness, glare, light, contrast, size, and whether the document runs off the frame. Each
// gives pass / warn / fail; none blocks (the person decides). Pure: the browser provides pixels.
import { otsu, type Grey } from '../raster/grey.ts';

export type CheckId = 'blur' | 'glare' | 'dark' | 'contrast' | 'small' | 'cut';
export type Level = 'pass' | 'warn' | 'fail';

export interface Check {
  id: CheckId;
  level: Level;
  /** The measured value (for reports and calibration). */
  value: number;
}

/** Thresholds, set by the calibration test (tests/quality). [warn, fail] per check. */
export const THRESHOLDS = {
  /** Variance of the Laplacian of the 512-px grey copy: lower is blurrier. */
  blur: [300, 100],
  /** Share of the picture in large blown-out (near-white) blobs. */
  glare: [0.004, 0.015],
  /** Mean brightness: lower is darker. */
  dark: [75, 45],
  /** Mean brightness of the found document alone: its paper is light, so the bar is higher. */
  darkDocument: [110, 90],
  /** Spread (standard deviation) of brightness. */
  contrast: [32, 18],
  /** Shorter side in pixels of the original. */
  small: [1000, 600],
  /** Share of the frame's edge covered by the document. */
  cut: [0.12, 0.3],
} as const;

const level = (value: number, [warn, fail]: readonly [number, number], higherIsWorse: boolean): Level =>
  higherIsWorse ? (value >= fail ? 'fail' : value >= warn ? 'warn' : 'pass') : value <= fail ? 'fail' : value <= warn ? 'warn' : 'pass';

export function laplacianVariance(g: Grey): number {
  const { width: w, height: h, data } = g;
  let sum = 0;
  let sq = 0;
  let n = 0;
  for (let y = 1; y < h - 1; y++)
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const v = data[i - w]! + data[i + w]! + data[i - 1]! + data[i + 1]! - 4 * data[i]!;
      sum += v;
      sq += v * v;
      n++;
    }
  const mean = sum / n;
  return sq / n - mean * mean;
}

/**
 * Share of the picture in 4-connected blobs of near-white pixels larger than 0.1 % of it; with a
 * mask, only the blobs' pixels on the document count (a pale table lit by a window is no glare
 * on the card). A blob counts only when it is a washed-out area, at least half of it more than
 * CORE pixels from anything darker: glare wipes out the print under it, while white paper that
 * the camera clipped (a card's pale machine-readable zone) is riddled with its print (measured
 * on 512-px copies of the calibration photos: glare blobs 0.69–0.86 of their pixels so, clipped
 * print 0.26–0.36).
 */
export function glareShare(g: Grey, mask?: Uint8Array, bright = 248): number {
  const { width: w, height: h, data } = g;
  const core = washedOut(g, bright, CORE);
  const seen = new Uint8Array(w * h);
  const minBlob = Math.max(16, Math.round(w * h * 0.001));
  let glare = 0;
  const stack: number[] = [];
  for (let start = 0; start < w * h; start++) {
    if (seen[start] || data[start]! < bright) continue;
    let size = 0;
    let on = 0;
    let inner = 0;
    stack.push(start);
    seen[start] = 1;
    while (stack.length) {
      const i = stack.pop()!;
      size++;
      inner += core[i]!;
      if (!mask || mask[i]) on++;
      const x = i % w;
      for (const j of [i - w, i + w, x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1])
        if (j >= 0 && j < w * h && !seen[j] && data[j]! >= bright) {
          seen[j] = 1;
          stack.push(j);
        }
    }
    if (size >= minBlob && inner >= size * 0.5) glare += on;
  }
  return glare / (w * h);
}

/** Pixels of the grey copy (about 512 px long) this far from anything darker make a blob's washed-out core. */
const CORE = 2;

/** 1 where every pixel within `r` (a square, inside the picture) is at least `bright`. */
function washedOut(g: Grey, bright: number, r: number): Uint8Array {
  const { width: w, height: h, data } = g;
  // Separable: a run of 2r+1 bright pixels along the row, then such rows down the column.
  const rows = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    let run = 0;
    for (let x = 0; x < w; x++) {
      run = data[y * w + x]! >= bright ? run + 1 : 0;
      if (run > 2 * r) rows[y * w + x - r] = 1;
    }
  }
  const out = new Uint8Array(w * h);
  for (let x = 0; x < w; x++) {
    let run = 0;
    for (let y = 0; y < h; y++) {
      run = rows[y * w + x] ? run + 1 : 0;
      if (run > 2 * r) out[(y - r) * w + x] = 1;
    }
  }
  return out;
}

/** Mean and spread of brightness, of the whole picture or of the masked pixels. */
export function meanAndSpread(g: Grey, mask?: Uint8Array): { mean: number; spread: number } {
  let s = 0;
  let sq = 0;
  let n = 0;
  for (let i = 0; i < g.data.length; i++) {
    if (mask && !mask[i]) continue;
    const v = g.data[i]!;
    s += v;
    sq += v * v;
    n++;
  }
  const mean = s / Math.max(1, n);
  return { mean, spread: Math.sqrt(Math.max(0, sq / Math.max(1, n) - mean * mean)) };
}

/** The pixels inside a convex outline (corners in order). */
export function outlineMask(g: Grey, outline: readonly { x: number; y: number }[]): Uint8Array {
  const mask = new Uint8Array(g.width * g.height);
  const n = outline.length;
  // Inside a convex polygon: on the same side of every edge as its centre.
  const cx = outline.reduce((s, p) => s + p.x, 0) / n;
  const cy = outline.reduce((s, p) => s + p.y, 0) / n;
  const edges = outline.map((a, k) => {
    const b = outline[(k + 1) % n]!;
    const side = Math.sign((b.x - a.x) * (cy - a.y) - (b.y - a.y) * (cx - a.x));
    return { a, dx: b.x - a.x, dy: b.y - a.y, side };
  });
  for (let y = 0; y < g.height; y++) for (let x = 0; x < g.width; x++) if (edges.every((e) => Math.sign(e.dx * (y + 0.5 - e.a.y) - e.dy * (x + 0.5 - e.a.x)) !== -e.side)) mask[y * g.width + x] = 1;
  return mask;
}

/**
 * How much of the frame's edge the (lighter) document covers: a document photographed whole
 * has background all around it; a cut one touches the edge. Only meaningful when the picture
 * has a clear document/background split.
 */
export function edgeCoverage(g: Grey): number {
  const { width: w, height: h, data } = g;
  const t = otsu(g);
  const m = Math.max(1, Math.round(Math.min(w, h) * 0.01));
  let on = 0;
  let n = 0;
  const probe = (x: number, y: number) => {
    n++;
    if (data[y * w + x]! > t) on++;
  };
  for (let x = 0; x < w; x++) {
    probe(x, m);
    probe(x, h - 1 - m);
  }
  for (let y = 0; y < h; y++) {
    probe(m, y);
    probe(w - 1 - m, y);
  }
  return on / n;
}

/** Checks that only make sense for a camera photo; a born-digital page never has these problems. */
// Contrast too: on a page with a few lines of black text on white, the spread of brightness
// measures how much ink there is, not how legible it is.
export const CAMERA_CHECKS: readonly CheckId[] = ['blur', 'glare', 'dark', 'contrast', 'cut'];

export interface CheckContext {
  /** A PDF page with text or vector content, or a screenshot: not a camera photo. */
  digital?: boolean;
  /**
   * The document's outline found in the grey copy (its pixels), when one was found: the
   * document is cut off when a corner lies outside the picture.
   */
  outline?: readonly { x: number; y: number }[];
}

/**
 * Whether a corner of the outline lies outside the picture, or on its border (within 2 % of
 * the short side: a corner there is cut, or a rounded corner's last millimetres are).
 */
function cornerOutside(g: Grey, outline: readonly { x: number; y: number }[]): boolean {
  const m = Math.min(g.width, g.height) * 0.02;
  return outline.some((p) => p.x < m || p.y < m || p.x > g.width - m || p.y > g.height - m);
}

/** All checks, on a grey copy about 512 px on its long side, for an original of `original` size. */
export function checkQuality(g: Grey, original: { width: number; height: number }, context: CheckContext = {}): Check[] {
  // With an outline, light, contrast and glare are the document's: a dark or pale table is not
  // a dark or faded photo of the card.
  const mask = context.outline && outlineMask(g, context.outline);
  const { mean, spread } = meanAndSpread(g, mask);
  const checks: Check[] = [
    { id: 'blur', value: laplacianVariance(g), level: 'pass' },
    { id: 'glare', value: glareShare(g, mask), level: 'pass' },
    { id: 'dark', value: mean, level: 'pass' },
    { id: 'contrast', value: spread, level: 'pass' },
    { id: 'small', value: Math.min(original.width, original.height), level: 'pass' },
    // With a found outline, a corner outside the frame is what "cut off" means; a document
    // fully inside passes whatever touches the edges (a busy table, a dark sleeve).
    { id: 'cut', value: context.outline ? (cornerOutside(g, context.outline) ? THRESHOLDS.cut[1] : 0) : edgeCoverage(g), level: 'pass' },
  ];
  for (const c of checks) {
    const higherIsWorse = c.id === 'glare' || c.id === 'cut';
    const bar = c.id === 'dark' && mask ? THRESHOLDS.darkDocument : THRESHOLDS[c.id];
    c.level = context.digital && CAMERA_CHECKS.includes(c.id) ? 'pass' : level(c.value, bar, higherIsWorse);
  }
  return checks;
}
