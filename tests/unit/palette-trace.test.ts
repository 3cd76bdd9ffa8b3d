// A traced picture's palette must keep the trace (palette/quantise.ts, withTraceVariants): the
// histogram's bins are 8 levels wide, and the trace's ±1–3 levels on a flat colour in the middle
// of a bin were all mapped to one entry. Screenshot-like pictures, traced, mapped to palette
// entries as the PNG writer packs them, and read back with the trace reader.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PNG_PALETTE } from '../../src/core/palette/compact.ts';
import { Histogram, mapKeys, medianCut, PixelError, mapTraced, TRACE_RESERVE, withTraceVariants, type Palette } from '../../src/core/palette/quantise.ts';
import { embedTrace, readTrace } from '../../src/core/trace/index.ts';
import { toRgba } from '../fixtures/trace-pictures.ts';

const key = Uint8Array.from({ length: 32 }, (_, i) => (i * 29 + 5) & 255);
const CODE = 'Q42M-WQ9H';
const W = 1500;
const H = 1000;

/** An app-like page: paper, a dark side bar, a blue header, grey bars (colours in that order); traced. */
async function tracedPage([paper, side, head, bar, dark]: string[]) {
  const bars = Array.from({ length: 20 }, (_, i) => `<rect x="130" y="${60 + i * 45}" width="${600 + (i % 7) * 90}" height="8" rx="2" fill="${i % 3 ? bar : dark}"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="${paper}"/><rect width="110" height="100%" fill="${side}"/><rect width="100%" height="40" fill="${head}"/>${bars}</svg>`;
  const px = await toRgba(await sharp(Buffer.from(svg)).png().toBuffer());
  embedTrace(px, { key, code: CODE });
  return px;
}

/** The picture as its palette image shows it (8 bits a pixel), with or without the variants. */
function mapped(rgba: Uint8ClampedArray, variants: boolean): { shown: Uint8ClampedArray; palette: Palette } {
  const h = new Histogram();
  const keys = new Uint16Array(W * H);
  const low = new Uint16Array(W * H);
  h.add(rgba, keys, 0, low);
  const base = medianCut(h, 256 - TRACE_RESERVE);
  const { palette, variants: v } = variants ? withTraceVariants(h, base) : { palette: base, variants: undefined };
  const rows = new Uint8Array(W * H);
  mapKeys(keys, W, H, palette, 8, rows, W, 0);
  if (v) {
    const err = PixelError.for(h)!;
    mapTraced(keys, low, W, H, palette, v, rows, W, 0, err);
    // Measured on every pixel: what a screenshot's palette PNG must meet (PNG_PALETTE).
    expect(err.error.mean).toBeLessThanOrEqual(PNG_PALETTE.maxMean);
    expect(err.error.off).toBeLessThanOrEqual(PNG_PALETTE.maxOff);
    expect(err.error.far).toBeLessThanOrEqual(PNG_PALETTE.maxFar);
  }
  const shown = new Uint8ClampedArray(W * H * 4);
  rows.forEach((e, i) => shown.set([palette.rgb[3 * e]!, palette.rgb[3 * e + 1]!, palette.rgb[3 * e + 2]!, 255], 4 * i));
  return { shown, palette };
}

describe('a palette for a traced picture', () => {
  // Every channel of every colour 3–4 levels inside its bin: the trace (±1–3) never leaves it.
  it('keeps the trace of a page whose colours sit in the middle of their bins, where one entry a bin reads nothing', async () => {
    const px = await tracedPage(['#f3f3f3', '#232323', '#0c5ca4', '#c3c3c3', '#8b8b8b']);
    const plain = mapped(px.data, false);
    expect(readTrace({ data: plain.shown, width: W, height: H }, key).code).toBeNull();
    const kept = mapped(px.data, true);
    expect(kept.palette.size).toBeLessThanOrEqual(256);
    const r = readTrace({ data: kept.shown, width: W, height: H }, key);
    expect(r.code).toBe(CODE);
    expect(r.bitErrors).toBeLessThanOrEqual(2);
  }, 60_000);

  it("shows each pixel within a grey level of the traced picture where its colour is one of the page's own", async () => {
    const px = await tracedPage(['#f6f8fa', '#24292f', '#0b5cad', '#c8ccd4', '#8a94a6']); // size-inputs.ts's screenshot
    const { shown } = mapped(px.data, true);
    // The flat colours' pixels (all but the bars' rounded ends): the trace level for level.
    let near = 0;
    for (let i = 0; i < W * H * 4; i += 4) if (Math.max(...[0, 1, 2].map((c) => Math.abs(shown[i + c]! - px.data[i + c]!))) <= 1) near++;
    expect(near / (W * H)).toBeGreaterThan(0.99);
  }, 60_000);
});
