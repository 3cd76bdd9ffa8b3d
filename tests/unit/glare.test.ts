// The glare measure on grey pictures drawn here: a soft washed-out spot counts, the same amount
// of white paper full of print (a machine-readable zone the camera clipped) does not.
import { describe, expect, it } from 'vitest';
import { glareShare } from '../../src/core/quality/checks.ts';
import type { Grey } from '../../src/core/raster/grey.ts';

const W = 512;
const H = 384;
function picture(paint: (x: number, y: number) => number): Grey {
  const data = new Float32Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data[y * W + x] = paint(x, y);
  return { width: W, height: H, data };
}

/** A grey card (200) with a white band 300×40 at (100, 300): blank, or with 3 lines of print. */
const band = (print: boolean) =>
  picture((x, y) => {
    if (x < 100 || x >= 400 || y < 300 || y >= 340) return 200;
    // Characters 4×6 px every 6 px, lines every 12 px, as OCR-B in a 512-px copy of a card photo.
    const inChar = (x - 100) % 6 >= 1 && (x - 100) % 6 < 5 && (y - 300) % 12 >= 3 && (y - 300) % 12 < 9;
    return print && inChar ? 40 : 255;
  });

describe('glare', () => {
  it('counts a washed-out spot', () => {
    const spot = picture((x, y) => (Math.hypot(x - 256, y - 150) < 40 ? 255 : 190));
    expect(glareShare(spot)).toBeGreaterThan(0.02);
  });

  it('does not count clipped white paper full of print, though it counts the same band blank', () => {
    expect(glareShare(band(false))).toBeGreaterThan(0.05);
    expect(glareShare(band(true))).toBe(0);
  });
});
