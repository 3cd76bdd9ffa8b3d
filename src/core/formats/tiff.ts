// TIFF (scanner programs' default): our own walk of the page chain (size, pages, orientation,
// metadata tags; cycles and bad offsets are a damaged file), pixels decoded by UTIF in a
// worker (tiff.worker.ts). Never written: pages come out as JPEG (PNG for black-and-white
// scans, which stay sharp and small), a multi-page scan as a PDF with every page.
import { StampError } from '../errors.ts';
import type { Orientation } from './exif.ts';
import TiffWorker from './tiff.worker.ts?worker';
import type { ImageFormat, ImageInfo, MetadataKind } from './types.ts';
import { toBitmap, workerDecoder } from './worker-decoder.ts';

/** Tags that describe the document, its maker or its place, not the pixels. */
const METADATA_TAGS: Record<number, MetadataKind> = {
  269: 'text', // DocumentName
  270: 'text', // ImageDescription
  271: 'exif', // Make
  272: 'exif', // Model
  285: 'text', // PageName
  305: 'exif', // Software
  306: 'time', // DateTime
  315: 'exif', // Artist
  316: 'exif', // HostComputer
  33432: 'text', // Copyright
  34665: 'exif', // Exif IFD
  34853: 'gps', // GPS IFD
  700: 'xmp',
  33723: 'iptc',
  34377: 'iptc', // Photoshop image resources
  37724: 'other', // Photoshop layers (ImageSourceData)
  330: 'thumbnail', // SubIFDs
};

const MAX_PAGES = 1000;

interface Page {
  width: number;
  height: number;
  bitsPerSample: number;
  orientation: Orientation;
}

function walk(b: Uint8Array): { pages: Page[]; metadata: MetadataKind[] } {
  if (b.length < 8) throw new StampError('truncated');
  const le = b[0] === 0x49;
  const r16 = (o: number) => (o + 2 > b.length ? -1 : le ? b[o]! | (b[o + 1]! << 8) : (b[o]! << 8) | b[o + 1]!);
  const r32 = (o: number) => (o + 4 > b.length ? -1 : (le ? b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24) : (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0);
  if (r16(2) !== 42) throw new StampError('corrupt', { kind: 'TIFF' }); // BigTIFF (43) not supported
  const pages: Page[] = [];
  const metadata: MetadataKind[] = [];
  const seen = new Set<number>();
  let ifd = r32(4);
  while (ifd !== 0) {
    if (ifd < 8 || seen.has(ifd) || pages.length >= MAX_PAGES) throw new StampError('corrupt', { kind: 'TIFF' });
    seen.add(ifd);
    const n = r16(ifd);
    if (n < 0 || ifd + 2 + n * 12 + 4 > b.length) throw new StampError(pages.length ? 'corrupt' : 'truncated', { kind: 'TIFF' });
    const page: Page = { width: 0, height: 0, bitsPerSample: 1, orientation: 1 };
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + i * 12;
      const tag = r16(e);
      const type = r16(e + 2);
      const value = type === 3 ? r16(e + 8) : r32(e + 8);
      if (tag === 256) page.width = value;
      else if (tag === 257) page.height = value;
      else if (tag === 258) page.bitsPerSample = r32(e + 4) === 1 ? r16(e + 8) : 8;
      else if (tag === 274 && value >= 1 && value <= 8) page.orientation = value as Orientation;
      const kind = METADATA_TAGS[tag];
      if (kind && !metadata.includes(kind)) metadata.push(kind);
    }
    if (page.width <= 0 || page.height <= 0) throw new StampError('corrupt', { kind: 'TIFF' });
    pages.push(page);
    ifd = r32(ifd + 2 + n * 12);
    if (ifd < 0) throw new StampError('truncated');
  }
  if (!pages.length) throw new StampError('corrupt', { kind: 'TIFF' });
  return { pages, metadata };
}

const decoder = workerDecoder(() => new TiffWorker(), 'TIFF');

export const tiff: ImageFormat = {
  kind: 'tiff',
  mime: 'image/tiff',
  ext: 'tif',
  inspect(b): ImageInfo {
    const { pages, metadata } = walk(b);
    const first = pages[0]!;
    return { width: first.width, height: first.height, orientation: first.orientation, metadata };
  },
  pages: (b) => walk(b).pages.length,
  output: (b) => (walk(b).pages[0]!.bitsPerSample === 1 ? 'png' : 'jpeg'),
  async decode(b, { maxPixels, signal, page = 1 }) {
    const bytes = b.slice();
    return toBitmap(await decoder({ bytes, page, maxPixels }, [bytes.buffer], signal));
  },
};

/** A page's facts, for multi-page output (size, orientation, black-and-white). */
export function tiffPage(b: Uint8Array, n: number): ImageInfo & { bilevel: boolean } {
  const { pages, metadata } = walk(b);
  const p = pages[n - 1]!;
  return { width: p.width, height: p.height, orientation: p.orientation, metadata, bilevel: p.bitsPerSample === 1 };
}
