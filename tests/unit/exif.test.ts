import { describe, expect, it } from 'vitest';
import { orientationOnlyTiff, summarizeTiff, type Orientation } from '../../src/core/formats/exif.ts';
import { tiff } from '../helpers/bytes.ts';

describe('exif', () => {
  it.each([false, true])('summarizes GPS, maker notes and thumbnails (little-endian: %s)', (littleEndian) => {
    expect(summarizeTiff(tiff({ orientation: 5, gps: true, makerNote: true, thumbnail: true, littleEndian }))).toEqual({
      orientation: 5,
      kinds: ['exif', 'gps', 'maker-notes', 'thumbnail'],
    });
    expect(summarizeTiff(tiff({ text: 'x', littleEndian }))).toEqual({ orientation: 1, kinds: ['exif'] });
  });

  it('never throws on garbage and ignores invalid orientations', () => {
    expect(summarizeTiff(Uint8Array.of(1, 2, 3))).toEqual({ orientation: 1, kinds: ['exif'] });
    expect(summarizeTiff(Uint8Array.of(0x4d, 0x4d, 0, 42, 0xff, 0xff, 0xff, 0xff))).toEqual({ orientation: 1, kinds: ['exif'] });
    expect(summarizeTiff(tiff({ orientation: 9 })).orientation).toBe(1);
  });

  it('writes an orientation-only TIFF that reads back', () => {
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8] as Orientation[]) {
      const t = orientationOnlyTiff(o);
      expect(t.length).toBe(26);
      expect(summarizeTiff(t)).toEqual({ orientation: o, kinds: ['exif'] });
    }
  });
});
