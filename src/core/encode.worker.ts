// Encodes pictures off the page's thread. In a document, Chrome schedules convertToBlob as an
// idle task; frames that get no idle time (a prompt over a busy page, a background tab, any
// headless frame) then wait a full second per picture. A worker encodes at once. It also packs
// palette pictures analysed on the page (PDF pages: the page reads a bitmap of its canvas and
// picks the palette, this maps and deflates).
import { bitmapCanvas, compact, type Compact, type CompactRequest } from './palette/compact.ts';
import { packPicture, type Analysis, type Indexed } from './palette/index.ts';

export type EncodeRequestBody =
  | {
      bitmap: ImageBitmap;
      mime: string;
      quality: number;
      /** Palette or budgeted encoding (PDF pages, screenshots). */
      compact?: CompactRequest;
    }
  | { pack: Analysis };

export type EncodeAnswer = { id: number; out: Compact } | { id: number; packed: Indexed; keys: Uint16Array<ArrayBuffer> } | { id: number; error: string };

self.onmessage = async (e: MessageEvent<EncodeRequestBody & { id: number }>) => {
  const { id } = e.data;
  try {
    if ('pack' in e.data) {
      const { pack } = e.data;
      const packed = await packPicture(pack, false);
      self.postMessage({ id, packed, keys: pack.keys }, { transfer: [packed.data.buffer as ArrayBuffer, pack.keys.buffer] });
      return;
    }
    const { bitmap, mime, quality } = e.data;
    if (e.data.compact) {
      const out = await compact(bitmap, e.data.compact);
      bitmap.close(); // done with it either way: released now, not at collection
      self.postMessage({ id, out }, { transfer: 'indexed' in out ? [out.indexed.data.buffer as ArrayBuffer] : [] });
      return;
    }
    self.postMessage({ id, out: { blob: await bitmapCanvas(bitmap).convertToBlob({ type: mime, quality }) } });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
