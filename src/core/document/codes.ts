// 2D codes on a levelled document: QR (by its finder squares), and any matrix or stacked code
// (DataMatrix, Aztec, PDF417 on driving licences) by its texture: a solid block of cells about
// half dark, crossed by many dark/light changes, larger than any character. Text lines are a
// few cells tall, thin labels and guilloches too light, dark bands and portraits too smooth.
import { findQrCodes } from './qr.ts';
import { otsu, type Grey, type Rect } from '../raster/grey.ts';

const CELL = 8;
/** A block's mean dark/light changes per cell: modules change every few pixels both ways. */
const CHANGES = 1.1 * CELL;

/** Code-like blocks, as fractions of the picture (padded by a quiet zone); `t` as for findQrCodes. */
export function findTexturedCodes(g: Grey, t = otsu(g)): Rect[] {
  const { width: w, height: h, data } = g;
  const cw = Math.floor(w / CELL);
  const ch = Math.floor(h / CELL);
  const code = new Uint8Array(cw * ch);
  const shares = new Float32Array(cw * ch);
  const changeCounts = new Float32Array(cw * ch);
  for (let cy = 0; cy < ch; cy++)
    for (let cx = 0; cx < cw; cx++) {
      let dark = 0;
      let changes = 0;
      for (let y = cy * CELL; y < (cy + 1) * CELL; y++)
        for (let x = cx * CELL; x < (cx + 1) * CELL; x++) {
          const i = y * w + x;
          const d = data[i]! < t;
          if (d) dark++;
          if (x > cx * CELL && d !== data[i - 1]! < t) changes++;
          if (y > cy * CELL && d !== data[i - w]! < t) changes++;
        }
      const share = dark / (CELL * CELL);
      shares[cy * cw + cx] = share;
      changeCounts[cy * cw + cx] = changes;
      code[cy * cw + cx] = share >= 0.2 ? 1 : 0;
    }
  // Close one-cell gaps (a light column of a PDF417, a light module run), then take connected blocks.
  const filled = code.slice();
  for (let cy = 1; cy < ch - 1; cy++)
    for (let cx = 1; cx < cw - 1; cx++) {
      const i = cy * cw + cx;
      if (!code[i] && ((code[i - 1]! && code[i + 1]!) || (code[i - cw]! && code[i + cw]!))) filled[i] = 1;
    }
  const seen = new Uint8Array(cw * ch);
  const out: Rect[] = [];
  const minCells = Math.max(6, Math.round(Math.min(cw, ch) * 0.1));
  for (let s = 0; s < cw * ch; s++) {
    if (!filled[s] || seen[s]) continue;
    let x0 = cw;
    let y0 = ch;
    let x1 = 0;
    let y1 = 0;
    let count = 0;
    let changes = 0;
    let ink = 0;
    const stack = [s];
    seen[s] = 1;
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % cw;
      const y = (i - x) / cw;
      count++;
      changes += changeCounts[i]!;
      ink += shares[i]!;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      for (const j of [x > 0 ? i - 1 : -1, x < cw - 1 ? i + 1 : -1, i - cw, i + cw])
        if (j >= 0 && j < cw * ch && filled[j] && !seen[j]) {
          seen[j] = 1;
          stack.push(j);
        }
    }
    const bw = x1 - x0 + 1;
    const bh = y1 - y0 + 1;
    if (bw < minCells || bh < minCells || count < bw * bh * 0.6) continue;
    // A dark band or a portrait is inked but smooth; a code changes all the time.
    if (changes / count < CHANGES || ink / count > 0.8) continue;
    const pad = 1.5;
    const rx = Math.max(0, (x0 - pad) * CELL);
    const ry = Math.max(0, (y0 - pad) * CELL);
    out.push({ x: rx / w, y: ry / h, w: (Math.min(w, (x1 + 1 + pad) * CELL) - rx) / w, h: (Math.min(h, (y1 + 1 + pad) * CELL) - ry) / h });
  }
  return out;
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** QR codes by their finders, and other 2D codes by texture; one box per code. */
export function findCodes(g: Grey): Rect[] {
  const t = otsu(g);
  const qr = findQrCodes(g, t);
  return [...qr, ...findTexturedCodes(g, t).filter((c) => !qr.some((q) => overlaps(q, c)))];
}
