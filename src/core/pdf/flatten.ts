// Flatten: every page becomes a picture with the watermark in its pixels, in a new PDF of the
// same page sizes. Nothing of the input's structure survives: text layer, scripts, forms,
// annotations, attachments, metadata, old revisions.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { StampError } from '../errors.ts';
import { encodeCanvas, keepClearAreas, verifyClean, type ImageKind } from '../image.ts';
import type { Job } from '../job.ts';
import type { StampReport, WarningCode } from '../report.ts';
import { drawRedactions, drawWatermark, planWatermark, summarize } from '../watermark/draw.ts';
import { createClean, saveClean } from './clean.ts';
import { MAX_PDF_PAGES } from './limits.ts';
import { renderPage, type RenderedPage } from './render.ts';

export interface Flattened {
  bytes: Uint8Array;
  pages: number;
  widthPt: number;
  heightPt: number;
  watermark?: StampReport['watermark'];
  warnings: WarningCode[];
  renderMs: number;
}

export function checkPageCount(pages: number): void {
  if (pages === 0) throw new StampError('pdf-no-pages');
  if (pages > MAX_PDF_PAGES) throw new StampError('pdf-too-many-pages', { pages, limit: MAX_PDF_PAGES });
}

/** Renders a page and draws the job's watermark into its pixels (none in strip mode). */
async function stampedPage(doc: PDFDocumentProxy, n: number, job: Job): Promise<RenderedPage & { watermark?: StampReport['watermark'] }> {
  const page = await renderPage(doc, n, job.options.pdf.dpi);
  const ctx = page.canvas.getContext('2d')!;
  // A scanned passport or ID page keeps its MRZ and QR codes clear, as a photo does. ID scans
  // are a few pages; long documents (statements) skip the search, which costs ~30 ms a page.
  const look = job.options.mode === 'stamp' && job.options.watermark.protectCodes && doc.numPages <= SHORT_DOCUMENT;
  const clear = look ? keepClearAreas(page.canvas) : { codes: [] };
  drawRedactions(ctx, page.canvas.width, page.canvas.height, job.options.redact.filter((r) => !r.page || r.page === n));
  if (job.options.mode !== 'stamp') return page;
  const mark = planWatermark(ctx, page.canvas.width, page.canvas.height, job.text, job.options.watermark, job.jitter);
  drawWatermark(ctx, mark, job.options.watermark, [...(clear.mrz ? [clear.mrz] : []), ...clear.codes]);
  return { ...page, watermark: summarize(mark, job.code) };
}

/** Up to this many pages, flattened pages are searched for an MRZ and QR codes to keep clear. */
const SHORT_DOCUMENT = 5;

/** Pages being encoded while the next renders: the worker encodes, the page thread renders. */
const IN_FLIGHT = 2;

export async function flattenPdf(doc: PDFDocumentProxy, job: Job): Promise<Flattened> {
  checkPageCount(doc.numPages);
  const out = await createClean();
  const warnings: WarningCode[] = [];
  let renderMs = 0;
  let first: Flattened['watermark'];
  const encoded: Promise<{ jpeg: Uint8Array; widthPt: number; heightPt: number }>[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    if (n > IN_FLIGHT) await encoded[n - 1 - IN_FLIGHT];
    const t = performance.now();
    const page = await stampedPage(doc, n, job);
    renderMs += performance.now() - t;
    if (page.downscaled) warnings.push('page-downscaled');
    first ??= page.watermark;
    encoded.push(
      encodeCanvas(page.canvas, 'image/jpeg', job.options.pdf.quality, true)
        .then((blob) => verifyClean(blob, 'jpeg'))
        .then((j) => ({ jpeg: j.bytes, widthPt: page.widthPt, heightPt: page.heightPt })),
    );
  }
  for (const { jpeg, widthPt, heightPt } of await Promise.all(encoded)) {
    const image = await out.embedJpg(jpeg);
    out.addPage([widthPt, heightPt]).drawImage(image, { x: 0, y: 0, width: widthPt, height: heightPt });
  }
  const firstPage = out.getPage(0).getSize();
  return {
    bytes: await saveClean(out, job.env.randomBytes),
    pages: doc.numPages,
    widthPt: firstPage.width,
    heightPt: firstPage.height,
    watermark: first,
    warnings: [...new Set(warnings)],
    renderMs,
  };
}

/** The first page as one picture, for upload fields that take only images. */
export async function firstPageAsImage(doc: PDFDocumentProxy, job: Job, kind: ImageKind) {
  checkPageCount(doc.numPages);
  const page = await stampedPage(doc, 1, job);
  const image = await verifyClean(await encodeCanvas(page.canvas, `image/${kind}`, job.options.quality), kind);
  const warnings: WarningCode[] = doc.numPages > 1 ? ['first-page-only'] : [];
  return { ...image, watermark: page.watermark, warnings };
}
