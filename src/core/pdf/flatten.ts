// Flatten: every page becomes a picture with the watermark in its pixels, in a new PDF of the
// same page sizes. Nothing of the input's structure survives: text layer, scripts, forms,
// annotations, attachments, metadata, old revisions.
import { PDFHexString, PDFName, PDFRawStream, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, type PDFDocument } from 'pdf-lib';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { encodeCanvas, encodeCompact, verifyClean, type ImageKind } from '../encode.ts';
import { StampError } from '../errors.ts';
import { keepClearAreas } from '../document/view.ts';
import { human } from '../human.ts';
import { traceCanvas } from '../trace-canvas.ts';
import { MIN_QUALITY_FOR_LIMIT, type CompactRequest } from '../palette/compact.ts';
import type { Indexed } from '../palette/index.ts';
import { traced, type Job } from '../job.ts';
import type { StampReport, TraceReport, WarningCode } from '../report.ts';
import { drawRedactions, drawWatermark, planWatermark, summarize } from '../watermark/draw.ts';
import { createClean, saveClean } from './clean.ts';
import { MAX_PDF_PAGES } from './limits.ts';
import { findImagePages, type PageImage } from './image-page.ts';
import { renderPage, type RenderedPage } from './render.ts';

export interface Flattened {
  bytes: Uint8Array;
  pages: number;
  widthPt: number;
  heightPt: number;
  watermark?: StampReport['watermark'];
  trace?: TraceReport;
  warnings: WarningCode[];
  renderMs: number;
}

export function checkPageCount(pages: number): void {
  if (pages === 0) throw new StampError('pdf-no-pages');
  if (pages > MAX_PDF_PAGES) throw new StampError('pdf-too-many-pages', { pages, limit: MAX_PDF_PAGES });
}

/**
 * Renders a page (or draws its one picture) and the job's watermark into its pixels (none in
 * strip mode), then, when `trace`, its invisible trace.
 */
async function stampedPage(doc: PDFDocumentProxy, n: number, job: Job, trace: boolean, picture?: PageImage): Promise<RenderedPage & { watermark?: StampReport['watermark']; trace?: TraceReport }> {
  const page = await markedPage(doc, n, job, picture);
  if (!trace) return page;
  const { report } = await traceCanvas(page.canvas.getContext('2d')!, page.canvas.width, page.canvas.height, job);
  return { ...page, trace: report };
}

async function markedPage(doc: PDFDocumentProxy, n: number, job: Job, picture?: PageImage): Promise<RenderedPage & { watermark?: StampReport['watermark'] }> {
  const page = await renderPage(doc, n, job.options.pdf.dpi, picture);
  const ctx = page.canvas.getContext('2d')!;
  // A scanned passport or ID page keeps its MRZ and QR codes clear, as a photo does. ID scans
  // are a few pages; long documents (statements) skip the search, which costs ~30 ms a page.
  const look = job.options.mode === 'stamp' && job.options.watermark.protectCodes && doc.numPages <= SHORT_DOCUMENT;
  const clear = look ? await keepClearAreas(page.canvas) : { codes: [] };
  drawRedactions(
    ctx,
    page.canvas.width,
    page.canvas.height,
    job.options.redact.filter((r) => !r.page || r.page === n),
  );
  if (job.options.mode !== 'stamp') return page;
  const mark = planWatermark(ctx, page.canvas.width, page.canvas.height, job.text, job.options.watermark, job.jitter);
  drawWatermark(ctx, mark, job.options.watermark, [...(clear.mrz ? [clear.mrz] : []), ...clear.codes]);
  return { ...page, watermark: summarize(mark, job.code) };
}

/** Pages with the encoders at once: one for each (encode.ts starts two where there are the cores). */
const ENCODING = 2;

/** Up to this many pages, flattened pages are searched for an MRZ and QR codes to keep clear. */
const SHORT_DOCUMENT = 5;

/**
 * How pages are encoded. A page on a plain background whose colours fit 8–16 palette entries
 * (text, tables, the mark; antialiasing included) becomes a 4-bit palette image: sharp, and
 * about a third of a JPEG's size. Others (scans, photos) are JPEGs, at a lower quality if a page
 * would outgrow its share of 1.4× the input (never below MIN_QUALITY nor `MIN_BUDGET` a page).
 */
const PAGE_COLOURS = [8, 10, 12, 16];
/**
 * Mean error ≤ 1.5 levels of 255 and ≤ 0.05% of pixels clearly off (a small colour logo gets
 * its own entries); antialiased edges may shift a few levels: tesseract reads the 8-colour
 * statement page as well as the original.
 */
const PAGE_MAX_MEAN = 1.5;
const PAGE_MAX_FAR = 0.0005;
/** Most of the page one colour: paper. Scans' grain fails this and goes straight to JPEG. */
const PAGE_MIN_FLAT = 0.6;
/**
 * A traced page is a JPEG (a palette would quantise the trace away), at least this good: on
 * white paper the trace is ±1–3 levels, which lower qualities flatten (the statement's first
 * page: read after q0.8 every time, not after q0.65 for every layout of the mark). Under a
 * stated size limit too: lower, the copy could claim a trace that does not read.
 */
const TRACED_PAGE_MIN_QUALITY = 0.8;
const GROWTH = 1.4;
const MIN_BUDGET = 120_000;

/**
 * The pages that carry the invisible trace: the first (what "Which copy is this?" reads first), and
 * pages that were pictures (JPEGs either way). A text page traced would be a JPEG of ~190–250
 * KB instead of a ~70 KB palette image: the 20-page statement 3.3 MB instead of 1.5.
 */
const tracedPage = (n: number, picture: PageImage | undefined) => n === 1 || picture !== undefined;

type PageSize = { widthPt: number; heightPt: number };
type EncodedPage = PageSize & ({ jpeg: Uint8Array } | { indexed: Indexed });

export async function flattenPdf(doc: PDFDocumentProxy, job: Job, input: Uint8Array): Promise<Flattened> {
  checkPageCount(doc.numPages);
  const inputBytes = input.length;
  const pictures = await findImagePages(input, doc.numPages);
  const out = await createClean();
  const warnings: WarningCode[] = [];
  let renderMs = 0;
  let first: Flattened['watermark'];
  let trace: TraceReport | undefined;
  // A field's stated limit (maxBytes) wins: its share a page, less a little for the structure.
  const limit = job.options.maxBytes;
  const share = Math.max(MIN_BUDGET, (GROWTH * inputBytes) / doc.numPages);
  const budget = limit ? Math.min(share, (limit * 0.98 - 2000) / doc.numPages) : share;
  // Page n renders (page thread) while the pages before it encode, one in each of the two
  // encoders (reading a text page, choosing its palette, packing and deflating it take longer
  // than rendering it): at most ENCODING pages with the encoders, added to the PDF in order.
  const encoding: Promise<void>[] = [];
  const encoded = () => Promise.all(encoding.splice(0));
  const request: CompactRequest = {
    mime: 'image/jpeg' as const,
    quality: job.options.pdf.quality,
    colours: PAGE_COLOURS,
    minFlat: PAGE_MIN_FLAT,
    maxMean: PAGE_MAX_MEAN,
    maxOff: 1,
    maxFar: PAGE_MAX_FAR,
    budget,
    ...(limit ? { minQuality: MIN_QUALITY_FOR_LIMIT } : {}),
    raw: true,
    inSequence: true,
  };
  const write = pageWriter(out, request);
  for (let n = 1; n <= doc.numPages; n++) {
    // A picture page (a scan) is decoded only once the page before it is encoded: decoding holds
    // two pages' worth of pixels for a moment (measured: the browser's JPEG decoder alone, 1.9×
    // a page's RGBA), which on top of the page being encoded made ~4× a page. Scans have time to
    // spare (~1× pdf.js's render); memory is what they lack.
    if (pictures(n)) await encoded();
    const t = performance.now();
    const traceThis = traced(job) && tracedPage(n, pictures(n));
    if (traced(job) && !traceThis) warnings.push('trace-first-page');
    const page = await stampedPage(doc, n, job, traceThis, pictures(n));
    renderMs += performance.now() - t;
    if (page.downscaled) warnings.push('page-downscaled');
    first ??= page.watermark;
    if (page.trace) trace = { ...page.trace, psnr: Math.min(page.trace.psnr, trace?.psnr ?? Infinity) };
    const size = { widthPt: page.widthPt, heightPt: page.heightPt };
    // A page that was a JPEG picture carries JPEG's noise: no palette would fit it; straight to
    // JPEG. A traced text page too, no lower than TRACED_PAGE_MIN_QUALITY.
    const how: Partial<CompactRequest> = page.picture ? { colours: [] } : page.trace ? { colours: [], minQuality: TRACED_PAGE_MIN_QUALITY } : {};
    if (encoding.length >= ENCODING) await encoding.shift();
    // The encoder reads the page, chooses its palette and packs it (or makes a JPEG of it when
    // no palette fits) while this thread renders the next page.
    // A picture page is encoded from its canvas where this thread may (no worker's copy of the
    // page): the next picture page waits for it anyway (above).
    const canvas = page.canvas;
    const written = write(canvas, size, how, !page.picture)
      .catch(() => {
        throw new StampError('encode-failed', { kind: 'JPEG' });
      })
      .finally(() => void (canvas.width = canvas.height = 0));
    // A failed page stops the loop at the next await; until then, no unhandled rejection.
    written.catch(() => {});
    encoding.push(written);
  }
  await encoded();
  const firstPage = out.getPage(0).getSize();
  const bytes = await saveClean(out, job.env.randomBytes);
  if (limit && bytes.length > limit) throw new StampError('cannot-reach-size', { limit: human(limit), size: human(bytes.length) });
  return {
    bytes,
    pages: doc.numPages,
    widthPt: firstPage.width,
    heightPt: firstPage.height,
    watermark: first,
    ...(trace ? { trace } : {}),
    warnings: [...new Set(warnings)],
    renderMs,
  };
}

/**
 * Writes pages into `out`, one after the other, each encoded in the worker: a palette image when
 * one of `colours` fits the page (and its budget), else a JPEG whose quality search starts at
 * the last JPEG page's.
 */
function pageWriter(out: PDFDocument, request: CompactRequest) {
  let quality: number | undefined;
  // The last JPEG page's size ratio a step up (see CompactRequest.stepUp), and whether it was a
  // picture page: a ratio is passed on only to a page of the same kind (a scan's pages are alike,
  // a traced text page is not like them).
  let stepUp: { ratio?: number; picture: boolean } | undefined;
  let added: Promise<void> = Promise.resolve();
  // Called before the page's canvas is freed. `background`: its pixels are handed over to an
  // encoder at once (a rendered page); otherwise it is encoded here, and must be kept until this
  // resolves (a picture page). Resolves once the page is in the PDF, after the pages written before it.
  return (canvas: OffscreenCanvas, size: PageSize, page: Partial<CompactRequest>, background = true): Promise<void> => {
    const picture = !background;
    const like = stepUp?.picture === picture ? { stepUp: stepUp.ratio } : {};
    const compact = encodeCompact(canvas, { ...request, ...page, ...(quality !== undefined ? { startQuality: quality, ...like } : {}) }, background);
    compact.catch(() => {}); // observed below, once the pages before it are in
    added = added.then(async () => {
      const c = await compact;
      if ('indexed' in c) return addPage(out, { ...size, indexed: c.indexed });
      if (c.quality !== undefined) ((quality = c.quality), (stepUp = { ratio: c.stepUp, picture }));
      return addPage(out, { ...size, jpeg: (await verifyClean(c.blob, 'jpeg')).bytes });
    });
    return added;
  };
}

async function addPage(out: PDFDocument, p: EncodedPage): Promise<void> {
  if ('indexed' in p) return addIndexedPage(out, p.indexed, p.widthPt, p.heightPt);
  const image = await out.embedJpg(p.jpeg);
  out.addPage([p.widthPt, p.heightPt]).drawImage(image, { x: 0, y: 0, width: p.widthPt, height: p.heightPt });
}

/** A page showing a palette image: /Indexed colour space, the rows deflated (FlateDecode). */
function addIndexedPage(out: PDFDocument, im: Indexed, widthPt: number, heightPt: number): void {
  const lookup = Array.from(im.palette.subarray(0, im.size * 3), (b) => b.toString(16).padStart(2, '0')).join('');
  const dict = out.context.obj({
    Type: 'XObject',
    Subtype: 'Image',
    Width: im.width,
    Height: im.height,
    BitsPerComponent: im.bits,
    ColorSpace: [PDFName.of('Indexed'), PDFName.of('DeviceRGB'), im.size - 1, PDFHexString.of(lookup)],
    Filter: 'FlateDecode',
  });
  const ref = out.context.register(PDFRawStream.of(dict, im.data));
  const page = out.addPage([widthPt, heightPt]);
  const name = page.node.newXObject('Page', ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(widthPt, 0, 0, heightPt, 0, 0), drawObject(name), popGraphicsState());
}

/** The first page as one picture, for upload fields that take only images. */
export async function firstPageAsImage(doc: PDFDocumentProxy, job: Job, kind: ImageKind) {
  checkPageCount(doc.numPages);
  const page = await stampedPage(doc, 1, job, traced(job));
  const image = await verifyClean(await encodeCanvas(page.canvas, `image/${kind}`, job.options.quality, false, !page.trace), kind);
  const warnings: WarningCode[] = doc.numPages > 1 ? ['first-page-only'] : [];
  return { ...image, watermark: page.watermark, ...(page.trace ? { trace: page.trace } : {}), warnings };
}
