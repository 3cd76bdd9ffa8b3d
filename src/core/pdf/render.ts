// pdf.js, bundled with its worker and data files (fonts, CMaps, decoders): nothing is fetched
// from outside the extension. Browser-only: it renders into canvases.
import { AnnotationMode, getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import PdfWorker from 'pdfjs-dist/build/pdf.worker.mjs?worker';
import { StampError } from '../errors.ts';
import { documentOptions } from './document-options.ts';
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
}

export async function renderPage(doc: PDFDocumentProxy, n: number, dpi: number): Promise<RenderedPage> {
  const page = await doc.getPage(n);
  try {
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
    return { canvas, widthPt: unit.width, heightPt: unit.height, downscaled };
  } catch (e) {
    if (e instanceof StampError) throw e;
    throw new StampError('corrupt', { kind: 'PDF' });
  } finally {
    page.cleanup();
  }
}
