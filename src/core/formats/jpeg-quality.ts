// The quality a JPEG was saved at, estimated from its luminance quantisation table (IJG scale).
// Re-encoding a stamped photo above its source's quality adds bytes, not detail: the output is
// encoded at min(chosen quality, this), so a photo stays close to its input's size.

/** IJG's standard luminance table (any order: only its sum is used). */
const STANDARD = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
  49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const STANDARD_SUM = STANDARD.reduce((a, b) => a + b, 0);

/** 0–1 like the canvas's quality, or undefined when there is no 8-bit table 0 before the scan. */
export function jpegQuality(b: Uint8Array): number | undefined {
  let o = 2;
  while (o + 4 <= b.length && b[o] === 0xff) {
    const marker = b[o + 1]!;
    const len = (b[o + 2]! << 8) | b[o + 3]!;
    if (marker === 0xda || marker === 0xd9) return undefined; // scan reached: no table
    if (marker === 0xdb) {
      // One segment may hold several tables: [Pq/Tq, 64 or 128 bytes]…
      for (let t = o + 4; t < o + 2 + len;) {
        const precision = b[t]! >> 4,
          id = b[t]! & 15;
        const size = precision ? 128 : 64;
        if (id === 0 && !precision && t + 1 + 64 <= b.length) {
          let sum = 0;
          for (let i = 0; i < 64; i++) sum += b[t + 1 + i]!;
          const scale = (sum * 100) / STANDARD_SUM;
          const q = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
          return Math.min(1, Math.max(0.01, Math.round(q) / 100));
        }
        t += 1 + size;
      }
    }
    o += 2 + len;
  }
  return undefined;
}
