// pdf.js, bundled with its worker and data files (fonts, CMaps, decoders): nothing is fetched
// from outside the extension. Browser-only: it renders into canvases.
import { AnnotationMode, getDocument, GlobalWorkerOptions, type PageViewport, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist';
import PdfWorker from 'pdfjs-dist/build/pdf.worker.mjs?worker';
import { StampError } from '../errors.ts';
import { documentOptions } from './document-options.ts';
import { multiply, type Matrix, type PageImage } from './image-page.ts';
import { checkPageSize, MAX_PAGE_PIXELS } from './limits.ts';

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
    bitmap = at && (await decodePicture(picture!));
    const { canvas, ctx } = paperCanvas(viewport);
    if (bitmap) drawPicture(ctx, at!, bitmap);
    else {
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
    return { canvas, widthPt, heightPt, downscaled, ...(bitmap ? { picture: bitmap instanceof ImageBitmap ? 'bitmap' : 'frame' } : {}) };
  } catch (e) {
    if (e instanceof StampError) throw e;
    throw new StampError('corrupt', { kind: 'PDF' });
  } finally {
    bitmap?.close(); // its pixels are freed now, not when it is collected
    page.cleanup();
  }
}

/** The picture decoded by the browser, at its own size; undefined when it cannot be. */
async function decodePicture(picture: PageImage): Promise<ImageBitmap | VideoFrame | undefined> {
  const frame = await decodeFrame(picture);
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
 * buffers the bitmap's decode holds for a moment), turned into RGB as it is drawn.
 */
async function decodeFrame(picture: PageImage): Promise<VideoFrame | undefined> {
  if (typeof ImageDecoder === 'undefined') return undefined;
  let decoder: ImageDecoder | undefined;
  try {
    decoder = new ImageDecoder({ data: picture.jpeg, type: 'image/jpeg', ...(picture.profile ? { colorSpaceConversion: 'none' } : {}) });
    const { image } = await decoder.decode();
    if (image.displayWidth === picture.width && image.displayHeight === picture.height) return image;
    image.close();
  } catch {
    // createImageBitmap's turn
  } finally {
    decoder?.close();
  }
  return undefined;
}

/** pdf.js smooths a picture drawn at most this many device pixels per image pixel (96/72 × the screen's ratio). */
const smoothUpTo = () => (globalThis.devicePixelRatio || 1) * (96 / 72);

/** Where and how a picture is drawn on the page: its transform from the unit square, and smoothing. */
interface Placement {
  transform: Matrix;
  width: number;
  height: number;
  smooth: boolean;
  quality: ImageSmoothingQuality;
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
    // Shrunk more than twice: pdf.js halves step by step; the browser's mipmaps ('medium') are close.
    quality: scale < 0.5 ? 'medium' : 'low',
  };
}

function drawPicture(ctx: OffscreenCanvasRenderingContext2D, at: Placement, bitmap: ImageBitmap | VideoFrame): void {
  ctx.imageSmoothingEnabled = at.smooth;
  ctx.imageSmoothingQuality = at.quality;
  ctx.setTransform(...at.transform);
  const [w, h] = bitmap instanceof ImageBitmap ? [bitmap.width, bitmap.height] : [bitmap.displayWidth, bitmap.displayHeight];
  ctx.drawImage(bitmap, 0, 0, w, h, 0, 0, at.width, at.height);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}
