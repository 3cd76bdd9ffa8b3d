// Pictures with few colours as palette images: a text page or a screenshot keeps its sharp
// edges and compresses far better than as a JPEG (a stamped A4 text page: ~60 KB instead of
// ~265 KB) or a full-colour PNG (the mark's antialiased edges break PNG's flat runs).
import { Histogram, bitsFor, flatShare, mapError, mapKeys, medianCut, type MapError, type Palette } from './quantise.ts';

export interface Indexed {
  width: number;
  height: number;
  /** r, g, b of each entry. */
  palette: Uint8Array;
  size: number;
  bits: number;
  /** zlib stream of the packed rows (with PNG's filter byte when asked for). */
  data: Uint8Array;
  error: MapError;
}

export interface IndexRequest {
  /** Palette sizes to try, smallest first (≤ 256): the first accepted one is used. */
  colours: number[];
  /** Only try when this share of pixels has one colour (a page's plain background). */
  minFlat?: number;
  /** Rows start with PNG's filter byte. */
  png: boolean;
  /** Whether the mapped picture is close enough; else no palette image is made. */
  accept: (e: MapError) => boolean;
}

type Source = ImageBitmap | OffscreenCanvas;

/** Reads the picture a strip of ~1 MB at a time: no full-size copy of its pixels. */
function strips(source: Source, fn: (rgba: Uint8ClampedArray, y: number, rows: number) => void): void {
  const { width, height } = source;
  const rows = Math.max(1, Math.min(height, Math.floor((1 << 18) / width)));
  const direct = source instanceof OffscreenCanvas;
  const ctx = direct ? source.getContext('2d') : new OffscreenCanvas(width, rows).getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d context');
  for (let y = 0; y < height; y += rows) {
    const n = Math.min(rows, height - y);
    if (!direct) {
      ctx.clearRect(0, 0, width, rows);
      ctx.drawImage(source, 0, y, width, n, 0, 0, width, n);
    }
    fn(ctx.getImageData(0, direct ? y : 0, width, n).data, y, n);
  }
}

/** The picture as a palette image, or undefined when it has too many colours (or any transparency). */
export async function indexPicture(source: Source, req: IndexRequest): Promise<Indexed | undefined> {
  const { width, height } = source;
  const h = new Histogram();
  // One read of the pixels: each pixel's bin is kept (2 bytes, a buffer reused from job to job)
  // instead of reading the picture a second time to map it.
  const keys = keyBuffer(width * height);
  strips(source, (rgba, y) => h.add(rgba, keys, y * width));
  if (h.translucent || (req.minFlat && flatShare(h) < req.minFlat)) return undefined;
  let palette: Palette | undefined, error: MapError | undefined;
  for (const n of req.colours) {
    const p = medianCut(h, n);
    const e = mapError(h, p);
    if (req.accept(e)) {
      (palette = p), (error = e);
      break;
    }
  }
  if (!palette || !error) return undefined;
  const bits = bitsFor(palette.size);
  const skip = req.png ? 1 : 0;
  const stride = skip + Math.ceil((width * bits) / 8);
  const raw = new Uint8Array(stride * height);
  mapKeys(keys, width, height, palette, bits, raw, stride, skip);
  return { width, height, palette: palette.rgb, size: palette.size, bits, data: await deflate(raw), error };
}

let keyCache = new Uint16Array(0);
const keyBuffer = (n: number) => (keyCache.length >= n ? keyCache : (keyCache = new Uint16Array(n))).subarray(0, n);

/** zlib (RFC 1950), as PNG's IDAT and PDF's FlateDecode want it: the browser's own, native. */
export async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
