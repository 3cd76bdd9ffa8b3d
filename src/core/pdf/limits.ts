// Limits for PDFs: beyond them a clear error, not a frozen tab.
export const MAX_PDF_PAGES = 200;
/** 200 inches, PDF's own maximum page size in points. */
export const MAX_PAGE_POINTS = 14_400;
/** Pixels of one rendered page; above, the page renders at a lower resolution. */
export const MAX_PAGE_PIXELS = 40_000_000;

export const pointsToCm = (pt: number) => Math.round((pt / 72) * 2.54);
