// Reads an MRZ off the page's thread: decodes the picture (EXIF orientation applied by the
// browser), makes a grey copy and runs the reader. The page never waits on it.
import { shrunkJpeg, type JpegHeader } from '../raster/jpeg-frame.ts';
import { readMrzGrey } from './read-grey.ts';
import { toGrey } from '../raster/grey.ts';

export interface MrzJob {
  id: number;
  /** A picture file, or a rendered PDF page. */
  source: Blob | ImageBitmap;
  /** A JPEG's header, read by the caller (this worker does not load the format walkers). */
  jpeg?: JpegHeader;
  /** ISO date: the day expiry is judged against. */
  today: string;
}

/** Characters need about 20 pixels of pitch: larger pictures are read at this long side. */
export const READ_SIDE = 2000;

self.onmessage = async (e: MessageEvent<MrzJob>) => {
  const { id, source, jpeg, today } = e.data;
  try {
    // A JPEG larger than the reader needs is decoded shrunk (a 12 MP photo at half its side: in
    // Chromium 156, the read in 0.69–0.86 of the time), else whole.
    const image = source instanceof Blob ? (jpeg && (await shrunkJpeg(source, jpeg, READ_SIDE))) || (await createImageBitmap(source)) : source;
    // A frame's display size is after its EXIF turn (no `instanceof VideoFrame`: a worker
    // without WebCodecs has no such name).
    const { width, height } = 'displayWidth' in image ? { width: image.displayWidth, height: image.displayHeight } : image;
    const scale = Math.min(1, READ_SIDE / Math.max(width, height));
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(image, 0, 0, w, h);
    image.close();
    const t0 = performance.now();
    const read = readMrzGrey(toGrey(ctx.getImageData(0, 0, w, h)), new Date(today));
    self.postMessage({ id, read, ms: performance.now() - t0, decoded: { width, height } });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
