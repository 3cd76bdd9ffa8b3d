// Limits for pictures: beyond them a clear error before decoding, not a crashed tab. Plain
// numbers, so the CLI (Node) can check a file before handing it to the browser.

/** A decompression bomb or a canvas that would crash the tab. */
export const MAX_PIXELS = 100_000_000;
export const MAX_SIDE = 30_000;
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;
