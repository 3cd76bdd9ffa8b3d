// Canvas → encoded picture, through a worker when we are in a document (see encode.worker.ts).
// Shared by the image and PDF paths (pdf/ uses this module, never image.ts).
import EncodeWorker from './encode.worker.ts?worker';
import { StampError } from './errors.ts';
import { IMAGE_FORMATS } from './formats/index.ts';
import { compact, PNG_PALETTE, type Compact, type CompactRequest } from './palette/compact.ts';
import type { Alongside } from './palette/deflate.ts';
import type { EncodeAnswer, EncodeRequestBody } from './encode.worker.ts';

/** The picture types we write. */
export type ImageKind = 'jpeg' | 'png' | 'webp';

/** Two encoders on machines with the cores for it: PDF pages encode side by side. */
let workers: Worker[] = [];
let next = 0;
const pending = new Map<number, { worker: Worker; resolve: (a: EncodeAnswer) => void; reject: (e: Error) => void }>();

/** The encoders in turn; `at`: that one (made if need be). */
function encoder(at?: number): Worker {
  const size = Math.min(2, navigator.hardwareConcurrency || 1);
  while (workers.length < (at === undefined ? size : at + 1)) {
    const w = new EncodeWorker();
    w.onmessage = (e: MessageEvent<EncodeAnswer>) => {
      const p = pending.get(e.data.id);
      pending.delete(e.data.id);
      if ('error' in e.data) p?.reject(new Error(e.data.error));
      else p?.resolve(e.data);
    };
    // A worker that crashes fails what it was asked (the caller's typed error follows), and the
    // next request gets a new one.
    w.onerror = w.onmessageerror = () => {
      w.terminate();
      workers = workers.filter((x) => x !== w);
      for (const [id, p] of pending) if (p.worker === w) (pending.delete(id), p.reject(new Error('encoder failed')));
    };
    workers.push(w);
    if (at === undefined) return w;
  }
  return workers[at ?? next % workers.length]!;
}

/** One request to an encoder (`at`: that one), its answer (a failure rejects). */
function ask(message: EncodeRequestBody, transfer: Transferable[], at?: number): Promise<EncodeAnswer> {
  const id = ++next;
  const worker = encoder(at);
  return new Promise((resolve, reject) => {
    pending.set(id, { worker, resolve, reject });
    worker.postMessage({ id, ...message }, transfer);
  });
}

/**
 * A visible top-level page gets idle time, so it encodes directly (no hand-over cost); frames,
 * hidden tabs and workers are not delayed by going through the encoder.
 */
const encodesDirectly = () => typeof document === 'undefined' || typeof Worker === 'undefined' || (globalThis.top === globalThis.self && document.visibilityState === 'visible');

async function viaWorker(canvas: OffscreenCanvas, message: { mime: string; quality: number; compact?: CompactRequest }): Promise<Compact> {
  const bitmap = canvas.transferToImageBitmap();
  const a = await ask({ bitmap, ...message }, [bitmap]);
  if (!('out' in a)) throw new Error('encoding failed');
  return a.out;
}

/**
 * Encodes the canvas; its content may be handed over (the canvas can be blank afterwards).
 * `background`: the caller goes on working meanwhile (PDF pages), so use the workers anyway.
 */
export async function encode(canvas: OffscreenCanvas, mime: string, quality: number, background = false): Promise<Blob> {
  if (!background && encodesDirectly()) return canvas.convertToBlob({ type: mime, quality });
  const out = await viaWorker(canvas, { mime, quality });
  if (!('blob' in out)) throw new Error('encoding failed');
  return out.blob;
}

/**
 * An encoder deflates the second half of a long PNG's rows while this thread deflates the first
 * (palette/deflate.ts), on a machine with the cores for it, for pictures encoded here: 0.72 of
 * the time for a traced screenshot, paired. Only once that encoder has been readied: the first
 * PNG a page makes is deflated here alone, and the encoder is started and its deflate warmed
 * meanwhile (see prepareDeflate), for the next. Started any earlier, it slowed the first stamp:
 * its start-up took the core the picture's decode was using (a fresh page's first screenshot:
 * 302 → 343 ms, paired over six fresh browsers).
 */
let helperReady = false;
const alongside: Alongside = () => {
  if ((navigator.hardwareConcurrency || 1) < 2) return undefined;
  if (!helperReady) {
    helperReady = true;
    try {
      encoder(0).postMessage({ prepare: true } satisfies EncodeRequestBody);
    } catch {
      // No worker here: this thread deflates alone.
    }
    return undefined;
  }
  return async (bytes) => {
    const a = await ask({ lastPart: bytes }, [bytes.buffer], 0);
    return 'part' in a ? a.part : undefined;
  };
};

/** Like encode, but a palette image when the picture has few colours (see palette/compact.ts). */
export async function encodeCompact(canvas: OffscreenCanvas, req: CompactRequest, background = false): Promise<Compact> {
  if (!background && encodesDirectly()) return compact(canvas, req, alongside);
  return viaWorker(canvas, { mime: req.mime, quality: req.quality, compact: req });
}

/** No palette: a PNG in full colour. */
const FULL_COLOUR = { colours: [], maxMean: 0, maxOff: 0, maxFar: 0 };

/**
 * Encodes (and empties) a canvas; a typed error when the browser cannot. PNG: a palette PNG when
 * the picture has few colours (screenshots: the mark's antialiased edges would otherwise make
 * the file several times larger), else a full-colour PNG of ours (smaller than the browser's;
 * see palette/compact.ts). `palette: false` when the pixels must stay exactly as decoded
 * (strip-only GIF/BMP → PNG); 'keep-trace' when they carry the trace (a palette that keeps it).
 */
export async function encodeCanvas(
  canvas: OffscreenCanvas,
  mime: string,
  quality: number,
  background = false,
  palette: boolean | 'keep-trace' = true,
  budget?: { bytes: number; minQuality: number },
): Promise<Blob> {
  const kind = mime.slice(6).toUpperCase();
  let blob: Blob;
  try {
    // PNGs are always ours: a palette one when it fits, else full colour (palette/compact.ts).
    const request: CompactRequest | undefined =
      mime === 'image/png'
        ? { mime, quality, ...(palette ? PNG_PALETTE : FULL_COLOUR), ...(palette === 'keep-trace' ? { keepTrace: true } : {}) }
        : mime === 'image/jpeg' && budget
          ? { mime, quality, colours: [], maxMean: 0, maxOff: 0, maxFar: 0, budget: budget.bytes, minQuality: budget.minQuality, step: 0.03 }
          : undefined;
    if (request) {
      const out = await encodeCompact(canvas, request, background);
      if (!('blob' in out)) throw new Error('no picture');
      blob = out.blob;
    } else blob = await encode(canvas, mime, quality, background);
  } catch {
    throw new StampError('encode-failed', { kind });
  }
  // Browsers silently fall back to PNG for types they cannot write.
  if (blob.type !== mime) throw new StampError('encode-failed', { kind });
  return blob;
}

/**
 * The encoder writes no metadata, but verify rather than assume: strip our own output too.
 * `size`: the known size of the picture, else it is read from the file.
 */
export async function verifyClean(blob: Blob, kind: ImageKind, size?: { width: number; height: number }): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  const format = IMAGE_FORMATS[kind]!;
  const bytes = format.strip!(new Uint8Array(await blob.arrayBuffer()), { keepOrientation: false }).bytes;
  return { bytes, ...(size ?? format.inspect(bytes)) };
}
