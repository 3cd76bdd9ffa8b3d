// The smallest faithful encoding of a picture: a palette image when it has few colours,
// otherwise the full-colour encoder (JPEG: lowering the quality step by step to a byte budget).
// Runs in the encode worker (on an ImageBitmap) or in the page (on the canvas itself).
import { indexedPixels, indexPicture, type Indexed } from './index.ts';
import type { MapError } from './quantise.ts';
import { deflatePngRows, type Alongside } from './deflate.ts';
import { fullColourPng, indexedPng } from './png.ts';

export interface CompactRequest {
  mime: 'image/jpeg' | 'image/png';
  quality: number;
  /** Palette sizes to try, smallest first (≤ 256); none: full colour only. */
  colours: number[];
  /** Try a palette only when this share of pixels has one colour (see IndexRequest). */
  minFlat?: number;
  /** Largest accepted mean error (levels of 255), shares of visibly off and clearly wrong pixels. */
  maxMean: number;
  maxOff: number;
  maxFar: number;
  /** JPEG: bytes to stay within by lowering the quality, not below `minQuality` (MIN_QUALITY). */
  budget?: number;
  minQuality?: number;
  /** How far the quality drops per try (default 0.1; photos use finer steps to stay close). */
  step?: number;
  /** Where the search for the budget's quality starts (the last PDF page's); default the top. */
  startQuality?: number;
  /**
   * The last PDF page's size at the step above its quality ÷ its size at that quality (that
   * step was over its budget): a page like it is over there too, and is not encoded there.
   */
  stepUp?: number;
  /** Give the palette image back as is (a PDF embeds it), not as a PNG. */
  raw?: boolean;
  /** The picture carries the invisible trace: a palette must keep it (see IndexRequest). */
  keepTrace?: boolean;
  /**
   * One of many pictures encoded in a row (a PDF's pages): a bitmap's pixels are freed as soon
   * as it is encoded, at the cost of a copy (see onBitmap).
   */
  inSequence?: boolean;
}

export type Compact = { blob: Blob; quality?: number; stepUp?: number } | { indexed: Indexed };

/**
 * A PNG picture (screenshot, graphic, generated ID-card scene) becomes a palette PNG only when
 * it is practically exact: mean error ≤ 1 level of 255, ≤ 0.1% of pixels off by more than 8
 * levels, none clearly wrong. Photos fail this and keep full colour.
 */
export const PNG_PALETTE: Pick<CompactRequest, 'colours' | 'maxMean' | 'maxOff' | 'maxFar'> = { colours: [16, 64, 256], maxMean: 1, maxOff: 0.001, maxFar: 0.00001 };

/** JPEG quality is not lowered below this to meet a budget (scans stay legible)… */
export const MIN_QUALITY = 0.65;
/** …unless a field's stated size limit asks for it: then down to this (still legible at 150 DPI). */
export const MIN_QUALITY_FOR_LIMIT = 0.45;

/** Whether a palette's error is small enough for the request. */
const accepts =
  (req: Pick<CompactRequest, 'maxMean' | 'maxOff' | 'maxFar'>) =>
  (e: MapError): boolean =>
    e.mean <= req.maxMean && e.off <= req.maxOff && e.far <= req.maxFar;

/** A palette image larger than the budget (a scan's paper grain) is worse than a JPEG. */
const withinBudget = (indexed: Indexed, req: Pick<CompactRequest, 'budget'>): boolean => !(req.budget && indexed.data.length > req.budget);

/** `alongside`: a second thread for deflating half of a PNG's rows (deflate.ts). */
export async function compact(source: ImageBitmap | OffscreenCanvas, req: CompactRequest, alongside?: Alongside): Promise<Compact> {
  if (req.colours.length) {
    // A PDF's page (inSequence, raw) is let go once read: not held while its rows are packed.
    const bitmap = source;
    const read = req.inSequence && req.raw && bitmap instanceof ImageBitmap ? () => bitmap.close() : undefined;
    const indexed = await indexPicture(source, { colours: req.colours, minFlat: req.minFlat, png: !req.raw, accept: accepts(req), alongside, read, keepTrace: req.keepTrace });
    if (indexed && withinBudget(indexed, req)) return req.raw ? { indexed } : { blob: indexedPng(indexed) };
    // Over its budget after all: a JPEG, of what the palette image shows (a palette image was
    // made, so the page was let go when `read`).
    if (indexed && read) source = await createImageBitmap(new ImageData(await indexedPixels(indexed), indexed.width, indexed.height));
  }
  // A PNG in full colour is ours too (the browser's is 1.8–4.5× larger: see fullColour); it reads
  // the pixels, so a bitmap is drawn into an ordinary canvas for it.
  const full = (canvas: OffscreenCanvas) => (req.mime === 'image/png' ? fullColour(canvas, alongside) : encodeWithin(canvas, req));
  if (source instanceof OffscreenCanvas) return full(source);
  return onBitmap(source, full, req.inSequence || req.mime === 'image/png');
}

/**
 * A full-colour PNG of the canvas, rows Paeth-filtered and deflated by the bundled libdeflate at
 * level 6. The browser's own PNG encoder is faster but its files are larger, which matters once
 * the trace's texture covers a flat picture: the same pixels of a traced 3000 × 2000 screenshot
 * took 1.71 MB (62 ms) against our 0.38 MB traced clean, 3.08 MB (119 ms) against our 1.69 MB
 * stamped (ours ~220 ms; see docs/benchmarks.md). The pixels are read a strip at a time; RGB
 * when every pixel is opaque; the browser's encoder where WebAssembly cannot run.
 */
async function fullColour(canvas: OffscreenCanvas, alongside?: Alongside): Promise<Compact> {
  const { width, height } = canvas;
  const ctx = canvas.getContext('2d')!;
  const png = await deflatePngRows((y, rows) => ctx.getImageData(0, y, width, rows).data, width, height, alongside);
  return { blob: png ? fullColourPng(width, height, png.bpp, png.idat) : await canvas.convertToBlob({ type: 'image/png' }) };
}

/**
 * How fast a JPEG's size falls with its quality, as ln(bytes) per unit of quality: ~2.4 for a
 * stamped smooth 12 MP photo (693 KB at 0.85 to 543 KB at 0.75). A copy too large jumps at once
 * to the step this predicts will fit, instead of stepping down one encode at a time.
 */
const LOG_SIZE_PER_QUALITY = 2.4;

/**
 * A page fitting its budget is encoded a step higher only when that may fit too: not when its
 * size times the last page's `stepUp` is over the budget by more than this. A scan's pages are
 * alike: on the bench's scan the prediction was within 0.2 % of the real size (each page fitted
 * at 0.65 and was 2–11 % over at 0.75), and that second encode was ~16 ms of a 65–80 ms page.
 */
const SURELY_OVER = 1.01;

/**
 * The highest quality of the steps down from `req.quality` whose JPEG fits the budget (or the
 * lowest step). The search starts at `req.startQuality` (the previous PDF page's): a scan's pages
 * are alike, so one or two encodes a page. A copy too large jumps to the step the size predicts
 * (a smooth photo far over its budget: 2 encodes instead of 5), then moves up or down one step at
 * a time from there: the same result as trying every step, as sizes fall with quality, except
 * that a page like the last (`stepUp`) is not tried a step up where that surely will not fit.
 */
export async function encodeWithin(canvas: Pick<OffscreenCanvas, 'convertToBlob'>, req: CompactRequest): Promise<Compact> {
  const floor = Math.min(req.quality, req.minQuality ?? MIN_QUALITY);
  const steps: number[] = [];
  for (let q = req.quality; q > floor + 1e-9; q -= req.step ?? 0.1) steps.push(q);
  steps.push(floor);
  const last = steps.length - 1;
  const budget = req.mime === 'image/jpeg' ? req.budget : undefined;
  const tried = new Map<number, { blob: Blob; quality: number }>();
  const encodeAt = async (i: number) => {
    const known = tried.get(i);
    if (known) return known;
    const out = { blob: await canvas.convertToBlob({ type: req.mime, quality: steps[i] }), quality: steps[i]! };
    tried.set(i, out);
    return out;
  };
  if (!budget) return encodeAt(0);
  const at = req.startQuality === undefined ? 0 : steps.findIndex((q) => q <= req.startQuality! + 1e-9);
  let i = at < 0 ? last : at;
  let best = await encodeAt(i);
  if (best.blob.size > budget && i < last) {
    const want = steps[i]! - Math.log(best.blob.size / budget) / LOG_SIZE_PER_QUALITY;
    const j = steps.findIndex((q) => q <= want + 1e-9);
    i = Math.max(i + 1, j < 0 ? last : j);
    best = await encodeAt(i);
  }
  if (best.blob.size <= budget) {
    // Fits: a step higher may fit too.
    let stepUp: number | undefined;
    while (i > 0) {
      if (!tried.has(i - 1) && req.stepUp && best.blob.size * req.stepUp > budget * SURELY_OVER) {
        stepUp = req.stepUp; // not tried: the last page's ratio still stands for the next
        break;
      }
      const up = await encodeAt(i - 1);
      if (up.blob.size > budget) {
        stepUp = up.blob.size / best.blob.size;
        break;
      }
      ((best = up), i--);
    }
    return stepUp ? { ...best, stepUp } : best;
  }
  while (i < last && best.blob.size > budget) best = await encodeAt(++i);
  const above = tried.get(i - 1);
  return above && best.blob.size <= budget ? { ...best, stepUp: above.blob.size / best.blob.size } : best;
}

/**
 * Runs `use` on a canvas showing the bitmap (which it closes). Zero-copy: the bitmap becomes a
 * bitmap renderer's content. But a renderer keeps its bitmap until the worker's collector runs,
 * even once given another or resized, and a PDF's pages piled up behind it (measured, the
 * browser alone: five A4 pages peaked at 42 MB, against 17 MB drawn and closed). So pictures
 * `inSequence` are drawn into an ordinary canvas and closed instead: a copy (a 12 MP photo
 * through the encoder took 1.06× the time that way, paired), freed at once.
 */
export async function onBitmap<T>(bitmap: ImageBitmap, use: (canvas: OffscreenCanvas) => Promise<T>, inSequence = false): Promise<T> {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const renderer = inSequence ? null : canvas.getContext('bitmaprenderer');
  try {
    if (renderer) renderer.transferFromImageBitmap(bitmap);
    else canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    bitmap.close();
    return await use(canvas);
  } finally {
    bitmap.close();
    // Not transferFromImageBitmap(null): that makes a blank bitmap of the canvas's size (a 12 MP
    // photo through the encoder took 1.12× the time with it, paired), and frees nothing sooner.
    canvas.width = canvas.height = 0;
  }
}
