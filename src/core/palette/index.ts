// Pictures with few colours as palette images: a text page or a screenshot keeps its sharp
// edges and compresses far better than as a JPEG (a stamped A4 text page: ~60 KB instead of
// ~265 KB) or a full-colour PNG (the mark's antialiased edges break PNG's flat runs).
import { readFrame } from '../raster/frame.ts';
import { deflateInto, type Alongside } from './deflate.ts';
import { give, take } from '../raster/spare.ts';
import { Histogram, bitsFor, flatShare, mapError, mapKeys, medianCut, PixelError, mapTraced, TRACE_RESERVE, withTraceVariants, type MapError, type Palette, type TraceVariants } from './quantise.ts';

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
  /** A second thread for deflating half of the rows (deflate.ts). */
  alongside?: Alongside;
  /**
   * The picture carries the invisible trace: its most common colours get variants that keep it
   * (withTraceVariants); the count keeps each pixel's exact colour for them (its low bits).
   */
  keepTrace?: boolean;
  /**
   * Called once a palette is chosen, before the rows are packed: the picture has been read and
   * its source may be let go (a PDF page's bitmap in the encoder, while it maps and deflates).
   */
  read?: () => void;
}

type Source = ImageBitmap | OffscreenCanvas;
type Strip = (rgba: Uint8ClampedArray, y: number, rows: number) => void;

/** Rows of the picture read at a time: ~1 MB, never a full-size copy of its pixels. */
const stripRows = (width: number, height: number) => Math.max(1, Math.min(height, Math.floor((1 << 18) / width)));

/** Reads the picture a strip at a time, through its canvas (a canvas) or a small one (a bitmap). */
function canvasStrips(source: Source, fn: Strip): void {
  const { width, height } = source;
  const rows = stripRows(width, height);
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

/**
 * A picture counted a strip at a time, each strip copied (VideoFrame.copyTo) straight into the
 * histogram's own memory, in the browser's byte order: getImageData would leave ~1 MB of
 * garbage a strip, a picture's worth a picture, which the collector lets pile up (a 6 MP
 * screenshot: 24 MB; a long PDF: a page's worth a page), and converts every pixel to RGBA.
 * False where there is no frame to read (the caller starts again with getImageData, canvasStrips).
 */
async function frameStrips(source: Source, h: Histogram, keys: Uint16Array, low?: Uint16Array): Promise<boolean> {
  const { width, height } = source;
  const rows = stripRows(width, height);
  const room = h.room(width * rows);
  if (!room) return false;
  return readFrame(source, async (copy) => {
    for (let y = 0; y < height; y += rows) {
      const n = Math.min(rows, height - y);
      const order = await copy(room.subarray(0, width * n * 4), { x: 0, y, width, height: n }, true);
      h.addRoom(width * n, order, keys, y * width, low);
    }
  });
}

/**
 * A picture read and its palette chosen, not yet packed: each pixel's histogram bin (`keys`)
 * and the palette that maps bins to entries.
 */
interface Analysis {
  width: number;
  height: number;
  keys: Uint16Array<ArrayBuffer>;
  palette: Palette;
  error: MapError;
  /**
   * A traced picture's: its palette's variants, each pixel's low bits (with its bin, its exact
   * colour), and where its error is measured pixel by pixel.
   */
  traced?: { variants: TraceVariants; low: Uint16Array<ArrayBuffer>; exact: PixelError };
}

/** The picture as a palette image, or undefined when it has too many colours (or any transparency). */
export async function indexPicture(source: Source, req: IndexRequest): Promise<Indexed | undefined> {
  const a = await analysePicture(source, req);
  if (!a) return undefined;
  req.read?.();
  try {
    return await packPicture(a, req.png, req.alongside, req.accept);
  } catch (e) {
    if (e instanceof NotKept) return undefined;
    throw e;
  } finally {
    give('keys', a.keys);
    if (a.traced) give('low', a.traced.low);
  }
}

/**
 * Reads the picture once and picks the smallest accepted palette; undefined when none is (too
 * many colours, transparency, not flat enough). The keys are lent from this thread's spare
 * buffer: give them back when done.
 */
async function analysePicture(source: Source, req: Omit<IndexRequest, 'png'>): Promise<Analysis | undefined> {
  const { width, height } = source;
  // Buffers reused from picture to picture (the collector would let a long PDF's pile up); a
  // picture indexed while another is gets its own.
  const h = takeHistogram();
  // One read of the pixels: each pixel's bin is kept (2 bytes) instead of reading the picture a
  // second time to map it.
  const keys = new Uint16Array(take('keys', width * height * 2).buffer, 0, width * height);
  // A traced picture's pixels' low bits too (2 bytes more a pixel), so that it is read once.
  const low = req.keepTrace ? new Uint16Array(take('low', width * height * 2).buffer, 0, width * height) : undefined;
  let kept = false;
  try {
    if (!(await frameStrips(source, h, keys, low))) {
      h.reset(); // a frame read that failed part-way may have counted some strips
      canvasStrips(source, (rgba, y) => h.add(rgba, keys, y * width, low));
    }
    if (h.translucent || (req.minFlat && flatShare(h) < req.minFlat)) return undefined;
    for (const n of req.colours) {
      const palette = medianCut(h, req.keepTrace ? Math.min(n, 256 - TRACE_RESERVE) : n);
      const error = mapError(h, palette);
      // A traced picture's bins hold the trace's own spread, which the variants keep: its mean
      // error is measured pixel by pixel once mapped (packPicture).
      if (!req.accept(low ? { ...error, mean: 0 } : error)) continue;
      if (!low) {
        kept = true;
        return { width, height, keys, error, palette };
      }
      const exact = PixelError.for(h);
      if (!exact) return undefined;
      const { palette: withVariants, variants } = withTraceVariants(h, palette);
      kept = true;
      return { width, height, keys, error, palette: withVariants, traced: { variants, low, exact } };
    }
    return undefined;
  } finally {
    if (!kept) {
      give('keys', keys);
      if (low) give('low', low);
    }
    histograms.push(h);
  }
}

/** A traced picture whose mapping, measured pixel by pixel, was not accepted: full colour instead. */
class NotKept extends Error {}

/**
 * The analysed picture's rows, packed at the palette's bits and deflated (with PNG's filter byte
 * when `png`). With trace variants, 8 bits a pixel, and the mapping's error, measured on every
 * pixel, must be accepted (else NotKept).
 */
async function packPicture(a: Analysis, png: boolean, alongside: Alongside | undefined, accept: IndexRequest['accept']): Promise<Indexed> {
  const { width, height, keys, palette, traced } = a;
  let { error } = a;
  const bits = traced ? 8 : bitsFor(palette.size);
  const skip = png ? 1 : 0;
  const stride = skip + Math.ceil((width * bits) / 8);
  // The rows are written straight into the compressor's memory.
  const fill = (raw: Uint8Array) => {
    if (!traced) return mapKeys(keys, width, height, palette, bits, raw, stride, skip);
    mapTraced(keys, traced.low, width, height, palette, traced.variants, raw, stride, skip, traced.exact);
    error = traced.exact.error;
    if (!accept(error)) throw new NotKept();
  };
  const data = await deflateInto(stride * height, fill, alongside);
  return { width, height, palette: palette.rgb, size: palette.size, bits, data, error };
}

/**
 * The RGBA pixels a palette image without PNG's filter bytes shows (a PDF page's, `raw`): its
 * rows inflated and each entry looked up. A page whose own pixels were let go once its palette
 * was chosen (compact.ts) is made a JPEG from these when its palette image came out over its
 * budget: they differ from the page by at most the palette's accepted error.
 */
export async function indexedPixels(im: Indexed): Promise<Uint8ClampedArray<ArrayBuffer>> {
  const { width, height, bits, palette } = im;
  const stream = new Blob([im.data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'));
  const rows = new Uint8Array(await new Response(stream).arrayBuffer());
  const stride = Math.ceil((width * bits) / 8);
  if (rows.length !== stride * height) throw new Error('palette rows of the wrong length');
  const rgba = new Uint8ClampedArray(width * height * 4);
  const mask = (1 << bits) - 1;
  for (let y = 0, o = 0; y < height; y++)
    for (let x = 0; x < width; x++, o += 4) {
      const bit = x * bits;
      // Leftmost pixel in the high bits, as mapKeys packs them (PNG's and PDF's order).
      const e = (rows[y * stride + (bit >> 3)]! >> (8 - bits - (bit & 7))) & mask;
      rgba[o] = palette[3 * e]!;
      rgba[o + 1] = palette[3 * e + 1]!;
      rgba[o + 2] = palette[3 * e + 2]!;
      rgba[o + 3] = 255;
    }
  return rgba;
}

const histograms: Histogram[] = [];
const takeHistogram = () => histograms.pop()?.reset() ?? new Histogram();
