import { describe, expect, it } from 'vitest';
import { fontSizeFor, layoutTiles, NO_JITTER, randomJitter, type Layout } from '../../src/core/watermark/layout.ts';

const defaults = { angle: -30, density: 0.5, opacity: 0.3 };

/** Which cells of an n×n grid over the image hold at least one tile centre. */
function coveredCells(l: Layout, w: number, h: number, n = 3): number {
  const cells = new Set<number>();
  for (const t of l.tiles) if (t.x >= 0 && t.x < w && t.y >= 0 && t.y < h) cells.add(Math.floor((t.y / h) * n) * n + Math.floor((t.x / w) * n));
  return cells.size;
}

function seeded(seed: number): () => number {
  return () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe('tile layout', () => {
  it.each([
    [4032, 3024],
    [3024, 4032],
    [1200, 800],
    [400, 2400],
    [2400, 300],
  ])('covers every region of a %i×%i image', (w, h) => {
    for (const angle of [-45, -30, 0, 30, 90]) {
      const font = fontSizeFor(w, h, 0.028);
      const l = layoutTiles(w, h, [font * 20, font * 10], font, { ...defaults, angle }, NO_JITTER);
      expect(coveredCells(l, w, h), `angle ${angle}`).toBe(9);
    }
  });

  it('sizes the font relative to the image, with a legible minimum', () => {
    expect(fontSizeFor(4032, 3024, 0.03)).toBe(91);
    expect(fontSizeFor(1200, 800, 0.03)).toBe(24);
    expect(fontSizeFor(200, 100, 0.03)).toBe(10);
  });

  it('scales with the image: same tile count at any resolution', () => {
    const tiles = (s: number) => layoutTiles(1200 * s, 800 * s, [500 * s], 24 * s, defaults, NO_JITTER).tiles.length;
    expect(tiles(1)).toBe(tiles(3));
  });

  it('places more tiles as density grows', () => {
    const count = (density: number) => layoutTiles(2000, 1500, [600, 300], 40, { ...defaults, density }, NO_JITTER).tiles.length;
    expect(count(0)).toBeLessThan(count(0.5));
    expect(count(0.5)).toBeLessThan(count(1));
  });

  it('varies offset, spacing, angle and opacity per output, within bounds', () => {
    const a = layoutTiles(1200, 800, [400], 24, defaults, randomJitter(seeded(1)));
    const b = layoutTiles(1200, 800, [400], 24, defaults, randomJitter(seeded(2)));
    expect(a.tiles[0]).not.toEqual(b.tiles[0]);
    expect(a.angle).not.toBe(b.angle);
    expect(a.opacity).not.toBe(b.opacity);
    for (const l of [a, b]) {
      expect(Math.abs((l.angle * 180) / Math.PI + 30)).toBeLessThanOrEqual(3);
      expect(Math.abs(l.opacity - 0.3)).toBeLessThanOrEqual(0.04 + 1e-9);
      expect(coveredCells(l, 1200, 800)).toBe(9);
    }
    // Without jitter the layout is deterministic.
    expect(layoutTiles(1200, 800, [400], 24, defaults, NO_JITTER)).toEqual(layoutTiles(1200, 800, [400], 24, defaults, NO_JITTER));
  });
});
