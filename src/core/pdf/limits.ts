import { StampError } from '../errors.ts';

// Limits for PDFs: beyond them a clear error, not a frozen tab.
export const MAX_PDF_PAGES = 200;
/** 200 inches, PDF's own maximum page size in points. */
export const MAX_PAGE_POINTS = 14_400;
/** Pixels of one rendered page; above, the page renders at a lower resolution. */
export const MAX_PAGE_PIXELS = 40_000_000;

export const pointsToCm = (pt: number) => Math.round((pt / 72) * 2.54);
/** Below one point a side, no viewer shows anything. */
export const MIN_PAGE_POINTS = 1;
export const pointsToMm = (pt: number) => Math.round((pt / 72) * 254) / 10;

/** The page's size checked against both limits, with the message that names the right one. */
export function checkPageSize(page: number, width: number, height: number): void {
  if (!(width >= MIN_PAGE_POINTS && height >= MIN_PAGE_POINTS)) throw new StampError('pdf-page-too-small', { page, width: pointsToMm(width || 0), height: pointsToMm(height || 0) });
  if (width > MAX_PAGE_POINTS || height > MAX_PAGE_POINTS) throw new StampError('pdf-page-too-large', { page, width: pointsToCm(width), height: pointsToCm(height) });
}
