import type { Grey, Rect } from '../raster/grey.ts';
// Where is the machine-readable zone? Two or three long lines of monospace characters near
// the bottom of a passport page or ID card: rows crossed by many sharp dark/light edges over a
// wide span. The watermark leaves that band alone, so providers can still read it.

/** The MRZ band as fractions of the picture, or undefined when there is none. */
export function findMrz(g: Grey): Rect | undefined {
  const { width: w, height: h, data } = g;
  const rows: { count: number; first: number; last: number }[] = [];
  for (let y = 0; y < h; y++) {
    let count = 0;
    let first = -1;
    let last = -1;
    for (let x = 1; x < w; x++) {
      if (Math.abs(data[y * w + x]! - data[y * w + x - 1]!) > 45) {
        count++;
        if (first < 0) first = x;
        last = x;
      }
    }
    rows.push({ count, first, last });
  }
  // Rows of a character line: many edges, spread over a long stretch of the picture.
  const isLine = (r: { count: number; first: number; last: number }) => r.count >= w * 0.05 && r.last - r.first >= w * 0.35 && r.count / (r.last - r.first + 1) > 0.08;
  const bands: { top: number; bottom: number; left: number; right: number }[] = [];
  for (let y = 0; y < h; y++) {
    if (!isLine(rows[y]!)) continue;
    const last = bands[bands.length - 1];
    if (last && y - last.bottom <= 1) {
      last.bottom = y;
      last.left = Math.min(last.left, rows[y]!.first);
      last.right = Math.max(last.right, rows[y]!.last);
    } else bands.push({ top: y, bottom: y, left: rows[y]!.first, right: rows[y]!.last });
  }
  const lines = bands.filter((b) => b.bottom - b.top >= Math.max(2, h * 0.006));
  // The MRZ: the lowest group of 2–3 lines of similar width, evenly and closely spaced.
  for (let i = lines.length - 1; i >= 1; i--) {
    const group = [lines[i]!];
    for (let j = i - 1; j >= 0 && group.length < 3; j--) {
      const above = lines[j]!;
      const gap = group[group.length - 1]!.top - above.bottom;
      const height = above.bottom - above.top + 1;
      const similar = Math.abs(above.right - above.left - (lines[i]!.right - lines[i]!.left)) < w * 0.12;
      if (gap <= height * 2.5 && similar) group.push(above);
      else break;
    }
    if (group.length < 2) continue;
    const top = Math.min(...group.map((b) => b.top));
    const bottom = Math.max(...group.map((b) => b.bottom));
    const left = Math.min(...group.map((b) => b.left));
    const right = Math.max(...group.map((b) => b.right));
    const pad = (bottom - top) * 0.25;
    return {
      x: Math.max(0, (left - pad) / w),
      y: Math.max(0, (top - pad) / h),
      w: Math.min(1, (right - left + 2 * pad) / w),
      h: Math.min(1, (bottom - top + 2 * pad) / h),
    };
  }
  return undefined;
}
