// Tile geometry, pure math: where each copy of the text block goes so that the rotated,
// staggered grid covers the whole image. Sizes scale with the image, never fixed pixels.
import type { WatermarkOptions } from '../options.ts';

export interface Jitter {
  /** Grid origin shift, as a fraction of the pitch (0..1). */
  offsetX: number;
  offsetY: number;
  /** Spacing multiplier, about 1. */
  spacing: number;
  /** Degrees added to the angle. */
  angle: number;
  /** Added to the opacity. */
  opacity: number;
}

export const NO_JITTER: Jitter = { offsetX: 0, offsetY: 0, spacing: 1, angle: 0, opacity: 0 };

/** Small random variation per output, from a uniform [0,1) source. */
/** How far each copy's spacing (×), angle (degrees) and opacity (+) may move from the settings. */
export const JITTER_SPREAD = { spacing: 0.08, angle: 3, opacity: 0.04 } as const;

export function randomJitter(random: () => number): Jitter {
  const around = (spread: number) => (random() * 2 - 1) * spread;
  return {
    offsetX: random(),
    offsetY: random(),
    spacing: 1 + around(JITTER_SPREAD.spacing),
    angle: around(JITTER_SPREAD.angle),
    opacity: around(JITTER_SPREAD.opacity),
  };
}

export interface Tile {
  /** Centre of the text block in image pixels. */
  x: number;
  y: number;
}

export interface Layout {
  fontPx: number;
  lineHeightPx: number;
  blockWidth: number;
  blockHeight: number;
  pitchX: number;
  pitchY: number;
  /** Radians, as the canvas rotates (clockwise positive, y down). */
  angle: number;
  opacity: number;
  tiles: Tile[];
}

/** Font size in pixels for an image: relative to the shorter side, at least legible. */
export function fontSizeFor(width: number, height: number, size: number): number {
  return Math.max(10, Math.round(Math.min(width, height) * size));
}

/** Widest line the wrapper may produce. */
export const maxLineWidth = (width: number, height: number): number => 0.7 * Math.max(width, height);

const lerp = (a: number, b: number, t: number) => a + (b - a) * t;

export function layoutTiles(width: number, height: number, lineWidths: readonly number[], fontPx: number, o: Pick<WatermarkOptions, 'angle' | 'density' | 'opacity'>, j: Jitter): Layout {
  const lineHeightPx = fontPx * 1.3;
  const blockWidth = Math.max(fontPx, ...lineWidths);
  const blockHeight = lineHeightPx * Math.max(1, lineWidths.length);
  // Density sets the gaps between blocks, in em (x) and lines (y).
  const pitchX = (blockWidth + fontPx * lerp(8, 1.5, o.density)) * j.spacing;
  const pitchY = (blockHeight + lineHeightPx * lerp(4, 0.8, o.density)) * j.spacing;
  const angle = ((o.angle + j.angle) * Math.PI) / 180;
  const opacity = Math.min(1, Math.max(0.03, o.opacity + j.opacity));

  // Walk the grid in the rotated frame (u along the text, v across it), centred on the image,
  // over a square that holds the whole image plus one block, and keep blocks that touch it.
  const cx = width / 2;
  const cy = height / 2;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const reach = Math.hypot(width, height) / 2 + Math.hypot(blockWidth, blockHeight);
  const margin = Math.hypot(blockWidth, blockHeight) / 2;
  const tiles: Tile[] = [];
  const rows = Math.ceil(reach / pitchY) + 1;
  const cols = Math.ceil(reach / pitchX) + 1;
  for (let r = -rows; r <= rows; r++) {
    const v = (r + j.offsetY) * pitchY;
    const stagger = (((r % 2) + 2) % 2) * 0.5; // brick pattern: odd rows shift half a pitch
    for (let c = -cols; c <= cols; c++) {
      const u = (c + stagger + j.offsetX) * pitchX;
      const x = cx + u * cos - v * sin;
      const y = cy + u * sin + v * cos;
      if (x > -margin && x < width + margin && y > -margin && y < height + margin) tiles.push({ x, y });
    }
  }
  return { fontPx, lineHeightPx, blockWidth, blockHeight, pitchX, pitchY, angle, opacity, tiles };
}
