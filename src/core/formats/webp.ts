// WebP: walk the RIFF chunks; drop EXIF, XMP and unknown chunks, then fix the VP8X flags
// and the RIFF size so the file stays valid.
import { ascii, concat, fromAscii, hasAscii, le32, u16le, u24le, u32le } from '../bytes.ts';
import { StampError } from '../errors.ts';
import { orientationOnlyTiff, summarizeTiff } from './exif.ts';
import { scrubIcc } from './icc.ts';
import { KEEP, partition, type Verdict } from './partition.ts';
import type { ImageFormat, ImageInfo, StripResult } from './types.ts';

const DECODING = new Set(['VP8X', 'VP8 ', 'VP8L', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
const FLAG_XMP = 0x04;
const FLAG_EXIF = 0x08;

interface Chunk {
  id: string;
  start: number;
  dataStart: number;
  size: number;
  /** End including the pad byte. */
  end: number;
}

function walk(b: Uint8Array): { chunks: Chunk[]; riffEnd: number } {
  if (!hasAscii(b, 0, 'RIFF') || !hasAscii(b, 8, 'WEBP')) throw new StampError('corrupt', { kind: 'WebP' });
  const riffEnd = 8 + u32le(b, 4);
  if (riffEnd > b.length) throw new StampError('truncated');
  const chunks: Chunk[] = [];
  let o = 12;
  while (o < riffEnd) {
    if (o + 8 > riffEnd) throw new StampError('corrupt', { kind: 'WebP' });
    const size = u32le(b, o + 4);
    const end = o + 8 + size + (size & 1);
    if (o + 8 + size > riffEnd) throw new StampError('truncated');
    chunks.push({ id: ascii(b, o, 4), start: o, dataStart: o + 8, size, end: Math.min(end, riffEnd) });
    o = end;
  }
  const first = chunks[0]?.id;
  if (first !== 'VP8X' && first !== 'VP8 ' && first !== 'VP8L') throw new StampError('corrupt', { kind: 'WebP' });
  return { chunks, riffEnd };
}

function size(b: Uint8Array, c: Chunk): { width: number; height: number } {
  const d = c.dataStart;
  if (c.id === 'VP8X') return { width: u24le(b, d + 4) + 1, height: u24le(b, d + 7) + 1 };
  if (c.id === 'VP8L') {
    if (b[d] !== 0x2f) throw new StampError('corrupt', { kind: 'WebP' });
    const bits = u32le(b, d + 1);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  // VP8 key frame: 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height.
  if (b[d + 3] !== 0x9d || b[d + 4] !== 0x01 || b[d + 5] !== 0x2a) throw new StampError('corrupt', { kind: 'WebP' });
  return { width: u16le(b, d + 6) & 0x3fff, height: u16le(b, d + 8) & 0x3fff };
}

function judge(b: Uint8Array, c: Chunk): Verdict {
  if (DECODING.has(c.id)) return KEEP;
  if (c.id === 'EXIF') {
    // Some writers prefix the TIFF with "Exif\0\0".
    const skip = hasAscii(b, c.dataStart, 'Exif\0\0') ? 6 : 0;
    const sum = summarizeTiff(b.subarray(c.dataStart + skip, c.dataStart + c.size));
    return { keep: false, kinds: sum.kinds, orientation: sum.orientation };
  }
  if (c.id === 'XMP ') return { keep: false, kinds: ['xmp'] };
  return { keep: false, kinds: ['other'] };
}

function inspect(b: Uint8Array): ImageInfo {
  const { chunks, riffEnd } = walk(b);
  const { removed } = partition(chunks, (c) => judge(b, c), riffEnd < b.length);
  // Chromium shows WebP as stored, ignoring its EXIF orientation: a stamped copy must not turn
  // it either (strip-only keeps the tag, as the input had it, for viewers that read it).
  return { ...size(b, chunks[0]!), orientation: 1, metadata: removed, ...(bitstreamSound(b, chunks) ? {} : { verify: 'decode' as const }) };
}

/**
 * Would a browser decode it? The image chunk's own header: a VP8 key frame whose first
 * partition fits in the chunk, or a VP8L stream of version 0. Anything else (or an extended
 * file without an image chunk) is for the browser's decoder to decide in strip-only mode.
 */
function bitstreamSound(b: Uint8Array, chunks: Chunk[]): boolean {
  const image = chunks.find((c) => c.id === 'VP8 ' || c.id === 'VP8L');
  if (!image) return chunks.some((c) => c.id === 'ANMF');
  const d = image.dataStart;
  if (image.id === 'VP8L') return image.size > 5 && b[d + 4]! >> 5 === 0;
  if (image.size < 10) return false;
  const tag = b[d]! | (b[d + 1]! << 8) | (b[d + 2]! << 16);
  return (tag & 1) === 0 && ((tag >> 1) & 7) <= 3 && tag >>> 5 < image.size - 10;
}

function strip(b: Uint8Array, opts: { keepOrientation: boolean }): StripResult {
  const { chunks, riffEnd } = walk(b);
  const { kept: parts, removed, orientation } = partition(chunks, (c) => judge(b, c), riffEnd < b.length);
  const kept: Uint8Array[] = parts.map(({ part: c }) => {
    const bytes = b.slice(c.start, c.end);
    if (c.id === 'ICCP') bytes.set(scrubIcc(bytes.subarray(8, 8 + c.size)), 8); // generic text, same size
    return bytes;
  });
  const vp8x = chunks[0]!.id === 'VP8X' ? kept[0]! : undefined;
  // Simple (non-VP8X) files cannot carry EXIF, and their decoders ignore orientation anyway.
  const writeExif = opts.keepOrientation && orientation !== 1 && vp8x !== undefined;
  if (vp8x) vp8x[8] = (vp8x[8]! & ~(FLAG_XMP | FLAG_EXIF)) | (writeExif ? FLAG_EXIF : 0);
  if (writeExif) {
    // EXIF goes after the image data (the spec's chunk order); 26 bytes: even, no pad.
    const tiff = orientationOnlyTiff(orientation);
    kept.push(concat([fromAscii('EXIF'), le32(tiff.length), tiff]));
  }
  const body = concat(kept);
  return { bytes: concat([fromAscii('RIFF'), le32(body.length + 4), fromAscii('WEBP'), body]), removed, orientation };
}
export const webp: ImageFormat = { kind: 'webp', mime: 'image/webp', ext: 'webp', inspect, strip };

export const listWebpChunks = (b: Uint8Array): string[] => walk(b).chunks.map((c) => c.id);
