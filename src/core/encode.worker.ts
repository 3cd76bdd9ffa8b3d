// Encodes pictures off the page's thread. In a document, Chrome schedules convertToBlob as an
// idle task; frames that get no idle time (a prompt over a busy page, a background tab, any
// headless frame) then wait a full second per picture. A worker encodes at once. PDF pages are
// read, given their palette, packed and deflated here, two pages at a time in two workers,
// while the page renders the next.
// It also deflates the second half of a long PNG's rows while the page deflates the first.
import { compact, onBitmap, type Compact, type CompactRequest } from './palette/compact.ts';
import { deflateLastPart, prepareDeflate, type RawPart } from './palette/deflate.ts';

export type EncodeRequestBody =
  | {
      bitmap: ImageBitmap;
      mime: string;
      quality: number;
      /** Palette or budgeted encoding (PDF pages, screenshots). */
      compact?: CompactRequest;
    }
  | { lastPart: Uint8Array<ArrayBuffer> }
  /** Compile the deflate module and start its optimising now: a PNG is on its way (no answer). */
  | { prepare: true };

export type EncodeAnswer = { id: number; out: Compact } | { id: number; part: RawPart | undefined } | { id: number; error: string };

self.onmessage = async (e: MessageEvent<EncodeRequestBody & { id: number }>) => {
  const { id } = e.data;
  if ('prepare' in e.data) return void prepareDeflate().catch(() => {});
  try {
    if ('lastPart' in e.data) {
      const part = await deflateLastPart(e.data.lastPart);
      self.postMessage({ id, part }, { transfer: part ? [part.raw.buffer as ArrayBuffer] : [] });
      return;
    }
    const { bitmap, mime, quality } = e.data;
    if (e.data.compact) {
      const out = await compact(bitmap, e.data.compact);
      bitmap.close(); // done with it either way: released now, not at collection
      self.postMessage({ id, out }, { transfer: 'indexed' in out ? [out.indexed.data.buffer as ArrayBuffer] : [] });
      return;
    }
    self.postMessage({ id, out: { blob: await onBitmap(bitmap, (canvas) => canvas.convertToBlob({ type: mime, quality })) } });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
