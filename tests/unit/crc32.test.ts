// CRC-32 (PNG's chunk check, core/bytes.ts), eight bytes a step: the same as zlib's over every
// length and offset, so a PNG we write is read by libpng and a PNG we read is checked right.
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/core/bytes.ts';

describe('crc32', () => {
  const bytes = new Uint8Array(1 << 20);
  let seed = 7;
  for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;

  it('is zlib’s CRC-32 for every length up to 40 at every offset up to 9, and for a megabyte', () => {
    for (let start = 0; start < 10; start++)
      for (let length = 0; length <= 40; length++) {
        const end = start + length;
        expect(crc32(bytes, start, end), `${start}…${end}`).toBe(zlibCrc32(bytes.subarray(start, end)));
      }
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    expect(crc32(bytes, 3, bytes.length - 5)).toBe(zlibCrc32(bytes.subarray(3, bytes.length - 5)));
  });

  it('a known value: "IEND" (every PNG ends with it)', () => {
    expect(crc32(Uint8Array.from('IEND', (c) => c.charCodeAt(0)))).toBe(0xae426082);
  });
});
