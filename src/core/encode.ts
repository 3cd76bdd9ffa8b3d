// Canvas → encoded picture, through a worker when we are in a document (see encode.worker.ts).
import EncodeWorker from './encode.worker.ts?worker';
import { compact, type Compact, type CompactRequest } from './palette/compact.ts';

/** Two encoders on machines with the cores for it: PDF pages encode side by side. */
const workers: Worker[] = [];
let next = 0;
const pending = new Map<number, { resolve: (c: Compact) => void; reject: (e: Error) => void }>();

function encoder(): Worker {
  const size = Math.min(2, navigator.hardwareConcurrency || 1);
  if (workers.length < size) {
    const w = new EncodeWorker();
    w.onmessage = (e: MessageEvent<{ id: number; out?: Compact; error?: string }>) => {
      const p = pending.get(e.data.id);
      pending.delete(e.data.id);
      if (e.data.out) p?.resolve(e.data.out);
      else p?.reject(new Error(e.data.error ?? 'encoding failed'));
    };
    workers.push(w);
    return w;
  }
  return workers[next % workers.length]!;
}

/**
 * A visible top-level page gets idle time, so it encodes directly (no hand-over cost); frames,
 * hidden tabs and workers are not delayed by going through the encoder.
 */
const encodesDirectly = () =>
  typeof document === 'undefined' || typeof Worker === 'undefined' || (globalThis.top === globalThis.self && document.visibilityState === 'visible');

function viaWorker(canvas: OffscreenCanvas, message: { mime: string; quality: number; compact?: CompactRequest }): Promise<Compact> {
  const bitmap = canvas.transferToImageBitmap();
  const id = ++next;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    encoder().postMessage({ id, bitmap, ...message }, [bitmap]);
  });
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

/** Like encode, but a palette image when the picture has few colours (see palette/compact.ts). */
export async function encodeCompact(canvas: OffscreenCanvas, req: CompactRequest, background = false): Promise<Compact> {
  if (!background && encodesDirectly()) return compact(canvas, req);
  return viaWorker(canvas, { mime: req.mime, quality: req.quality, compact: req });
}
