// The warps of the MRZ reader and of the keep-clear search, and the MRZ reader's shrink, are
// written for speed (raster/grey.ts's paperSample: bounds first, `| 0` for indices); they must
// give exactly the pixels of the plain definitions: bilinear samples floored per pixel, paper
// (255) outside, and area averages.
import { describe, expect, it } from 'vitest';
import { warpGrey } from '../../src/core/document/view.ts';
import type { Homography } from '../../src/core/document/geometry.ts';
import { shrink, warp } from '../../src/core/mrz/ocr.ts';
import type { Grey } from '../../src/core/raster/grey.ts';

function sample(g: Grey, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  if (x0 < 0 || y0 < 0 || x0 >= g.width - 1 || y0 >= g.height - 1) return 255;
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * g.width + x0;
  const d = g.data;
  return (d[i]! * (1 - fx) + d[i + 1]! * fx) * (1 - fy) + (d[i + g.width]! * (1 - fx) + d[i + g.width + 1]! * fx) * fy;
}

function plainWarp(g: Grey, cx: number, cy: number, angle: number, w: number, h: number, scale: number): Float32Array {
  const out = new Float32Array(w * h);
  const c = Math.cos(angle) * scale;
  const s = Math.sin(angle) * scale;
  for (let v = 0; v < h; v++) {
    const dv = v - h / 2;
    let x = cx - (w / 2) * c - dv * s;
    let y = cy - (w / 2) * s + dv * c;
    for (let u = 0; u < w; u++, x += c, y += s) out[v * w + u] = sample(g, x, y);
  }
  return out;
}

function plainShrink(g: Grey, maxSide: number): Float32Array {
  const f = Math.max(1, Math.ceil(Math.max(g.width, g.height) / maxSide));
  const w = Math.floor(g.width / f);
  const h = Math.floor(g.height / f);
  const out = new Float32Array(w * h);
  // Summed in the picture's order into 32-bit floats, as the reader always has.
  for (let y = 0; y < h * f; y++) for (let x = 0; x < w * f; x++) out[Math.floor(y / f) * w + Math.floor(x / f)]! += g.data[y * g.width + x]!;
  return out.map((v) => v / (f * f));
}

/** How many values differ (Object.is: the same bits, NaN included). */
const differing = (a: Float32Array, b: Float32Array) => (a.length === b.length ? a.reduce((n, v, i) => n + (Object.is(v, b[i]) ? 0 : 1), 0) : Infinity);

/** A picture of `w` × `h` with fine detail (a seeded pattern). */
const picture = (w: number, h: number, seed: number): Grey => ({
  width: w,
  height: h,
  data: new Float32Array(w * h).map((_, i) => 128 + 127 * Math.sin(i * 0.37 + seed) * Math.cos(i * 0.011 * seed)),
});

/** The keep-clear search's warp by its definition: each output pixel's centre through `h`. */
function plainHomography(g: Grey, h: Homography, width: number, height: number): Float32Array {
  const [a, b, c, d, e, f, p, q, r] = h;
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const Y = y + 0.5;
      // Stepped along the row as warpGrey steps it (its sums, not recomputed: the same bits).
      let u = a * 0.5 + b * Y + c;
      let v = d * 0.5 + e * Y + f;
      let z = p * 0.5 + q * Y + r;
      for (let k = 0; k < x; k++) ((u += a), (v += d), (z += p));
      const iz = 1 / z;
      out[y * width + x] = sample(g, u * iz - 0.5, v * iz - 0.5);
    }
  return out;
}

describe('MRZ reader and keep-clear search: warps and shrink', () => {
  it('warp gives the plain bilinear pixels exactly, inside, across the edges and outside', () => {
    let outside = 0;
    let inside = 0;
    for (let t = 0; t < 24; t++) {
      const g = picture(60 + ((t * 37) % 300), 40 + ((t * 53) % 200), t + 1);
      // Centres inside and near the edges, angles both ways, scales up and down: many samples
      // fall outside the picture or on its last row and column.
      const args = [g.width * (0.1 + (t % 5) * 0.2), g.height * (0.1 + (t % 3) * 0.4), (t - 12) * 0.05, 64 + t * 7, 20 + t * 3, 0.3 + (t % 7) * 0.4] as const;
      const fast = warp(g, ...args).data;
      const plain = plainWarp(g, ...args);
      outside += fast.filter((v) => v === 255).length;
      inside += fast.filter((v) => v !== 255).length;
      expect(differing(fast, plain)).toBe(0);
    }
    expect(Math.min(outside, inside)).toBeGreaterThan(10_000);
  });

  it('the keep-clear search’s warp (a homography) gives the plain bilinear pixels exactly', () => {
    let outside = 0;
    for (let t = 0; t < 12; t++) {
      const g = picture(40 + t * 7, 30 + t * 5, t + 3);
      // A gentle perspective, turned and scaled, reaching past the picture's edges.
      const h: Homography = [0.9 + t * 0.05, 0.1 - t * 0.02, -10 + t * 3, 0.05 * (t - 6), 1.1 - t * 0.03, -5 + t, 0.0004 * (t - 6), 0.0003 * (6 - t), 1];
      const w = 70 + t * 9;
      const hh = 50 + t * 7;
      const fast = warpGrey(g, h, w, hh).data;
      outside += fast.filter((v) => v === 255).length;
      expect(differing(fast, plainHomography(g, h, w, hh))).toBe(0);
    }
    expect(outside).toBeGreaterThan(1000);
  });

  it('shrink gives the area averages exactly', () => {
    for (const [w, h, side] of [
      [640, 480, 640],
      [1024, 768, 640],
      [2000, 1333, 640],
      [333, 777, 100],
    ] as const) {
      const g = picture(w, h, w);
      const fast = shrink(g, side);
      expect(differing(fast.data, plainShrink(g, side))).toBe(0);
    }
  });
});
