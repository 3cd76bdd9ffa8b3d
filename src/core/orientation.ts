// EXIF orientation as a canvas transform. We decode pictures with their EXIF removed (so no
// browser applies it a second time) and rotate them here: the same result in every browser.
import type { Orientation } from './formats/exif.ts';

/** Upright size of a stored w×h picture. */
export const uprightSize = (w: number, h: number, o: Orientation): { width: number; height: number } => (o >= 5 ? { width: h, height: w } : { width: w, height: h });

/**
 * The [a, b, c, d, e, f] for ctx.setTransform that maps the stored picture (drawn at 0,0 with
 * its stored size w×h) onto the upright canvas, scaled by s.
 */
export function orientationMatrix(o: Orientation, w: number, h: number, s = 1): [number, number, number, number, number, number] {
  const m: Record<Orientation, [number, number, number, number, number, number]> = {
    1: [1, 0, 0, 1, 0, 0],
    2: [-1, 0, 0, 1, w, 0],
    3: [-1, 0, 0, -1, w, h],
    4: [1, 0, 0, -1, 0, h],
    5: [0, 1, 1, 0, 0, 0],
    6: [0, 1, -1, 0, h, 0],
    7: [0, -1, -1, 0, h, w],
    8: [0, -1, 1, 0, 0, w],
  };
  return m[o].map((v) => v * s) as [number, number, number, number, number, number];
}
