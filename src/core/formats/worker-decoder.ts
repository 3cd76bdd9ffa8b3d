// The page's side of a decoder worker (HEIC: libheif, TIFF: UTIF). Each worker starts on the
// first file that needs it; a job that is aborted (timeout) terminates it, which really stops
// the decoding, and the next file starts a fresh one.
import { StampError } from '../errors.ts';
import { MAX_PIXELS } from '../limits.ts';

export interface Decoded {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

interface Reply extends Partial<Decoded> {
  id: number;
  error?: string;
}

export function workerDecoder(make: () => Worker, kind: string) {
  let worker: Worker | undefined;
  let next = 0;
  const pending = new Map<number, { resolve: (d: Decoded) => void; reject: (e: unknown) => void }>();
  const failAll = (e: unknown) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const stop = () => {
    worker?.terminate();
    worker = undefined;
  };
  const start = (): Worker => {
    const w = make();
    w.onmessage = (e: MessageEvent<Reply>) => {
      const p = pending.get(e.data.id);
      pending.delete(e.data.id);
      if (!p) return;
      const { error, width, height, rgba } = e.data;
      if (error?.startsWith('too-many-pixels')) {
        const [, w_, h_] = error.split(' ');
        p.reject(new StampError('too-many-pixels', { width: Number(w_), height: Number(h_), limit: MAX_PIXELS / 1e6 }));
      } else if (error || !rgba || !width || !height) p.reject(new StampError('decode-failed', { kind }));
      else p.resolve({ width, height, rgba });
    };
    // A worker that dies (out of memory, a crash in the decoder) fails its jobs, not the page.
    w.onerror = () => {
      stop();
      failAll(new StampError('decode-failed', { kind }));
    };
    return w;
  };

  return async function decode(message: Record<string, unknown>, transfer: Transferable[], signal?: AbortSignal): Promise<Decoded> {
    if (signal?.aborted) throw signal.reason;
    worker ??= start();
    const id = ++next;
    const w = worker;
    return new Promise<Decoded>((resolve, reject) => {
      const onAbort = () => {
        if (worker === w) stop();
        failAll(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      pending.set(id, {
        resolve: (d) => (signal?.removeEventListener('abort', onAbort), resolve(d)),
        reject: (e) => (signal?.removeEventListener('abort', onAbort), reject(e)),
      });
      w.postMessage({ ...message, id }, transfer);
    });
  };
}

/** Decoded RGBA → a bitmap the canvas path draws like any browser-decoded picture. */
export const toBitmap = (d: Decoded): Promise<ImageBitmap> => createImageBitmap(new ImageData(d.rgba as Uint8ClampedArray<ArrayBuffer>, d.width, d.height));
