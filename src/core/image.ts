// The image path: lossless strip, or decode → orient → watermark → encode.
import imageCompression from 'browser-image-compression';
import { encodeCanvas, verifyClean, type ImageKind } from './encode.ts';
import { human } from './human.ts';
import { MAX_PIXELS } from './limits.ts';
import { jpegQuality } from './formats/jpeg-quality.ts';
import { viewDocument, type DocumentView } from './document/view.ts';
import { isStampError, StampError } from './errors.ts';
import type { ImageFormat, ImageInfo } from './formats/index.ts';
import { traced, type Job, type Produced } from './job.ts';
import { traceCanvas } from './trace-canvas.ts';
import { orientationMatrix, uprightSize } from './orientation.ts';
import type { StampReport, TraceReport, WarningCode } from './report.ts';
import type { Kind } from './sniff.ts';
import { drawRedactions, drawWatermark, planOnDocument, planWhole, summarize } from './watermark/draw.ts';
import type { Rect } from './raster/grey.ts';
import { randomJitter, type Jitter } from './watermark/layout.ts';
import { SCREENSHOT_GROWTH, smallerLayout } from './smaller-layout.ts';

/**
 * A stamped JPEG photo stays within this × its input's bytes (issue 14's limit): only a copy
 * over it is encoded again, a little lower (a second encode costs as much as the first)…
 */
const PHOTO_GROWTH = 1.3;
/** …by lowering the quality at most 0.1 below the source's, and never below this. */
const PHOTO_MIN_QUALITY = 0.75;

/** A picture as read: its bytes, real type, format module and header facts. */
export interface ImageSource {
  bytes: Uint8Array;
  kind: Kind;
  format: ImageFormat;
  info: ImageInfo;
}

/** Where the copy goes (see stampImage). */
export interface ImageTarget {
  target?: ImageKind;
  /** The page of a multi-page picture (TIFF), from 1. */
  page?: number;
  pdfPage?: boolean;
}

/**
 * `target`: the output type when the caller needs one (a PDF page, a field that accepts only
 * JPEG); otherwise the input's own type (GIF/BMP: PNG). `pdfPage`: the picture goes into a PDF,
 * whose viewers ignore EXIF orientation.
 */
export async function stampImage(source: ImageSource, job: Job, to: ImageTarget = {}): Promise<Produced> {
  const { bytes, kind, format, info } = source;
  const { target, page = 1, pdfPage = false } = to;
  const { options } = job;
  // A JPEG without its end marker: complete, or cut short (then refused, as a truncated file).
  if (info.verify === 'truncated') await mustDecode(format.strip!(bytes, { keepOrientation: false }).bytes, format, 'truncated');
  // Black boxes need the pixels: only a clean copy without them can skip re-encoding; so does a
  // turned picture for a PDF page (its lossless copy would lie on its side there).
  if (options.mode === 'strip' && format.strip && (!target || target === kind) && options.redact.length === 0 && !(pdfPage && info.orientation !== 1)) {
    const out = format.strip(bytes, { keepOrientation: true });
    const fits = (!options.maxBytes || out.bytes.length <= options.maxBytes) && (!options.maxDimension || Math.max(info.width, info.height) <= options.maxDimension);
    // Headers in doubt: never write a copy that cannot be opened (stamp mode decodes anyway).
    if (fits && info.verify === 'decode') await mustDecode(out.bytes, format, 'decode-failed');
    if (fits)
      return {
        bytes: out.bytes,
        kind,
        ...uprightSize(info.width, info.height, info.orientation),
        lossless: true,
        removed: out.removed,
        warnings: [...(info.warnings ?? [])],
        ms: {},
      };
  }
  return reencode(source, job, target, page);
}

/**
 * Refuses, with `code`, a file the browser's decoder cannot open; with 'truncated' (a JPEG given
 * its end marker back), also one whose scan was cut short. Chromium's createImageBitmap refuses
 * some complete JPEGs without the marker, yet shows them in a page, and shows cut ones too: so
 * the copy with the marker is decoded, and libjpeg fills what it had no data for with uniform
 * grey (128, 128, 128) to the end: a bottom-right corner of exactly that grey is a cut scan.
 */
async function mustDecode(bytes: Uint8Array, format: ImageFormat, code: 'truncated' | 'decode-failed'): Promise<void> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type: format.mime }), { colorSpaceConversion: 'none' });
  } catch {
    throw new StampError(code, { kind: format.kind.toUpperCase() });
  }
  try {
    if (code === 'truncated' && greyCorner(bitmap)) throw new StampError('truncated');
  } finally {
    bitmap.close();
  }
}

/** The last 16×8 pixels (bottom right: the last MCU decoded) are all exactly grey 128. */
function greyCorner(bitmap: ImageBitmap): boolean {
  const w = Math.min(16, bitmap.width);
  const h = Math.min(8, bitmap.height);
  const ctx = new OffscreenCanvas(w, h).getContext('2d');
  if (!ctx) return false;
  ctx.drawImage(bitmap, bitmap.width - w, bitmap.height - h, w, h, 0, 0, w, h);
  const px = ctx.getImageData(0, 0, w, h).data;
  for (let i = 0; i < px.length; i += 4) if (px[i] !== 128 || px[i + 1] !== 128 || px[i + 2] !== 128) return false;
  return true;
}

async function reencode(source: ImageSource, job: Job, target: ImageKind | undefined, page: number): Promise<Produced> {
  const { bytes, kind, format } = source;
  let { info } = source;
  const { options } = job;
  const warnings: WarningCode[] = [...(info.warnings ?? [])];
  const outKind: ImageKind = target ?? (kind === 'jpeg' || kind === 'webp' ? kind : (format.output?.(bytes) ?? 'png'));
  if (target && target !== kind) warnings.push('converted');
  else if (outKind !== kind) warnings.push(format.output ? 'converted-format' : 'converted-to-png');
  // Clean-only of a format we cannot write (HEIC, AVIF, TIFF): a high-quality copy.
  const quality = options.mode === 'strip' && !format.strip ? Math.max(options.quality, 0.95) : options.quality;
  if (options.mode === 'strip' && format.strip && !target && options.redact.length === 0) warnings.push('reencoded-to-fit');
  const mime = `image/${outKind}`;

  // Decode the picture with all metadata (orientation included) removed, then rotate ourselves.
  // The browser decodes on its own threads: meanwhile, set up the canvas and plan the mark.
  const clean = format.strip ? format.strip(bytes, { keepOrientation: false }).bytes : bytes;
  const tDecode = performance.now();
  const decoding = format.decode ? format.decode(clean, { maxPixels: MAX_PIXELS, signal: job.signal, page }) : createImageBitmap(new Blob([clean as BlobPart], { type: format.mime }));
  decoding.catch(() => undefined); // awaited below; no unhandled rejection meanwhile
  // HEIF decoders apply irot/imir and crop (clap) themselves: take the size they give.
  if (kind === 'heic' || kind === 'avif') {
    const b = await decoding.catch(() => undefined);
    if (b) info = { ...info, width: b.width, height: b.height };
  }

  const up = uprightSize(info.width, info.height, info.orientation);
  const scale = options.maxDimension ? Math.min(1, options.maxDimension / Math.max(up.width, up.height)) : 1;
  if (scale < 1) warnings.push('resized');
  const width = Math.max(1, Math.round(up.width * scale));
  const height = Math.max(1, Math.round(up.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  // An opaque canvas for JPEG output: no alpha to premultiply and carry through.
  const ctx = canvas.getContext('2d', { alpha: outKind !== 'jpeg' });
  if (!ctx) throw new StampError('encode-failed', { kind: outKind.toUpperCase() });
  const stamping = options.mode === 'stamp';

  let bitmap: ImageBitmap;
  try {
    bitmap = await decoding;
  } catch (e) {
    if (isStampError(e) || job.signal?.aborted) throw e;
    throw new StampError('decode-failed', { kind: kind.toUpperCase() });
  }
  const decode = performance.now() - tDecode;
  try {
    if (bitmap.width !== info.width || bitmap.height !== info.height) throw new StampError('corrupt', { kind: kind.toUpperCase() });
    const tDraw = performance.now();
    // `again`: over a layout already drawn (see smallerLayout).
    const upright = (again = false) => {
      if (outKind === 'jpeg' && kind !== 'jpeg') {
        // Transparent areas would turn black; paint them white like a viewer.
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, width, height);
      } else if (again) ctx.clearRect(0, 0, width, height);
      ctx.imageSmoothingQuality = 'high';
      ctx.setTransform(...orientationMatrix(info.orientation, bitmap.width, bitmap.height, scale));
      ctx.drawImage(bitmap, 0, 0);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
    };
    const boxes = () =>
      drawRedactions(
        ctx,
        width,
        height,
        options.redact.filter((r) => !r.page || r.page === page),
      );
    upright();
    // A stamped screenshot may be drawn again in another layout (see smallerLayout); otherwise
    // the decoded picture's own pixels are let go once drawn (freed when the canvas next draws),
    // not held through the search and the encode. A traced one's after its trace, though: let go
    // before, a traced 12 MP stamp took 1.064 of the time, a traced screenshot 1.075 (paired).
    const mayRedraw = stamping && !traced(job) && kind === 'png' && outKind === 'png' && options.watermark.jitter;
    if (!mayRedraw && !traced(job)) bitmap.close();
    let view: DocumentView | undefined;
    let drawMark: ((jitter: Jitter) => StampReport['watermark']) | undefined;
    let watermark: StampReport['watermark'];
    if (stamping) {
      // Where the document is and what on it stays clear, before redaction boxes hide anything.
      // A lossless picture of flat colours is a screenshot or an exported page: a document as a
      // whole (a passport page's portrait is no card on a table).
      const v = (view = await viewDocument(canvas, { protect: options.watermark.protectCodes, wholeIfFlat: kind !== 'jpeg' && kind !== 'heic' && kind !== 'avif' }));
      boxes();
      drawMark = (jitter) => {
        const m = v.found ? planOnDocument(ctx, width, height, job.text, options.watermark, jitter, v.quad) : planWhole(ctx, width, height, job.text, options.watermark, jitter);
        drawWatermark(ctx, m, options.watermark, v.keepClear, v.brightness);
        return { ...summarize(m, job.code), ...(v.mrz ? { mrz: v.mrz } : {}), codes: v.codes };
      };
      watermark = drawMark(job.jitter);
    } else boxes();
    // The canvas draws lazily: reading one pixel makes it finish the mark (~100–150 ms of text
    // on a 12 MP photo), so that time counts as drawing, not as the trace's (the encoder would
    // otherwise pay it).
    if (traced(job)) ctx.getImageData(0, 0, 1, 1);
    const draw = performance.now() - tDraw;
    // The invisible trace goes on top of everything drawn (issue 21).
    const trace = traced(job) ? await traceCanvas(ctx, width, height, job) : undefined;
    if (trace) bitmap.close(); // (see mayRedraw)

    const tEncode = performance.now();
    // No higher than the source's own quality: more would add bytes, not detail.
    const encodeQuality = outKind === 'jpeg' && kind === 'jpeg' ? Math.min(quality, jpegQuality(bytes) ?? 1) : quality;
    // A stamped or traced photo stays near its input's size: the mark's fine edges cost bytes,
    // so the quality may step down a little (never below PHOTO_MIN_QUALITY) to keep within
    // PHOTO_GROWTH. The trace costs more: a texture of a few grey levels over the whole picture,
    // strongest on smooth photos (the mask's flat minimum, scaled up to its PSNR), where the
    // source spent the fewest bytes (a smooth q92 12 MP photo: 1.4–1.6× at q0.92–0.82, 1.0–1.2×
    // at 0.75–0.78). A traced copy may go down to PHOTO_MIN_QUALITY: the trace survives q50.
    const budget =
      outKind === 'jpeg' && kind === 'jpeg' && (stamping || trace)
        ? { bytes: Math.round(bytes.length * PHOTO_GROWTH), minQuality: trace ? Math.min(encodeQuality, PHOTO_MIN_QUALITY) : Math.max(PHOTO_MIN_QUALITY, encodeQuality - 0.1) }
        : undefined;
    // A traced copy's palette keeps the trace (its flat colours' variants: palette/quantise.ts).
    const encoded = () => encodeCanvas(canvas, mime, encodeQuality, false, trace ? 'keep-trace' : options.mode === 'stamp', budget);
    let blob = await encoded();
    // A stamped screenshot over its size limit: another layout of the mark (see smallerLayout).
    if (mayRedraw && drawMark && blob.size > SCREENSHOT_GROWTH * bytes.length) {
      const redraw = drawMark;
      ({ blob, watermark } = await smallerLayout({ blob, watermark }, SCREENSHOT_GROWTH * bytes.length, async () => {
        upright(true);
        boxes();
        const w = redraw(randomJitter(job.env.random));
        return { blob: await encoded(), watermark: w };
      }));
    }
    let size: { width: number; height: number } | undefined = { width, height };
    if (options.maxBytes && blob.size > options.maxBytes) {
      blob = await fitBytes(blob, mime, options.maxBytes, encodeQuality);
      warnings.push('resized');
      size = undefined; // possibly scaled: read it from the file
    }
    const out = await verifyClean(blob, outKind, size);
    return {
      bytes: out.bytes,
      kind: outKind,
      width: out.width,
      height: out.height,
      lossless: false,
      removed: info.metadata,
      watermark,
      ...(trace ? { trace: trace.report } : {}),
      warnings: [...new Set(warnings)],
      ms: { decode, draw, encode: performance.now() - tEncode, ...(view ? { find: view.ms } : {}), ...(trace ? { trace: trace.ms } : {}) },
    };
  } finally {
    bitmap.close();
  }
}

/** Smaller by quality, then by scale, with browser-image-compression on this thread (no CDN worker). */
async function fitBytes(blob: Blob, mime: string, maxBytes: number, quality: number): Promise<Blob> {
  const file = new File([blob], 'image', { type: mime });
  const out = await imageCompression(file, {
    maxSizeMB: maxBytes / (1024 * 1024),
    useWebWorker: false,
    fileType: mime,
    initialQuality: quality,
    preserveExif: false,
    maxIteration: 15,
  });
  if (out.size > maxBytes) throw new StampError('cannot-reach-size', { limit: human(maxBytes), size: human(out.size) });
  return out;
}
