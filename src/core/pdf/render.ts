// pdf.js, bundled with its worker and data files (fonts, CMaps, decoders): nothing is fetched
// from outside the extension. Browser-only: it renders into canvases.
import { AnnotationMode, getDocument, GlobalWorkerOptions, type PageViewport, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist';
import PdfWorker from 'pdfjs-dist/build/pdf.worker.mjs?worker';
import { StampError } from '../errors.ts';
import { documentOptions } from './document-options.ts';
import { multiply, type Matrix, type PageImage } from './image-page.ts';
import { checkPageSize, MAX_PAGE_PIXELS } from './limits.ts';
import { decodeJpegFrame, eighthsOf, type Size } from '../raster/jpeg-frame.ts';
import { give, take } from '../raster/spare.ts';

/**
 * `password`: for PDFs that need one to open (never stored). `signal`: aborting destroys the
 * loading task and, once open, the document, so pdf.js's worker stops working on it.
 */
export async function openPdf(bytes: Uint8Array, password?: string, signal?: AbortSignal): Promise<PDFDocumentProxy> {
  // One worker, bundled by Vite and started on first use, shared by every document.
  GlobalWorkerOptions.workerPort ??= new PdfWorker();
  const task = getDocument({
    ...documentOptions(bytes.slice()), // pdf.js takes ownership of the buffer it is given
    ...(password !== undefined ? { password } : {}),
  });
  const stop = () => void task.destroy();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    return await task.promise;
  } catch (e) {
    signal?.removeEventListener('abort', stop);
    await task.destroy();
    const { name, code } = e as { name?: string; code?: number };
    // pdf.js: code 1 = a password is needed, 2 = the one given is wrong.
    if (name === 'PasswordException') throw new StampError(code === 2 ? 'pdf-wrong-password' : 'pdf-password');
    throw new StampError('corrupt', { kind: 'PDF' });
  }
}

export interface RenderedPage {
  canvas: OffscreenCanvas;
  /** Displayed size in points (rotation applied): the output page keeps it. */
  widthPt: number;
  heightPt: number;
  downscaled: boolean;
  /**
   * The page was one picture, drawn from its JPEG (not rendered by pdf.js), decoded by
   * ImageDecoder ('frame': YUV planes) or, where that could not, by createImageBitmap.
   */
  picture?: 'frame' | 'bitmap';
  /** The picture was copied into the page as it is, not drawn (copyAsItIs). */
  copied?: boolean;
}

/** The page's viewport at `dpi`, within MAX_PAGE_PIXELS. */
function pageViewport(page: PDFPageProxy, n: number, dpi: number) {
  const unit = page.getViewport({ scale: 1 });
  checkPageSize(n, unit.width, unit.height);
  let scale = dpi / 72;
  const pixels = unit.width * unit.height * scale * scale;
  const downscaled = pixels > MAX_PAGE_PIXELS;
  if (downscaled) scale *= Math.sqrt(MAX_PAGE_PIXELS / pixels);
  return { viewport: page.getViewport({ scale }), widthPt: unit.width, heightPt: unit.height, downscaled };
}

/**
 * Whole pixels covering `size`: a size that is whole but for floating-point noise gets no extra
 * row or column (a page 917.76 pt wide at 150 DPI is 1912.0000000000002 px: its canvas was 1913
 * px, and the copy's page, as wide as the original's, squeezed the extra column in).
 */
const wholePixels = (size: number) => Math.max(1, Math.ceil(size - 1e-6));

/** A canvas for the viewport, white as paper. */
function paperCanvas(viewport: PageViewport) {
  const canvas = new OffscreenCanvas(wholePixels(viewport.width), wholePixels(viewport.height));
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  return { canvas, ctx };
}

/**
 * The page as pdf.js renders it. `picture`: the page is that one picture (image-page.ts): it is
 * decoded by the browser and drawn as pdf.js would draw it, without pdf.js rendering the page;
 * should the browser not decode it, pdf.js renders the page after all.
 */
export async function renderPage(doc: PDFDocumentProxy, n: number, dpi: number, picture?: PageImage): Promise<RenderedPage> {
  const page = await doc.getPage(n);
  let bitmap: ImageBitmap | VideoFrame | undefined;
  try {
    const { viewport, widthPt, heightPt, downscaled } = pageViewport(page, n, dpi);
    // A picture is decoded before the page's canvas exists: the browser's decoder holds about
    // two pages' pixels for a moment, which on top of the canvas made three (measured).
    const at = picture && placement(viewport.transform as Matrix, picture);
    bitmap = at && (await decodePicture(picture!, at));
    const { canvas, ctx } = paperCanvas(viewport);
    const copied = bitmap ? await drawPicture(ctx, at!, bitmap) : false;
    if (!bitmap) {
      await page.render({
        canvas: canvas as unknown as HTMLCanvasElement,
        canvasContext: ctx as unknown as CanvasRenderingContext2D,
        viewport,
        // As printed: filled-in forms stay visible. The print intent also renders in one go,
        // not paced by requestAnimationFrame, which browsers pause in hidden or background
        // frames (the prompt's frame, a background tab).
        intent: 'print',
        annotationMode: AnnotationMode.ENABLE_STORAGE,
      }).promise;
    }
    return { canvas, widthPt, heightPt, downscaled, ...(bitmap ? { picture: bitmap instanceof ImageBitmap ? 'bitmap' : 'frame', copied } : {}) };
  } catch (e) {
    if (e instanceof StampError) throw e;
    throw new StampError('corrupt', { kind: 'PDF' });
  } finally {
    bitmap?.close(); // its pixels are freed now, not when it is collected
    page.cleanup();
  }
}

/** The picture decoded by the browser, at its own size or shrunk (shrunk); undefined when it cannot be. */
async function decodePicture(picture: PageImage, at: Placement): Promise<ImageBitmap | VideoFrame | undefined> {
  const size = shrunk(picture, at);
  const frame = (size && (await decodeFrame(picture, size))) || (await decodeFrame(picture));
  if (frame) return frame;
  try {
    // pdf.js ignores a JPEG's own ICC profile, so the decode must too ('none'). Without one, the
    // browser's default converts nothing either, and decodes faster (measured: ~20 against ~30
    // ms an A4 page; a 5-page scan flattened in 0.92 of the time, paired).
    const blob = new Blob([picture.jpeg as BlobPart], { type: 'image/jpeg' });
    const bitmap = await createImageBitmap(blob, picture.profile ? { colorSpaceConversion: 'none' } : {});
    if (bitmap.width === picture.width && bitmap.height === picture.height) return bitmap;
    bitmap.close();
  } catch {
    // pdf.js renders the page
  }
  return undefined;
}

/**
 * The picture decoded by WebCodecs' ImageDecoder, where there is one: a JPEG comes as its YUV
 * planes (1.5 bytes a pixel, against the 4 of an ImageBitmap's RGBA, and without the RGBA
 * buffers the bitmap's decode holds for a moment), turned into RGB as it is drawn or copied.
 * `size`: shrunk to that size by the decoder (see shrunk; then as RGB), or whole where it does
 * not shrink; undefined when it comes at neither size (the caller then decodes it whole).
 */
function decodeFrame(picture: PageImage, size?: Size): Promise<VideoFrame | undefined> {
  const is = (image: VideoFrame, s: Size) => image.displayWidth === s.width && image.displayHeight === s.height;
  return decodeJpegFrame(
    picture.jpeg as Uint8Array<ArrayBuffer>,
    { ...(size ? { size } : {}), ...(picture.profile ? { colorSpaceConversion: 'none' } : {}) },
    (image) => is(image, picture) || (!!size && is(image, size)),
  );
}

/**
 * A picture shown at n/8 of its size (a 300-DPI scan on a page rendered at 150: 4/8; 200 DPI:
 * 6/8; 400, 600, 1200 DPI too) is decoded at that size by the JPEG decoder itself (its DCT
 * scaled: libjpeg-turbo's, through ImageDecoder's desired size), and then copied as it is.
 * Decoded whole, its pixels, and the RGBA copy drawing makes of them, were up to 4× a page's
 * RGBA each (a 5-page 300-DPI scan peaked at 53–91 MB, 6–10× a page's RGBA). Only at such a
 * size, give or take a pixel: shrunk by the decoder and then again by drawing, a picture strays
 * from pdf.js's render (the bench's scan at 100 DPI, 6/8 and then 0.89 of that: a mean of 2.3
 * levels and 0.55 % of pixels far off, over tests/browser/pdf.test.ts's limits of 2 and 0.1 %).
 * Undefined otherwise.
 */
function shrunk(picture: PageImage, at: Placement): Size | undefined {
  const eighths = Math.ceil(8 * Math.max(at.width / picture.width, at.height / picture.height) - 1e-9);
  if (eighths >= 8) return undefined;
  const size = eighthsOf(picture, eighths);
  return size.width - at.width <= 1 && size.height - at.height <= 1 ? size : undefined;
}

/** pdf.js smooths a picture drawn at most this many device pixels per image pixel (96/72 × the screen's ratio). */
const smoothUpTo = () => (globalThis.devicePixelRatio || 1) * (96 / 72);

/** Where and how a picture is drawn on the page: its transform from the unit square, and smoothing. */
interface Placement {
  transform: Matrix;
  width: number;
  height: number;
  smooth: boolean;
}

/**
 * Where pdf.js would draw the picture: the same transform (viewport · CTM · unit square), its
 * corners rounded to whole pixels as pdf.js's drawImageAtIntegerCoords does, smoothed by the same
 * rule. Undefined when it is not drawn upright or turned by a right angle.
 */
function placement(view: Matrix, picture: PageImage): Placement | undefined {
  const { width: w, height: h } = picture;
  const [a, b, c, d, tx, ty] = multiply(multiply(view, picture.matrix), [1 / w, 0, 0, -1 / h, 0, 0]);
  const upright = b === 0 && c === 0;
  if (!upright && !(a === 0 && d === 0)) return undefined;
  // Image y runs from -h to 0 (pdf.js draws at (0, -h) after scaling by 1/w, -1/h).
  const x0 = Math.round(upright ? tx : -h * c + tx);
  const y0 = Math.round(upright ? -h * d + ty : ty);
  const x1 = Math.round(upright ? w * a + tx : tx);
  const y1 = Math.round(upright ? ty : w * b + ty);
  const scale = Math.max(Math.hypot(a, b), Math.hypot(c, d));
  const width = Math.abs(x1 - x0) || 1;
  const height = Math.abs(y1 - y0) || 1;
  return {
    transform: upright ? [Math.sign(a), 0, 0, Math.sign(d), x0, y0] : [0, Math.sign(b), Math.sign(c), 0, x0, y0],
    width: upright ? width : height,
    height: upright ? height : width,
    smooth: picture.interpolate || scale <= smoothUpTo(),
  };
}

/** Draws the picture where pdf.js would; true when it was copied as it is (copyAsItIs). */
async function drawPicture(ctx: OffscreenCanvasRenderingContext2D, at: Placement, bitmap: ImageBitmap | VideoFrame): Promise<boolean> {
  // (No VideoFrame where there is no WebCodecs: then the picture is an ImageBitmap.)
  if (!(bitmap instanceof ImageBitmap) && (await copyAsItIs(ctx, at, bitmap))) return true;
  const [w, h] = bitmap instanceof ImageBitmap ? [bitmap.width, bitmap.height] : [bitmap.displayWidth, bitmap.displayHeight];
  ctx.imageSmoothingEnabled = at.smooth;
  // Shrunk more than twice (from the picture as decoded): pdf.js halves step by step; the
  // browser's mipmaps ('medium') are close.
  ctx.imageSmoothingQuality = at.width < w / 2 ? 'medium' : 'low';
  ctx.setTransform(...at.transform);
  ctx.drawImage(bitmap, 0, 0, w, h, 0, 0, at.width, at.height);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  return false;
}

/** Rows of a frame copied at a time: ~300 KB for an A4 page at 150 DPI. */
const COPY_ROWS = 64;

/**
 * A frame drawn at its own size and upright (a scan at the page's DPI) is copied into the canvas
 * a strip at a time, as RGBA, instead of drawn: drawing it, Chromium first turns the whole frame
 * into an RGBA image of its own, held until the canvas is next read, and in one page of five
 * more again (measured on an A4 page at 150 DPI, decoded, drawn and encoded 20 times: peaks of
 * 14.5–15.1 MB, and 23.0–23.2 MB every fifth time; copied, 15.0–15.6 MB every time, and ~4 ms
 * faster; the same pixels, exactly). False, with nothing drawn or the frame drawn only in part,
 * when it is not such a frame or the browser cannot copy it: then it is drawn over whole.
 */
async function copyAsItIs(ctx: OffscreenCanvasRenderingContext2D, at: Placement, frame: VideoFrame): Promise<boolean> {
  const [a, b, c, d, x0, y0] = at.transform;
  const { displayWidth: width, displayHeight: height, visibleRect } = frame;
  if (a !== 1 || b !== 0 || c !== 0 || d !== 1 || at.width !== width || at.height !== height || !visibleRect) return false;
  const strip = take('frame-strip', width * Math.min(COPY_ROWS, height) * 4);
  try {
    for (let y = 0; y < height; y += COPY_ROWS) {
      const rows = Math.min(COPY_ROWS, height - y);
      const rgba = new Uint8ClampedArray(strip.buffer, 0, width * rows * 4);
      await frame.copyTo(rgba, { rect: { x: visibleRect.x, y: visibleRect.y + y, width, height: rows }, format: 'RGBA', colorSpace: 'srgb' });
      ctx.putImageData(new ImageData(rgba, width, rows), x0, y0 + y);
    }
    return true;
  } catch {
    return false;
  } finally {
    give('frame-strip', strip);
  }
}
