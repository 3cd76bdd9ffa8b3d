// Builders for byte-level fixtures: real pixel data from sharp, metadata containers by hand,
// so each walker test knows exactly which segment or chunk it put where.
import sharp from 'sharp';
import { concat, crc32, fromAscii } from '../../src/core/bytes.ts';

export { concat, fromAscii };

export const be16 = (v: number) => Uint8Array.of(v >> 8, v & 255);
export const be32 = (v: number) => Uint8Array.of(v >>> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255);
export const le32 = (v: number) => Uint8Array.of(v & 255, (v >> 8) & 255, (v >> 16) & 255, v >>> 24);

export function contains(hay: Uint8Array, needle: string): boolean {
  return Buffer.from(hay).includes(Buffer.from(needle, 'latin1'));
}

/** A small picture with structure (gradient + blocks) so pixel comparisons mean something. */
export async function pixels(width = 64, height = 48): Promise<{ raw: Buffer; width: number; height: number }> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = (x ^ y) & 16 ? 200 : 40;
    }
  return { raw, width, height };
}

export async function encode(kind: 'jpeg' | 'png' | 'webp', opts: { lossless?: boolean } = {}): Promise<Uint8Array> {
  const { raw, width, height } = await pixels();
  const s = sharp(raw, { raw: { width, height, channels: 3 } });
  const buf = kind === 'jpeg' ? await s.jpeg({ quality: 90 }).toBuffer() : kind === 'png' ? await s.png().toBuffer() : await s.webp({ quality: 80, lossless: !!opts.lossless }).toBuffer();
  return new Uint8Array(buf);
}

/** Decoded RGBA of any image, without applying EXIF orientation. */
export async function decodeRaw(b: Uint8Array): Promise<Buffer> {
  return sharp(b).ensureAlpha().raw().toBuffer();
}

// --- TIFF (EXIF payload) -----------------------------------------------------------------
export interface TiffOpts {
  orientation?: number;
  gps?: boolean;
  makerNote?: boolean;
  thumbnail?: boolean;
  littleEndian?: boolean;
  text?: string; // an ASCII ImageDescription, as a needle
}

/** A real TIFF structure: IFD0 (+ Exif IFD with MakerNote, + GPS IFD, + IFD1 thumbnail). */
export function tiff(o: TiffOpts): Uint8Array {
  const le = !!o.littleEndian;
  const out: number[] = [];
  const w16 = (v: number) => (le ? out.push(v & 255, v >> 8) : out.push(v >> 8, v & 255));
  const w32 = (v: number) => (le ? out.push(v & 255, (v >> 8) & 255, (v >> 16) & 255, v >>> 24) : out.push(v >>> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255));
  type Entry = [tag: number, type: number, count: number, value: number];
  const text = o.text ? o.text + '\0' : '';
  const ifd0: Entry[] = [];
  // Layout: header(8) | IFD0 | ExifIFD | GPS IFD | IFD1 | text | thumbnail data
  const ifdSize = (n: number) => 2 + n * 12 + 4;
  if (o.text) ifd0.push([0x010e, 2, text.length, 0]);
  if (o.orientation) ifd0.push([0x0112, 3, 1, o.orientation]);
  if (o.makerNote) ifd0.push([0x8769, 4, 1, 0]);
  if (o.gps) ifd0.push([0x8825, 4, 1, 0]);
  const exifIfd: Entry[] = o.makerNote ? [[0x927c, 7, 4, 0x41424344]] : [];
  const gpsIfd: Entry[] = o.gps ? [[0x0000, 1, 4, 0x02020000]] : [];
  const ifd1: Entry[] = o.thumbnail
    ? [
        [0x0201, 4, 1, 0],
        [0x0202, 4, 1, 4],
      ]
    : [];
  let at = 8 + ifdSize(ifd0.length);
  const exifAt = exifIfd.length ? at : 0;
  at += exifIfd.length ? ifdSize(exifIfd.length) : 0;
  const gpsAt = gpsIfd.length ? at : 0;
  at += gpsIfd.length ? ifdSize(gpsIfd.length) : 0;
  const ifd1At = ifd1.length ? at : 0;
  at += ifd1.length ? ifdSize(ifd1.length) : 0;
  const textAt = at;
  at += text.length;
  const thumbAt = at;
  for (const e of ifd0) {
    if (e[0] === 0x8769) e[3] = exifAt;
    if (e[0] === 0x8825) e[3] = gpsAt;
    if (e[0] === 0x010e) e[3] = textAt;
  }
  if (ifd1.length) ifd1[0]![3] = thumbAt;
  const writeIfd = (entries: Entry[], next: number) => {
    w16(entries.length);
    for (const [tag, type, count, value] of entries) {
      w16(tag);
      w16(type);
      w32(count);
      if (type === 3 && count === 1) {
        w16(value);
        w16(0);
      } else w32(value);
    }
    w32(next);
  };
  if (le) out.push(0x49, 0x49, 42, 0, 8, 0, 0, 0);
  else out.push(0x4d, 0x4d, 0, 42, 0, 0, 0, 8);
  writeIfd(ifd0, ifd1At);
  if (exifIfd.length) writeIfd(exifIfd, 0);
  if (gpsIfd.length) writeIfd(gpsIfd, 0);
  if (ifd1.length) writeIfd(ifd1, 0);
  for (const c of text) out.push(c.charCodeAt(0));
  if (o.thumbnail) out.push(0xff, 0xd8, 0xff, 0xd9);
  return Uint8Array.from(out);
}

// --- containers ---------------------------------------------------------------------------
export const jpegSegment = (marker: number, payload: Uint8Array) => concat([Uint8Array.of(0xff, marker), be16(payload.length + 2), payload]);

/** Inserts segments right after SOI (and after APP0 JFIF when present). */
export function insertJpegSegments(jpeg: Uint8Array, segments: Uint8Array[]): Uint8Array {
  let at = 2;
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) at = 4 + ((jpeg[4]! << 8) | jpeg[5]!);
  return concat([jpeg.subarray(0, at), ...segments, jpeg.subarray(at)]);
}

export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const body = concat([fromAscii(type), data]);
  return concat([be32(data.length), body, be32(crc32(body))]);
}

/** Inserts chunks right after IHDR. */
export function insertPngChunks(png: Uint8Array, chunks: Uint8Array[]): Uint8Array {
  return concat([png.subarray(0, 33), ...chunks, png.subarray(33)]);
}

export function riffChunk(id: string, data: Uint8Array): Uint8Array {
  return concat([fromAscii(id), le32(data.length), data, data.length & 1 ? Uint8Array.of(0) : new Uint8Array(0)]);
}

export function riff(chunks: Uint8Array[]): Uint8Array {
  const body = concat(chunks);
  return concat([fromAscii('RIFF'), le32(body.length + 4), fromAscii('WEBP'), body]);
}

/** The chunks of a simple WebP (after the 12-byte RIFF header), as [id, data] pairs. */
export function webpChunks(b: Uint8Array): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  for (let o = 12; o + 8 <= b.length;) {
    const size = b[o + 4]! | (b[o + 5]! << 8) | (b[o + 6]! << 16) | (b[o + 7]! << 24);
    out.push([String.fromCharCode(...b.subarray(o, o + 4)), b.subarray(o + 8, o + 8 + size)]);
    o += 8 + size + (size & 1);
  }
  return out;
}

export function vp8x(flags: number, width: number, height: number): Uint8Array {
  const w = width - 1;
  const h = height - 1;
  return riffChunk('VP8X', Uint8Array.of(flags, 0, 0, 0, w & 255, (w >> 8) & 255, w >> 16, h & 255, (h >> 8) & 255, h >> 16));
}
