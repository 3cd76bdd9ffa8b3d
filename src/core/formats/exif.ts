// Just enough TIFF/EXIF to (a) read the orientation, (b) say what a block of EXIF holds
// for the report, and (c) write an orientation-only EXIF so a stripped photo stays upright.
import type { MetadataKind } from '../codes.ts';

export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const TAG_ORIENTATION = 0x0112;
const TAG_EXIF_IFD = 0x8769;
const TAG_GPS_IFD = 0x8825;
const TAG_MAKER_NOTE = 0x927c;

export interface ExifSummary {
  orientation: Orientation;
  kinds: MetadataKind[];
}

/** Reads a TIFF structure (the payload of an EXIF block, after any "Exif\0\0"). Never throws. */
export function summarizeTiff(t: Uint8Array): ExifSummary {
  const kinds = new Set<MetadataKind>(['exif']);
  let orientation: Orientation = 1;
  const le = t[0] === 0x49 && t[1] === 0x49;
  if (!le && !(t[0] === 0x4d && t[1] === 0x4d)) return { orientation, kinds: [...kinds] };
  const r16 = (o: number) => (o + 2 > t.length ? -1 : le ? t[o]! | (t[o + 1]! << 8) : (t[o]! << 8) | t[o + 1]!);
  const r32 = (o: number) => (o + 4 > t.length ? -1 : (le ? t[o]! | (t[o + 1]! << 8) | (t[o + 2]! << 16) | (t[o + 3]! << 24) : (t[o]! << 24) | (t[o + 1]! << 16) | (t[o + 2]! << 8) | t[o + 3]!) >>> 0);

  // Visits one IFD's entries; returns the next-IFD offset (0 when none or unreadable).
  const ifd = (off: number, visit: (tag: number, entry: number) => void): number => {
    const n = r16(off);
    if (n <= 0 || off + 2 + n * 12 + 4 > t.length) return 0;
    for (let i = 0; i < n; i++) {
      const e = off + 2 + i * 12;
      visit(r16(e), e);
    }
    return r32(off + 2 + n * 12);
  };

  const ifd0 = r32(4);
  let exifIfd = 0;
  const next = ifd(ifd0, (tag, e) => {
    if (tag === TAG_ORIENTATION) {
      const v = r16(e + 8);
      if (v >= 1 && v <= 8) orientation = v as Orientation;
    } else if (tag === TAG_GPS_IFD) kinds.add('gps');
    else if (tag === TAG_EXIF_IFD) exifIfd = r32(e + 8);
  });
  if (exifIfd > 0) ifd(exifIfd, (tag) => tag === TAG_MAKER_NOTE && kinds.add('maker-notes'));
  if (next > 0 && r16(next) > 0) kinds.add('thumbnail');
  return { orientation, kinds: [...kinds] };
}

/** A big-endian TIFF with one IFD holding only the Orientation tag. */
export function orientationOnlyTiff(o: Orientation): Uint8Array {
  // "MM" 42, IFD at 8; 1 entry: tag 0x0112 SHORT count 1 value o; next IFD 0.
  return Uint8Array.of(0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0, 0, 0, 0, 0);
}

export const EXIF_HEADER = Uint8Array.of(0x45, 0x78, 0x69, 0x66, 0, 0); // "Exif\0\0"
