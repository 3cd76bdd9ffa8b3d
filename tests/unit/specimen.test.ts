// The measurement behind the settings' "the mark covers the data" warning, on pictures whose
// answer is known: paper, ink strokes, and a mark of a chosen darkness.
import { describe, expect, it } from 'vitest';
import { keptContrast } from '../../src/ui/specimen.ts';

const W = 120;
const H = 80;
const BOX = { x: 10, y: 10, w: 100, h: 60 };

/** Grey picture: paper 240, five vertical ink strokes at 30, the mark's strokes at `mark`. */
function picture(mark?: number, noise = 0): ImageData {
  const data = new Uint8ClampedArray(W * H * 4);
  let seed = 7;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const ink = x >= 20 && x < 90 && (x - 20) % 14 < 3 && y >= 20 && y < 60;
      // The mark: diagonal strokes 2 px wide, away from the ink's columns.
      const marked = mark !== undefined && (x + y) % 12 < 2 && (x - 20) % 14 >= 7;
      const v = (ink ? 30 : marked ? mark! : 240) + Math.round(rand() * noise);
      data.set([v, v, v, 255], (y * W + x) * 4);
    }
  return { data, width: W, height: H, colorSpace: 'srgb' } as ImageData;
}

describe('keptContrast: the share of the text’s contrast left against the mark', () => {
  const plain = picture();
  it('is 1 without a mark, and JPEG-like noise is no mark', () => {
    expect(keptContrast(plain, plain, BOX)).toBe(1);
    expect(keptContrast(plain, picture(undefined, 4), BOX)).toBe(1);
  });
  it('is where the mark’s strokes sit between paper and ink', () => {
    for (const mark of [200, 135, 100, 60]) expect(keptContrast(plain, picture(mark), BOX), String(mark)).toBeCloseTo((mark - 30) / 210, 2);
  });
  it('is 0 when the mark is as dark as the ink', () => {
    expect(keptContrast(plain, picture(30), BOX)).toBe(0);
  });
});
