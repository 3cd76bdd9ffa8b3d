// Where is the machine-readable zone? Two or three long lines of monospace characters near
// the bottom of a passport page or ID card: rows crossed by many sharp dark/light edges over a
// wide span. The watermark leaves that band alone, so providers can still read it, and the MRZ
// reader (src/core/mrz/ocr.ts) looks for it here too, in copies of a photo turned by each angle.
import type { Grey, Rect } from '../raster/grey.ts';

/**
 * The MRZ band as fractions of a level picture (a document levelled by src/core/document/view.ts),
 * or undefined when there is none: the lowest group of lines that findBands finds (the zone is
 * at the bottom of the page or card). Measured on levelled passports, TD2 and TD1 cards (flat and
 * photographed, OCR-B and Liberation Mono zones), this covers the whole zone in all 72, with a
 * little less margin than the separate finder it replaces.
 */
export function findMrz(g: Grey): Rect | undefined {
  const bands = findBands(g);
  if (!bands.length) return undefined;
  const bottom = (r: Rect) => r.y + r.h;
  const { rect: r } = bands.reduce((a, b) => (bottom(b.rect) > bottom(a.rect) ? b : a));
  const x = Math.max(0, r.x);
  const y = Math.max(0, r.y);
  return { x: x / g.width, y: y / g.height, w: Math.min(g.width, r.x + r.w) / g.width - x / g.width, h: Math.min(g.height, r.y + r.h) / g.height - y / g.height };
}

/**
 * Groups of 2–3 text lines without gaps (a zone has no spaces: '<' fills them) spanning a long
 * stretch, in a picture turned so that they may be level. Each row's longest run of closely
 * spaced edges; level lines give long runs in all their rows, so the best tilt scores highest.
 */
export function findBands(g: Grey): { rect: Rect; score: number }[] {
  const { width: w, height: h, data } = g;
  const gap = Math.max(8, w * 0.035);
  const runs: { from: number; to: number }[] = [];
  for (let y = 0; y < h; y++) {
    let best = { from: 0, to: -1, n: 0 };
    let from = -1;
    let last = -Infinity;
    let n = 0;
    for (let x = 1; x < w; x++) {
      if (Math.abs(data[y * w + x]! - data[y * w + x - 1]!) <= 32) continue;
      if (x - last > gap) {
        from = x;
        n = 0;
      }
      last = x;
      n++;
      if (last - from > best.to - best.from) best = { from, to: last, n };
    }
    const len = best.to - best.from + 1;
    runs.push(len >= w * 0.25 && best.n / len >= 0.1 ? best : { from: 0, to: -1 });
  }
  // Lines: runs of such rows. A line still slightly tilted spreads over its rows, and a busy
  // background next to the document can lengthen a row's run: a line's ends are the 10th and
  // 90th percentiles of its rows' ends.
  const lines: { top: number; bottom: number; left: number; right: number; sum: number; froms: number[]; tos: number[] }[] = [];
  for (let y = 0; y < h; y++) {
    const r = runs[y]!;
    if (r.to < r.from) continue;
    const last = lines[lines.length - 1];
    if (last && y - last.bottom <= 1) {
      last.bottom = y;
      last.froms.push(r.from);
      last.tos.push(r.to);
      last.sum += r.to - r.from;
    } else lines.push({ top: y, bottom: y, left: 0, right: 0, sum: r.to - r.from, froms: [r.from], tos: [r.to] });
  }
  const pct = (a: number[], q: number) => [...a].sort((x, y) => x - y)[Math.floor((a.length - 1) * q)]!;
  for (const l of lines) [l.left, l.right] = [pct(l.froms, 0.1), pct(l.tos, 0.9)];
  const real = lines.filter((l) => l.bottom - l.top >= 2);
  const out: { rect: Rect; score: number }[] = [];
  for (let i = 0; i < real.length; i++) {
    const group = [real[i]!];
    for (let j = i + 1; j < real.length && group.length < 3; j++) {
      const prev = group[group.length - 1]!;
      const next = real[j]!;
      const lh = prev.bottom - prev.top + 1;
      const first = group[0]!;
      const overlap = Math.min(next.right, first.right) - Math.max(next.left, first.left);
      const similar = overlap >= 0.75 * (Math.max(next.right, first.right) - Math.min(next.left, first.left));
      if (next.top - prev.bottom > lh * 2.5 || !similar) break;
      group.push(next);
    }
    if (group.length < 2) continue;
    const top = group[0]!.top;
    const bottom = group[group.length - 1]!.bottom;
    const left = Math.min(...group.map((l) => l.left));
    const right = Math.max(...group.map((l) => l.right));
    const pad = (bottom - top) * 0.25;
    out.push({ rect: { x: left - pad, y: top - pad, w: right - left + 2 * pad, h: bottom - top + 2 * pad }, score: group.reduce((s, l) => s + l.sum, 0) });
  }
  return out;
}
