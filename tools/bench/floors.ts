// The floors the bench compares stamping with: the browser's own work, nothing of ours. This
// runs in the stamping page, but is not shipped in it: the bench bundles it (esbuild, pdf.js
// included) and evaluates it in the page over DevTools (which the page's CSP does not cover),
// with the extension's own built pdf.js worker and font data.
import { AnnotationMode, getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import { documentOptions } from '../../src/core/pdf/document-options.ts';

export interface Floors {
  /** Decode, draw, encode at the same quality: no strip, no watermark. */
  image(file: Blob, mime: string, quality: number): Promise<number>;
  /** pdf.js rendering every page at `dpi`, alone (as the core opens and renders them). */
  pdf(file: Blob, dpi: number, workerUrl: string): Promise<number>;
  /**
   * Issue 22's question for the document search: does the browser decode a small copy much
   * faster than the whole picture (createImageBitmap's resize options)? Median ms of 5 each.
   */
  decodes(file: Blob): Promise<Record<string, number>>;
}

const floors: Floors = {
  decodes: (file) => smallDecodes(file),
  async image(file, mime, quality) {
    const t0 = performance.now();
    const bitmap = await createImageBitmap(file);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    bitmap.close();
    await canvas.convertToBlob({ type: mime, quality });
    return performance.now() - t0;
  },
  async pdf(file, dpi, workerUrl) {
    const t0 = performance.now();
    GlobalWorkerOptions.workerPort ??= new Worker(workerUrl, { type: 'module' });
    const doc = await getDocument(documentOptions(new Uint8Array(await file.arrayBuffer()))).promise;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: dpi / 72 });
      const canvas = new OffscreenCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({
        canvas: canvas as unknown as HTMLCanvasElement,
        canvasContext: ctx as unknown as CanvasRenderingContext2D,
        viewport,
        intent: 'print',
        annotationMode: AnnotationMode.ENABLE_STORAGE,
      }).promise;
      // The page's pixels, made: a canvas records drawing and draws only when it is read, so a
      // page never read was never rendered (the core takes every page's pixels the same way).
      canvas.transferToImageBitmap().close();
      page.cleanup();
    }
    await doc.destroy();
    return performance.now() - t0;
  },
};

const SMALL_DECODES: [string, (w: number, h: number) => ImageBitmapOptions | undefined][] = [
  ['whole', () => undefined],
  ['¼ side, low', (w, h) => ({ resizeWidth: Math.round(w / 4), resizeHeight: Math.round(h / 4), resizeQuality: 'low' })],
  ['¼ side, medium', (w, h) => ({ resizeWidth: Math.round(w / 4), resizeHeight: Math.round(h / 4), resizeQuality: 'medium' })],
  ['⅛ side, pixelated', (w, h) => ({ resizeWidth: Math.round(w / 8), resizeHeight: Math.round(h / 8), resizeQuality: 'pixelated' })],
];

/** WebCodecs' ImageDecoder at a desired size: Chromium's JPEG decoder then scales in the DCT. */
const FRAME_DECODES: [string, number][] = [
  ['whole', 1],
  ['½ side', 2],
  ['¼ side', 4],
  ['⅛ side', 8],
];

const median5 = async (run: () => Promise<void>): Promise<number> => {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[2]!;
};

/** createImageBitmap whole and resized, and ImageDecoder whole and scaled (its pixels copied out). */
async function smallDecodes(file: Blob): Promise<Record<string, number>> {
  const probe = await createImageBitmap(file);
  const [w, h] = [probe.width, probe.height];
  probe.close();
  const out: Record<string, number> = {};
  for (const [name, options] of SMALL_DECODES) out[`createImageBitmap ${name}`] = await median5(async () => (await createImageBitmap(file, options(w, h))).close());
  if (typeof ImageDecoder === 'undefined') return out;
  const data = new Uint8Array(await file.arrayBuffer());
  for (const [name, k] of FRAME_DECODES)
    out[`ImageDecoder ${name}`] = await median5(async () => {
      const decoder = new ImageDecoder({ data, type: file.type || 'image/jpeg', ...(k > 1 ? { desiredWidth: Math.round(w / k), desiredHeight: Math.round(h / k) } : {}) });
      const { image } = await decoder.decode();
      await image.copyTo(new Uint8Array(image.allocationSize()));
      image.close();
      decoder.close();
    });
  return out;
}

(globalThis as unknown as { __floors: Floors }).__floors = floors;
