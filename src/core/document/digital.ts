import type { Grey } from '../raster/grey.ts';
// Born-digital pictures (a screenshot, a page exported as an image) are documents as a whole:
// their panels, photos and cards are parts of the document, not a document lying on a table.

/**
 * A screenshot or an exported page: most neighbouring pixels exactly equal (flat colours), which
 * a camera's noise never gives.
 */
export function screenshotLike(g: Grey): boolean {
  let same = 0;
  let n = 0;
  for (let y = 0; y < g.height; y += 3) for (let x = 1; x < g.width; x++, n++) if (g.data[y * g.width + x] === g.data[y * g.width + x - 1]) same++;
  return n > 0 && same / n > 0.6;
}
