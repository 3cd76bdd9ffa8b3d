// QR codes on a document (many ID cards, residence permits and bank letters carry one): found
// by their three finder squares, whose rows and columns read dark-light-dark-light-dark in the
// proportions 1:1:3:1:1. The watermark leaves the code clear so it still scans.
import { otsu, type Grey } from './checks.ts';
import type { Rect } from './mrz.ts';

interface Finder {
  x: number;
  y: number;
  size: number;
  hits: number;
}

/** Runs of 1:1:3:1:1 (within half a module) ending at each dark/light change of a line. */
function patterns(line: (i: number) => boolean, length: number, found: (center: number, size: number) => void): void {
  const runs: number[] = [];
  let start = 0;
  for (let i = 1; i <= length; i++) {
    if (i < length && line(i) === line(i - 1)) continue;
    runs.push(i - start);
    start = i;
    // The last five runs, starting dark: a run ends here; its colour is line(i - 1).
    if (runs.length >= 5 && line(i - 1)) {
      const [a, b, c, d, e] = runs.slice(-5) as [number, number, number, number, number];
      const total = a + b + c + d + e;
      const m = total / 7;
      const ok = [a, b, d, e].every((r) => Math.abs(r - m) < m * 0.5) && Math.abs(c - 3 * m) < m * 1.2 && total >= 14;
      if (ok) found(i - e - d - c / 2, total);
    }
  }
}

export function findQrCodes(g: Grey): Rect[] {
  const { width: w, height: h, data } = g;
  const t = otsu(g);
  const dark = (x: number, y: number) => data[y * w + x]! < t;
  const finders: Finder[] = [];
  for (let y = 0; y < h; y++)
    patterns((x) => dark(x, y), w, (cx, size) => {
      const x = Math.round(cx);
      // Confirm down the column through the centre.
      let confirmed = false;
      patterns((yy) => dark(x, yy), h, (cy, vsize) => {
        if (Math.abs(cy - y) < size / 2 && Math.abs(vsize - size) < size * 0.4) confirmed = true;
      });
      if (!confirmed) return;
      const near = finders.find((f) => Math.hypot(f.x - cx, f.y - y) < f.size / 2);
      if (near) {
        near.x = (near.x * near.hits + cx) / (near.hits + 1);
        near.y = (near.y * near.hits + y) / (near.hits + 1);
        near.hits++;
      } else finders.push({ x: cx, y, size, hits: 1 });
    });
  const real = finders.filter((f) => f.hits >= 3);
  const codes: Rect[] = [];
  const used = new Set<Finder>();
  // Three finders of one code: similar sizes, at the corners of a right isosceles triangle.
  for (const a of real)
    for (const b of real)
      for (const c of real) {
        if (a === b || b === c || a === c || used.has(a) || used.has(b) || used.has(c)) continue;
        if (Math.max(a.size, b.size, c.size) > 1.5 * Math.min(a.size, b.size, c.size)) continue;
        const ab = Math.hypot(b.x - a.x, b.y - a.y);
        const ac = Math.hypot(c.x - a.x, c.y - a.y);
        const bc = Math.hypot(c.x - b.x, c.y - b.y);
        if (Math.abs(ab - ac) > 0.2 * ab || Math.abs(bc - Math.SQRT2 * ab) > 0.2 * bc || ab < 2 * a.size) continue;
        const d = { x: b.x + c.x - a.x, y: b.y + c.y - a.y }; // the fourth corner
        const xs = [a.x, b.x, c.x, d.x];
        const ys = [a.y, b.y, c.y, d.y];
        const pad = a.size * 0.9; // half a finder and the quiet zone around the code
        const x0 = Math.max(0, Math.min(...xs) - pad);
        const y0 = Math.max(0, Math.min(...ys) - pad);
        const x1 = Math.min(w, Math.max(...xs) + pad);
        const y1 = Math.min(h, Math.max(...ys) + pad);
        codes.push({ x: x0 / w, y: y0 / h, w: (x1 - x0) / w, h: (y1 - y0) / h });
        used.add(a).add(b).add(c);
      }
  return codes;
}
