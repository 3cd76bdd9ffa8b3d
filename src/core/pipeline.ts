// stamp(file, options): the whole job for one file, in whatever browser context runs it
// (extension page or worker). Web APIs only: no extension APIs, no page DOM.
import { StampError } from './errors.ts';
import { MAX_INPUT_BYTES, MAX_PIXELS, MAX_SIDE } from './limits.ts';
import { IMAGE_FORMATS } from './formats/index.ts';
import type { ImageKind } from './encode.ts';
import { stampImage } from './image.ts';
import { makeJob, type Produced, type StampEnv } from './job.ts';
import { EXTENSIONS, outputName } from './naming.ts';
import { parseOptions, type StampOptions } from './options.ts';
import { tiffPage } from './formats/tiff.ts';
import { loadPdf } from './pdf/load.ts';
import type { StampReport } from './report.ts';
import { describeUnknown, sniff } from './sniff.ts';
import { traceCode } from './watermark/template.ts';
import { importKey, keyFromBytes, prepareReader, readTrace, type ReadResult, type TraceKey } from './trace/index.ts';

export type { StampEnv } from './job.ts';

export { MAX_INPUT_BYTES, MAX_PIXELS, MAX_SIDE } from './limits.ts';

const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));
export const defaultEnv: StampEnv = { now: () => new Date(), random: Math.random, randomBytes, code: () => traceCode(randomBytes) };

export interface StampResult {
  file: File;
  report: StampReport;
}

export interface NamedBlob extends Blob {
  readonly name?: string;
}

export async function stamp(input: NamedBlob, rawOptions: unknown = {}, env: StampEnv = defaultEnv): Promise<StampResult> {
  const options = parseOptions(rawOptions);
  // On timeout the job's signal aborts: decoder workers are terminated and pdf.js's task is
  // destroyed, so a stopped job does not go on using the machine.
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const e = new StampError('timeout', { seconds: Math.round(options.timeoutMs / 1000) });
      controller.abort(e);
      reject(e);
    }, options.timeoutMs);
  });
  try {
    return await Promise.race([run(input, options, env, controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function run(input: NamedBlob, options: StampOptions, env: StampEnv, signal: AbortSignal): Promise<StampResult> {
  const t0 = performance.now();
  if (input.size === 0) throw new StampError('empty');
  if (input.size > MAX_INPUT_BYTES) throw new StampError('too-large-file', { size: mb(input.size), limit: mb(MAX_INPUT_BYTES) });
  // A copy: the caller's File is never touched.
  const bytes = new Uint8Array(await input.arrayBuffer());
  const kind = sniff(bytes);
  const name = input.name ?? (kind === 'pdf' ? 'document' : 'image');
  const job = { ...makeJob(name, options, env), signal };
  const wanted = options.output === 'same' ? undefined : options.output;

  let input_: StampReport['input'];
  let out: Produced;
  if (kind === 'pdf') {
    out = await (await loadPdf()).stampPdf(bytes, job, wanted === 'pdf' ? undefined : wanted);
    input_ = { name, bytes: bytes.length, kind, width: 0, height: 0 };
  } else {
    const format = kind ? IMAGE_FORMATS[kind] : undefined;
    if (!kind || !format) throw new StampError('unsupported-type', { found: describeUnknown(bytes) });
    const info = format.inspect(bytes);
    checkPixels(info.width, info.height);
    const pages = format.pages?.(bytes) ?? 1;
    input_ = { name, bytes: bytes.length, kind, width: info.width, height: info.height, orientation: info.orientation, ...(pages > 1 ? { pages } : {}) };
    // A PDF page holds a JPEG, or a PNG for screenshots and graphics (sharp text, no artefacts).
    const pageKind = (k: ImageKind): ImageKind => (k === 'png' ? 'png' : 'jpeg');
    const own = (b: Uint8Array): ImageKind => (kind === 'jpeg' || kind === 'webp' || kind === 'png' ? kind : (format.output?.(b) ?? 'png'));
    if (pages > 1 && (wanted === undefined || wanted === 'pdf')) {
      // A multi-page scan (TIFF) becomes a PDF with every page.
      const produced: Produced[] = [];
      for (let n = 1; n <= pages; n++) {
        const page = tiffPage(bytes, n);
        checkPixels(page.width, page.height);
        produced.push(await stampImage({ bytes, kind, format, info: page }, job, { target: page.bilevel ? 'png' : 'jpeg', page: n }));
      }
      out = await (await loadPdf()).imageToPdf(produced, job);
    } else {
      const target: ImageKind | undefined = wanted === 'pdf' ? pageKind(own(bytes)) : wanted;
      out = await stampImage({ bytes, kind, format, info }, job, { target, pdfPage: wanted === 'pdf' });
      if (pages > 1) out.warnings.push('first-page-only');
      if (wanted === 'pdf') out = await (await loadPdf()).imageToPdf([out], job);
    }
  }

  const mime = out.kind === 'pdf' ? 'application/pdf' : `image/${out.kind}`;
  const file = new File([out.bytes as BlobPart], outputName(name, EXTENSIONS[out.kind]!, options.naming, job.code, options.mode === 'stamp' ? 'stamp' : 'strip'), { type: mime });
  if (out.kind === 'pdf') input_.pages ??= out.pages;
  return {
    file,
    report: {
      input: input_,
      output: { name: file.name, bytes: file.size, kind: out.kind, mime, width: Math.round(out.width), height: Math.round(out.height), pages: out.pages },
      mode: options.mode,
      pdfMode: out.pdfMode,
      lossless: out.lossless,
      removed: out.removed,
      watermark: out.watermark,
      ...(out.trace ? { trace: out.trace } : {}),
      warnings: out.warnings,
      ms: { ...out.ms, total: performance.now() - t0 },
    },
  };
}

const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);

/** Refused before decoding: name the limit that was hit (pixels or the side). */
function checkPixels(width: number, height: number): void {
  if (Math.max(width, height) > MAX_SIDE) throw new StampError('too-long-side', { width, height, limit: MAX_SIDE.toLocaleString('en') });
  if (width * height > MAX_PIXELS) throw new StampError('too-many-pixels', { width, height, limit: MAX_PIXELS / 1e6 });
}

export interface IdentifyResult extends Omit<ReadResult, 'code'> {
  /** The trace code found, or null: never a guess (a false match is below 1e-12 a picture). */
  trace: string | null;
}

/** Largest side decoded for reading: the reader works at 1024 px, with room for a crop. */
const IDENTIFY_SIDE = 2048;

/**
 * Pages of a PDF read for its trace, first to last, until one gives a code: a flattened copy
 * carries it on its first page and on every page that was a scan, so a copy whose first page
 * was taken out still tells. Each page read may match by chance as a picture may (see above).
 */
const IDENTIFY_PAGES = 5;

/**
 * Which copy leaked: reads the invisible trace from a found picture (photo, screenshot) or the
 * first pages of a PDF, with this device's key (exported text or its bytes). Local only.
 */
export async function identify(input: Blob | Uint8Array, key: string | Uint8Array | TraceKey): Promise<IdentifyResult> {
  const keyBytes = typeof key === 'string' ? importKey(key).bytes : key instanceof Uint8Array ? keyFromBytes(key).bytes : key.bytes;
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(await input.arrayBuffer());
  if (bytes.length === 0) throw new StampError('empty');
  if (bytes.length > MAX_INPUT_BYTES) throw new StampError('too-large-file', { size: mb(bytes.length), limit: mb(MAX_INPUT_BYTES) });
  const kind = sniff(bytes);
  await prepareReader();
  if (kind === 'pdf') return identifyPdf(bytes, keyBytes);
  let pixels: ImageData;
  const format = kind ? IMAGE_FORMATS[kind] : undefined;
  if (!kind || !format) throw new StampError('unsupported-type', { found: describeUnknown(bytes) });
  const info = format.inspect(bytes);
  checkPixels(info.width, info.height);
  let bitmap: ImageBitmap;
  try {
    bitmap = await (format.decode ? format.decode(bytes, { maxPixels: MAX_PIXELS, page: 1 }) : createImageBitmap(new Blob([bytes as BlobPart], { type: format.mime })));
  } catch {
    throw new StampError('decode-failed', { kind: kind.toUpperCase() });
  }
  try {
    const scale = Math.min(1, IDENTIFY_SIDE / Math.max(bitmap.width, bitmap.height));
    const w = Math.max(1, Math.round(bitmap.width * scale));
    const h = Math.max(1, Math.round(bitmap.height * scale));
    const ctx = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new StampError('decode-failed', { kind: kind.toUpperCase() });
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, w, h);
    pixels = ctx.getImageData(0, 0, w, h);
  } finally {
    bitmap.close();
  }
  const { code, ...rest } = readTrace(pixels, keyBytes);
  return { trace: code, ...rest };
}

/** The first code the PDF's first pages give, or the clearest reading of none. */
async function identifyPdf(bytes: Uint8Array, key: Uint8Array): Promise<IdentifyResult> {
  const { openPdf, renderPage } = await loadPdf();
  const doc = await openPdf(bytes);
  try {
    let best: IdentifyResult | undefined;
    for (let n = 1; n <= Math.min(doc.numPages, IDENTIFY_PAGES); n++) {
      // The flattened pages' own resolution (the default of options.pdf.dpi).
      const page = await renderPage(doc, n, 150);
      const { code, ...rest } = readTrace(page.canvas.getContext('2d')!.getImageData(0, 0, page.canvas.width, page.canvas.height), key);
      page.canvas.width = page.canvas.height = 0;
      if (code) return { trace: code, ...rest };
      if (!best || rest.sync > best.sync) best = { trace: null, ...rest };
    }
    if (!best) throw new StampError('pdf-no-pages');
    return best;
  } finally {
    await doc.destroy();
  }
}
