// Reads an MRZ off the page's thread: decodes the picture (EXIF orientation applied by the
// browser), makes a grey copy and runs the reader. The page never waits on it.
import { readMrzGrey } from './read-grey.ts';
import { toGrey } from '../raster/grey.ts';

export interface MrzJob {
  id: number;
  /** A picture file, or a rendered PDF page. */
  source: Blob | ImageBitmap;
  /** ISO date: the day expiry is judged against. */
  today: string;
}

/** Characters need about 20 pixels of pitch: larger pictures are read at this long side. */
export const READ_SIDE = 2000;

self.onmessage = async (e: MessageEvent<MrzJob>) => {
  const { id, source, today } = e.data;
  try {
    let bitmap = source instanceof Blob ? await createImageBitmap(source) : source;
    const scale = Math.min(1, READ_SIDE / Math.max(bitmap.width, bitmap.height));
    const w = Math.max(1, Math.round(bitmap.width * scale));
    const h = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(bitmap, 0, 0, w, h);
    bitmap.close();
    const t0 = performance.now();
    const read = readMrzGrey(toGrey(ctx.getImageData(0, 0, w, h)), new Date(today));
    self.postMessage({ id, read, ms: performance.now() - t0 });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
