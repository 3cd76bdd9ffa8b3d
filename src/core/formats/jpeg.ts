// JPEG: walk the marker segments; keep what decoding needs, drop every APPn/COM that
// carries metadata, and everything after EOI (motion-photo videos, MPF pages, trailers).
import { be16, concat, hasAscii, u16 } from '../bytes.ts';
import { StampError } from '../errors.ts';
import { EXIF_HEADER, orientationOnlyTiff, summarizeTiff } from './exif.ts';
import { scrubIcc } from './icc.ts';
import { jpegHeadersSound } from './jpeg-check.ts';
import { KEEP, partition, type Verdict } from './partition.ts';
import type { ImageFormat, ImageInfo, StripResult } from './types.ts';
import type { JpegHeader } from '../raster/jpeg-frame.ts';

interface Segment {
  marker: number;
  start: number;
  /** End of the segment, including entropy-coded data after an SOS. */
  end: number;
}

interface Walk {
  segments: Segment[];
  /** Offset just after EOI (the file's end when EOI is missing). */
  eoiEnd: number;
  /** The scans ran to the end of the file without an EOI: complete, or cut short. */
  endMissing: boolean;
  width: number;
  height: number;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const isApp = (m: number) => m >= 0xe0 && m <= 0xef;
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
const isStandalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);

function walk(b: Uint8Array): Walk {
  if (b[0] !== 0xff || b[1] !== SOI) throw new StampError('corrupt', { kind: 'JPEG' });
  const segments: Segment[] = [];
  let width = 0;
  let height = 0;
  let sawSos = false;
  let o = 2;
  // The file ends where a marker should be: after the scans, only EOI is missing, which
  // browsers tolerate (whether the last scan is whole, only a decode can tell).
  const ended = (): Walk => {
    if (!sawSos || width === 0) throw new StampError('truncated');
    return { segments, eoiEnd: b.length, width, height, endMissing: true };
  };
  for (;;) {
    if (o >= b.length) return ended();
    if (b[o] !== 0xff) throw new StampError('corrupt', { kind: 'JPEG' });
    while (o < b.length && b[o] === 0xff) o++; // fill bytes
    if (o >= b.length) return ended();
    const marker = b[o]!;
    const start = o - 1;
    o++;
    if (marker === EOI) {
      if (!sawSos || width === 0) throw new StampError('corrupt', { kind: 'JPEG' });
      return { segments, eoiEnd: o, width, height, endMissing: false };
    }
    if (isStandalone(marker)) {
      segments.push({ marker, start, end: o });
      continue;
    }
    if (o + 2 > b.length) throw new StampError('truncated');
    const len = u16(b, o);
    if (len < 2) throw new StampError('corrupt', { kind: 'JPEG' });
    o += len;
    if (o > b.length) throw new StampError('truncated');
    if (isSof(marker)) {
      if (len < 8) throw new StampError('corrupt', { kind: 'JPEG' });
      height = u16(b, start + 5);
      width = u16(b, start + 7);
      if (width === 0) throw new StampError('corrupt', { kind: 'JPEG' });
    }
    if (marker === SOS) {
      sawSos = true;
      o = entropyEnd(b, o);
    }
    segments.push({ marker, start, end: o });
  }
}

/**
 * Entropy-coded data ends at the first 0xFF that is not stuffing (FF00) or a restart marker,
 * or at the end of a file without EOI.
 */
function entropyEnd(b: Uint8Array, o: number): number {
  for (;;) {
    const ff = b.indexOf(0xff, o);
    if (ff < 0) return b.length;
    if (ff + 1 >= b.length) return ff;
    const n = b[ff + 1]!;
    if (n === 0x00 || (n >= 0xd0 && n <= 0xd7) || n === 0xff) {
      o = n === 0xff ? ff + 1 : ff + 2;
      continue;
    }
    return ff;
  }
}

/** Markers a decoder needs: frame, tables, scans, restarts. Reserved ones (JPGn…) are dropped. */
const isDecoding = (m: number) => isSof(m) || m === 0xc4 || m === 0xcc || m === 0xdb || m === 0xdd || m === 0xdc || m === SOS || (m >= 0xd0 && m <= 0xd7) || m === 0x01;

const ICC = 'ICC_PROFILE\0';
/** An APP2 segment holding (a part of) an ICC profile. */
const isIcc = (b: Uint8Array, s: Segment) => s.marker === 0xe2 && hasAscii(b, s.start + 4, ICC);

/**
 * The ICC profile (possibly split over several APP2 segments) with its text made generic:
 * segment start → rewritten segment. Same lengths, so nothing else moves.
 */
function scrubbedIcc(b: Uint8Array, segments: Segment[]): Map<number, Uint8Array> {
  const parts = segments.filter((s) => isIcc(b, s) && s.end - s.start > 18);
  parts.sort((x, y) => b[x.start + 16]! - b[y.start + 16]!); // by sequence number
  const out = new Map<number, Uint8Array>();
  if (!parts.length) return out;
  const profile = concat(parts.map((s) => b.subarray(s.start + 18, s.end)));
  const clean = scrubIcc(profile);
  if (clean === profile) return out;
  let o = 0;
  for (const s of parts) {
    const seg = b.slice(s.start, s.end);
    seg.set(clean.subarray(o, o + seg.length - 18), 18);
    o += seg.length - 18;
    out.set(s.start, seg);
  }
  return out;
}

/** Decides one segment: kept as is, kept rewritten, or removed (with what it carried). */
function judge(b: Uint8Array, s: Segment, icc: Map<number, Uint8Array>): Verdict {
  const { marker, start } = s;
  const p = start + 4; // payload after marker + length
  if (marker === COM) return { keep: false, kinds: ['comment'] };
  if (!isApp(marker)) return isDecoding(marker) ? KEEP : { keep: false, kinds: ['app-segment'] };
  switch (marker) {
    case 0xe0:
      if (hasAscii(b, p, 'JFIF\0') && s.end - p >= 14) {
        // Keep JFIF (density/aspect matter to some decoders) but without its thumbnail.
        const jfif = b.slice(start, start + 18);
        jfif[2] = 0;
        jfif[3] = 16;
        jfif[16] = 0;
        jfif[17] = 0;
        return { keep: true, bytes: jfif, kinds: s.end - start > 18 ? ['thumbnail'] : [] };
      }
      return { keep: false, kinds: [hasAscii(b, p, 'JFXX\0') ? 'thumbnail' : 'app-segment'] };
    case 0xe1:
      if (hasAscii(b, p, 'Exif\0')) {
        const sum = summarizeTiff(b.subarray(p + 6, s.end));
        return { keep: false, kinds: sum.kinds, orientation: sum.orientation };
      }
      if (hasAscii(b, p, 'http://ns.adobe.com/xap/1.0/\0')) return { keep: false, kinds: ['xmp'] };
      if (hasAscii(b, p, 'http://ns.adobe.com/xmp/extension/\0')) return { keep: false, kinds: ['xmp-extended'] };
      return { keep: false, kinds: ['app-segment'] };
    case 0xe2:
      // Colour, needed for the same pixels; its text tags made generic.
      if (hasAscii(b, p, ICC)) return { keep: true, bytes: icc.get(start), kinds: [] };
      if (hasAscii(b, p, 'MPF\0')) return { keep: false, kinds: ['mpf'] };
      return { keep: false, kinds: ['app-segment'] };
    case 0xeb:
      return { keep: false, kinds: ['c2pa'] }; // JUMBF (C2PA content credentials)
    case 0xed:
      return { keep: false, kinds: ['iptc'] }; // Photoshop IRB with IPTC
    case 0xee:
      if (hasAscii(b, p, 'Adobe') && s.end - p >= 12) {
        // The colour transform byte decides YCbCr vs RGB/YCCK: keep it, zero the rest.
        return {
          keep: true,
          bytes: Uint8Array.of(0xff, 0xee, 0, 14, 0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, b[p + 11]!),
          kinds: [],
        };
      }
      return { keep: false, kinds: ['app-segment'] };
    default:
      return { keep: false, kinds: ['app-segment'] };
  }
}

function inspect(b: Uint8Array): ImageInfo {
  const w = walk(b);
  const { removed, orientation } = partition(w.segments, (s) => judge(b, s, new Map()), w.eoiEnd < b.length);
  const doubt: Pick<ImageInfo, 'warnings' | 'verify'> = w.endMissing ? { warnings: ['end-marker-missing'], verify: 'truncated' } : jpegHeadersSound(b, w.segments) ? {} : { verify: 'decode' };
  return { width: w.width, height: w.height, orientation, metadata: removed, ...doubt };
}

function strip(b: Uint8Array, opts: { keepOrientation: boolean }): StripResult {
  const w = walk(b);
  const icc = scrubbedIcc(b, w.segments);
  const { kept, removed, orientation } = partition(w.segments, (s) => judge(b, s, icc), w.eoiEnd < b.length);
  const out = [b.subarray(0, 2), ...kept.map(({ part: s, bytes }) => bytes ?? b.subarray(s.start, s.end)), Uint8Array.of(0xff, EOI)];
  if (opts.keepOrientation && orientation !== 1) {
    // After SOI, or after JFIF, which must come first.
    const at = kept[0]?.part.marker === 0xe0 ? 2 : 1;
    const tiff = orientationOnlyTiff(orientation);
    out.splice(at, 0, concat([Uint8Array.of(0xff, 0xe1), be16(2 + EXIF_HEADER.length + tiff.length), EXIF_HEADER, tiff]));
  }
  return { bytes: concat(out), removed, orientation };
}

/**
 * The frame header of a JPEG: size, components, precision, whether it is a process browsers
 * decode (baseline, extended or progressive Huffman), and whether it carries an ICC profile.
 * Undefined when the file cannot be walked.
 */
export function jpegFrame(b: Uint8Array): { width: number; height: number; components: number; precision: number; huffman: boolean; profile: boolean } | undefined {
  let w: Walk;
  try {
    w = walk(b);
  } catch {
    return undefined;
  }
  return frameOf(b, w);
}

function frameOf(b: Uint8Array, w: Walk): ReturnType<typeof jpegFrame> {
  const sof = w.segments.find((s) => isSof(s.marker));
  if (!sof) return undefined;
  const p = sof.start + 4;
  const profile = w.segments.some((s) => isIcc(b, s));
  return { width: w.width, height: w.height, precision: b[p]!, components: b[p + 5]!, huffman: sof.marker <= 0xc2, profile };
}

export const jpeg: ImageFormat = { kind: 'jpeg', mime: 'image/jpeg', ext: 'jpg', inspect, strip };

/** What raster/jpeg-frame.ts needs to decode a JPEG shrunk: its size, process and EXIF turn. */
export function jpegHeader(b: Uint8Array): JpegHeader | undefined {
  try {
    // One walk of the markers for both (it runs on the page's thread, once a file).
    const w = walk(b);
    const frame = frameOf(b, w);
    if (!frame) return undefined;
    const { orientation } = partition(w.segments, (s) => judge(b, s, new Map()), w.eoiEnd < b.length);
    return { width: frame.width, height: frame.height, huffman: frame.huffman, orientation };
  } catch {
    return undefined;
  }
}

/** For tests and debugging: the markers of a JPEG in order, e.g. ["SOI","APP0","DQT",…]. */
export function listMarkers(b: Uint8Array): string[] {
  const names: Record<number, string> = { 0xc4: 'DHT', 0xdb: 'DQT', 0xdd: 'DRI', 0xda: 'SOS', 0xfe: 'COM' };
  const name = (m: number) => names[m] ?? (isApp(m) ? `APP${m - 0xe0}` : isSof(m) ? `SOF${m - 0xc0}` : `0x${m.toString(16)}`);
  const w = walk(b);
  return ['SOI', ...w.segments.map((s) => name(s.marker)), 'EOI'];
}
