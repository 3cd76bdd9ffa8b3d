// PNG: walk the chunks (CRC-checked); keep critical chunks and the ones that change how
// pixels decode or animate; drop text, time, EXIF and any other ancillary chunk.
import { ascii, be32, concat, crc32, fromAscii, hasAscii, u32 } from '../bytes.ts';
import { StampError } from '../errors.ts';
import { deflate, inflate } from 'pako';
import { orientationOnlyTiff, summarizeTiff } from './exif.ts';
import { scrubIcc } from './icc.ts';
import { KEEP, partition, type Verdict } from './partition.ts';
import type { ImageFormat, ImageInfo, MetadataKind, StripResult } from './types.ts';

const SIGNATURE = '\x89PNG\r\n\x1a\n';

/** Ancillary chunks that decoding (colour, transparency, animation) needs. */
const DECODING = new Set(['tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'cICP', 'mDCv', 'cLLi', 'acTL', 'fcTL', 'fdAT']);

interface Chunk {
  type: string;
  /** An ancillary chunk whose CRC is wrong: browsers skip it, so do we. */
  damaged?: boolean;
  start: number;
  dataStart: number;
  end: number;
}

function walk(b: Uint8Array): { chunks: Chunk[]; iendEnd: number } {
  if (!hasAscii(b, 0, SIGNATURE)) throw new StampError('corrupt', { kind: 'PNG' });
  const chunks: Chunk[] = [];
  let o = 8;
  for (;;) {
    if (o + 12 > b.length) throw new StampError('truncated');
    const len = u32(b, o);
    const type = ascii(b, o + 4, 4);
    const end = o + 12 + len;
    if (len > 0x7fffffff || end > b.length) throw new StampError('truncated');
    if (!/^[A-Za-z]{4}$/.test(type) || (chunks.length === 0 && type !== 'IHDR')) throw new StampError('corrupt', { kind: 'PNG' });
    const damaged = crc32(b, o + 4, end - 4) !== u32(b, end - 4);
    if (damaged && type.charCodeAt(0) < 0x61) throw new StampError('corrupt', { kind: 'PNG' }); // critical chunk
    chunks.push({ type, start: o, dataStart: o + 8, end, ...(damaged ? { damaged } : {}) });
    o = end;
    if (type === 'IEND') return { chunks, iendEnd: o };
  }
}

function judge(b: Uint8Array, c: Chunk): Verdict {
  if (c.damaged) return { keep: false, kinds: [] };
  const critical = c.type.charCodeAt(0) < 0x61; // uppercase first letter
  if (critical || DECODING.has(c.type)) return KEEP;
  switch (c.type) {
    case 'eXIf': {
      const sum = summarizeTiff(b.subarray(c.dataStart, c.end - 4));
      return { keep: false, kinds: sum.kinds, orientation: sum.orientation };
    }
    case 'iTXt':
      return { keep: false, kinds: [hasAscii(b, c.dataStart, 'XML:com.adobe.xmp\0') ? 'xmp' : 'text'] };
    case 'tEXt':
    case 'zTXt':
      // exiftool and ImageMagick store EXIF/XMP/IPTC as "Raw profile type …" text.
      return { keep: false, kinds: [rawProfileKind(b, c.dataStart)] };
    case 'tIME':
      return { keep: false, kinds: ['time'] };
    case 'caBX':
      return { keep: false, kinds: ['c2pa'] };
    default:
      return { keep: false, kinds: ['other'] };
  }
}

function rawProfileKind(b: Uint8Array, o: number): MetadataKind {
  if (hasAscii(b, o, 'Raw profile type exif') || hasAscii(b, o, 'Raw profile type APP1')) return 'exif';
  if (hasAscii(b, o, 'Raw profile type xmp')) return 'xmp';
  if (hasAscii(b, o, 'Raw profile type iptc')) return 'iptc';
  return 'text';
}

function inspect(b: Uint8Array): ImageInfo {
  const { chunks, iendEnd } = walk(b);
  const ihdr = chunks[0]!;
  if (ihdr.end - ihdr.dataStart - 4 !== 13) throw new StampError('corrupt', { kind: 'PNG' });
  if (!chunks.some((c) => c.type === 'IDAT')) throw new StampError('corrupt', { kind: 'PNG' });
  const { removed, orientation } = partition(chunks, (c) => judge(b, c), iendEnd < b.length);
  const warnings = chunks.some((c) => c.damaged) ? (['damaged-part-skipped'] as const) : [];
  return {
    width: u32(b, ihdr.dataStart),
    height: u32(b, ihdr.dataStart + 4),
    orientation,
    metadata: removed,
    warnings: [...warnings],
    ...(headersSound(b, chunks) ? {} : { verify: 'decode' as const }),
  };
}

/** Bit depths each colour type allows (PNG spec, table 11.1). */
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/**
 * Would a browser decode it? The CRCs already vouch for every critical chunk's bytes, so what
 * is left is whether the header and the zlib stream's header make sense; if not, strip-only
 * lets the browser's decoder decide (image.ts).
 */
function headersSound(b: Uint8Array, chunks: Chunk[]): boolean {
  const h = chunks[0]!.dataStart;
  const [depth, colour, compression, filter, interlace] = [b[h + 8]!, b[h + 9]!, b[h + 10]!, b[h + 11]!, b[h + 12]!];
  if (!DEPTHS[colour]?.includes(depth) || compression !== 0 || filter !== 0 || interlace > 1) return false;
  if (u32(b, h) === 0 || u32(b, h + 4) === 0) return false;
  if (colour === 3 && !chunks.some((c) => c.type === 'PLTE')) return false;
  const idat = chunks.find((c) => c.type === 'IDAT')!;
  if (idat.end - 4 - idat.dataStart < 2) return false;
  const cmf = b[idat.dataStart]!;
  const flg = b[idat.dataStart + 1]!;
  return (cmf & 15) === 8 && cmf >> 4 <= 7 && (cmf * 256 + flg) % 31 === 0 && (flg & 0x20) === 0;
}

function strip(b: Uint8Array, opts: { keepOrientation: boolean }): StripResult {
  const { chunks, iendEnd } = walk(b);
  const { kept, removed, orientation } = partition(chunks, (c) => judge(b, c), iendEnd < b.length);
  const out = [b.subarray(0, 8), ...kept.map(({ part: c }) => (c.type === 'iCCP' ? genericIccp(b, c) : b.subarray(c.start, c.end)))];
  // eXIf must come before IDAT: right after IHDR.
  if (opts.keepOrientation && orientation !== 1) out.splice(2, 0, chunk('eXIf', orientationOnlyTiff(orientation)));
  return { bytes: concat(out), removed, orientation };
}
/** iCCP with a generic profile name and the profile's text made generic (icc.ts). */
function genericIccp(b: Uint8Array, c: Chunk): Uint8Array {
  const data = b.subarray(c.dataStart, c.end - 4);
  const nul = data.indexOf(0);
  try {
    if (nul < 1 || nul > 79 || data[nul + 1] !== 0) throw new Error('not a zlib profile');
    const profile = scrubIcc(inflate(data.subarray(nul + 2)));
    return chunk('iCCP', concat([fromAscii('ICC Profile\0\0'), deflate(profile)]));
  } catch {
    // A profile we cannot read decides no colours in browsers either: drop it with its name.
    return new Uint8Array(0);
  }
}

/** A complete chunk: length, type, data, CRC. */
export function chunk(type: string, data: Uint8Array): Uint8Array {
  const body = concat([fromAscii(type), data]);
  return concat([be32(data.length), body, be32(crc32(body))]);
}

export const png: ImageFormat = { kind: 'png', mime: 'image/png', ext: 'png', inspect, strip };

/** For tests: the chunk types of a PNG in order. */
export const listChunks = (b: Uint8Array): string[] => walk(b).chunks.map((c) => c.type);
