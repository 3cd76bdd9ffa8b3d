// pdf.js, bundled with its worker and data files (fonts, CMaps, decoders): nothing is fetched
// from outside the extension. Browser-only: it renders into canvases.
import { AnnotationMode, getDocument, GlobalWorkerOptions, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist';
import PdfWorker from 'pdfjs-dist/build/pdf.worker.mjs?worker';
import { StampError } from '../errors.ts';
import { documentOptions } from './document-options.ts';
import { MAX_PIXELS } from '../limits.ts';
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
  /** The page was one picture, drawn from its JPEG (not rendered by pdf.js). */
  picture?: boolean;
}

/** The page's canvas (white, as paper) at `dpi`, within MAX_PAGE_PIXELS, and its viewport. */
function pageCanvas(page: PDFPageProxy, n: number, dpi: number) {
  const unit = page.getViewport({ scale: 1 });
  checkPageSize(n, unit.width, unit.height);
  let scale = dpi / 72;
  const pixels = unit.width * unit.height * scale * scale;
  const downscaled = pixels > MAX_PAGE_PIXELS;
  if (downscaled) scale *= Math.sqrt(MAX_PAGE_PIXELS / pixels);
  const viewport = page.getViewport({ scale });
  const canvas = new OffscreenCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  return { canvas, ctx, viewport, widthPt: unit.width, heightPt: unit.height, downscaled };
}

/**
 * The page as pdf.js renders it. `picture`: the page is that one picture (image-page.ts): it is
 * decoded by the browser and drawn as pdf.js would draw it, without pdf.js rendering the page;
 * should the browser not decode it, pdf.js renders the page after all.
 */
export async function renderPage(doc: PDFDocumentProxy, n: number, dpi: number, picture?: PageImage): Promise<RenderedPage> {
  const page = await doc.getPage(n);
  try {
    const { canvas, ctx, viewport, widthPt, heightPt, downscaled } = pageCanvas(page, n, dpi);
    const drawn = !!picture && (await drawPicture(ctx, viewport.transform as Matrix, picture));
    if (!drawn) {
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
    return { canvas, widthPt, heightPt, downscaled, ...(drawn ? { picture: true } : {}) };
  } catch (e) {
    if (e instanceof StampError) throw e;
    throw new StampError('corrupt', { kind: 'PDF' });
  } finally {
    page.cleanup();
  }
}

/** pdf.js smooths a picture drawn at most this many device pixels per image pixel (96/72 × the screen's ratio). */
const smoothUpTo = () => (globalThis.devicePixelRatio || 1) * (96 / 72);

/**
 * Draws the picture where pdf.js would: the same transform (viewport · CTM · unit square), its
 * corners rounded to whole pixels as pdf.js's drawImageAtIntegerCoords does, smoothed by the same
 * rule. False (nothing drawn) when the browser cannot decode it or it is not drawn upright or
 * turned by a right angle.
 */
async function drawPicture(ctx: OffscreenCanvasRenderingContext2D, view: Matrix, picture: PageImage): Promise<boolean> {
  const { width: w, height: h } = picture;
  const [a, b, c, d, tx, ty] = multiply(multiply(view, picture.matrix), [1 / w, 0, 0, -1 / h, 0, 0]);
  const upright = b === 0 && c === 0;
  if (!upright && !(a === 0 && d === 0)) return false;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([picture.jpeg as BlobPart], { type: 'image/jpeg' }), { colorSpaceConversion: 'none' });
  } catch {
    return false;
  }
  try {
    if (bitmap.width !== w || bitmap.height !== h) return false;
    // Image y runs from -h to 0 (pdf.js draws at (0, -h) after scaling by 1/w, -1/h).
    const x0 = Math.round(upright ? tx : -h * c + tx);
    const y0 = Math.round(upright ? -h * d + ty : ty);
    const x1 = Math.round(upright ? w * a + tx : tx);
    const y1 = Math.round(upright ? ty : w * b + ty);
    const scale = Math.max(Math.hypot(a, b), Math.hypot(c, d));
    ctx.imageSmoothingEnabled = picture.interpolate || scale <= smoothUpTo();
    // Shrunk more than twice: pdf.js halves step by step; the browser's mipmaps ('medium') are close.
    ctx.imageSmoothingQuality = scale < 0.5 ? 'medium' : 'low';
    const width = Math.abs(x1 - x0) || 1;
    const height = Math.abs(y1 - y0) || 1;
    if (upright) ctx.setTransform(Math.sign(a), 0, 0, Math.sign(d), x0, y0);
    else ctx.setTransform(0, Math.sign(b), Math.sign(c), 0, x0, y0);
    ctx.drawImage(bitmap, 0, 0, w, h, 0, 0, upright ? width : height, upright ? height : width);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    return true;
  } finally {
    bitmap.close();
  }
}
