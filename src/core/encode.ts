// Canvas → encoded picture, through a worker when we are in a document (see encode.worker.ts).
import EncodeWorker from './encode.worker.ts?worker';

let worker: Worker | undefined;
let next = 0;
const pending = new Map<number, { resolve: (b: Blob) => void; reject: (e: Error) => void }>();

function encoder(): Worker {
  if (worker) return worker;
  worker = new EncodeWorker();
  worker.onmessage = (e: MessageEvent<{ id: number; blob?: Blob; error?: string }>) => {
    const p = pending.get(e.data.id);
    pending.delete(e.data.id);
    if (e.data.blob) p?.resolve(e.data.blob);
    else p?.reject(new Error(e.data.error ?? 'encoding failed'));
  };
  return worker;
}

/** Encodes the canvas; its content is handed over (the canvas is blank afterwards). */
export async function encode(canvas: OffscreenCanvas, mime: string, quality: number): Promise<Blob> {
  if (typeof document === 'undefined' || typeof Worker === 'undefined') return canvas.convertToBlob({ type: mime, quality });
  const bitmap = canvas.transferToImageBitmap();
  const id = ++next;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    encoder().postMessage({ id, bitmap, mime, quality }, [bitmap]);
  });
}
