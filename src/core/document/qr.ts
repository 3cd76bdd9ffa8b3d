// QR codes on a document (many ID cards, residence permits and bank letters carry one): found
// by their three finder squares, whose rows and columns read dark-light-dark-light-dark in the
// proportions 1:1:3:1:1. The watermark leaves the code clear so it still scans.
import { otsu, type Grey, type Rect } from '../raster/grey.ts';
import { give, take } from '../raster/spare.ts';

interface Finder {
  x: number;
  y: number;
  size: number;
  hits: number;
}

/**
 * Calls `found(centre, size)` for each 1:1:3:1:1 run of dark/light cells along a line of the
 * mask: cells start, start+step, … (n of them).
 */
function scanLine(mask: Uint8Array, start: number, step: number, n: number, found: (centre: number, size: number) => void): void {
  const runs = [0, 0, 0, 0, 0];
  let k = 0; // runs seen so far (capped at 5: the window slides)
  let run = 1;
  let prev = mask[start]!;
  for (let i = 1; i <= n; i++) {
    const cur = i < n ? mask[start + i * step]! : 255;
    if (cur === prev) {
      run++;
      continue;
    }
    runs.shift();
    runs.push(run);
    k++;
    if (k >= 5 && prev === 1) {
      const [a, b, c, d, e] = runs as [number, number, number, number, number];
      const total = a + b + c + d + e;
      const m = total / 7;
      if (total >= 14 && Math.abs(a - m) < m * 0.5 && Math.abs(b - m) < m * 0.5 && Math.abs(d - m) < m * 0.5 && Math.abs(e - m) < m * 0.5 && Math.abs(c - 3 * m) < m * 1.2)
        found(i - e - d - c / 2, total);
    }
    prev = cur;
    run = 1;
  }
}

/** `t`: the dark/light threshold, when the caller already has it. */
export function findQrCodes(g: Grey, t = otsu(g)): Rect[] {
  const { width: w, height: h, data } = g;
  const mask = take('qr-mask', w * h);
  for (let i = 0; i < mask.length; i++) mask[i] = data[i]! < t ? 1 : 0;
  const finders: Finder[] = [];
  // Every other row: a finder square is at least 14 rows tall here, so it is still met often.
  for (let y = 0; y < h; y += 2)
    scanLine(mask, y * w, 1, w, (cx, size) => {
      const x = Math.round(cx);
      // Confirm down the column through the centre, near this row only.
      const y0 = Math.max(0, Math.round(y - 1.5 * size));
      const span = Math.min(h - y0, Math.round(3 * size));
      let confirmed = false;
      scanLine(mask, y0 * w + x, w, span, (cy, vsize) => {
        if (Math.abs(y0 + cy - y) < size / 2 && Math.abs(vsize - size) < size * 0.4) confirmed = true;
      });
      if (!confirmed) return;
      const near = finders.find((f) => Math.abs(f.x - cx) < f.size / 2 && Math.abs(f.y - y) < f.size / 2);
      if (near) {
        near.x = (near.x * near.hits + cx) / (near.hits + 1);
        near.y = (near.y * near.hits + y) / (near.hits + 1);
        near.hits++;
      } else finders.push({ x: cx, y, size, hits: 1 });
    });
  give('qr-mask', mask);
  const real = finders.filter((f) => f.hits >= 2);
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
