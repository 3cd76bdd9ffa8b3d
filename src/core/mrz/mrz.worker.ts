// Reads an MRZ off the page's thread: decodes the picture (EXIF orientation applied by the
// browser), makes a grey copy and runs the reader. The page never waits on it.
import { jpeg as jpegFormat, jpegFrame } from '../formats/jpeg.ts';
import { readMrzGrey } from './read-grey.ts';
import { toGrey } from '../raster/grey.ts';

export interface MrzJob {
  id: number;
  /** A picture file, or a rendered PDF page. */
  source: Blob | ImageBitmap;
  /** The picture is a JPEG (sniffed by the caller). */
  jpeg?: boolean;
  /** ISO date: the day expiry is judged against. */
  today: string;
}

/** Characters need about 20 pixels of pitch: larger pictures are read at this long side. */
export const READ_SIDE = 2000;

self.onmessage = async (e: MessageEvent<MrzJob>) => {
  const { id, source, jpeg, today } = e.data;
  try {
    const image = source instanceof Blob ? (jpeg && (await shrunkJpeg(source))) || (await createImageBitmap(source)) : source;
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

/**
 * A JPEG larger than READ_SIDE decoded at the fewest eighths of its size that still reach it
 * (libjpeg-turbo's scaled DCT, through ImageDecoder's desired size): a second decode of the
 * photo being stamped, so as little of one as will do (a 12 MP photo at half its side: in
 * Chromium 156, the read 0.69–0.86 of the time). Upright: a frame carries the EXIF turn, which
 * drawing it applies; taken only where that is seen to be so (no turn, or a quarter turn the
 * frame's size shows), as a browser may not. Undefined otherwise (no ImageDecoder, a process
 * browsers do not shrink, a size not as asked): the caller then decodes it whole.
 */
async function shrunkJpeg(file: Blob): Promise<VideoFrame | undefined> {
  if (typeof ImageDecoder === 'undefined') return undefined;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const frame = jpegFrame(bytes);
  if (!frame?.huffman || Math.max(frame.width, frame.height) <= READ_SIDE) return undefined;
  const eighths = Math.ceil((8 * READ_SIDE) / Math.max(frame.width, frame.height));
  // Chromium takes n = ⌊8·√(desired area / area)⌋: both sides rounded up keep n.
  const size = { width: Math.ceil((frame.width * eighths) / 8), height: Math.ceil((frame.height * eighths) / 8) };
  const turn = jpegFormat.inspect(bytes).orientation;
  let decoder: ImageDecoder | undefined;
  try {
    decoder = new ImageDecoder({ data: bytes, type: 'image/jpeg', desiredWidth: size.width, desiredHeight: size.height });
    const { image } = await decoder.decode();
    const shrunk = image.codedWidth === size.width && image.codedHeight === size.height;
    const upright = turn === 1 || (turn >= 5 && image.displayWidth === size.height && image.displayHeight === size.width);
    if (shrunk && upright) return image;
    image.close();
  } catch {
    // decoded whole
  } finally {
    decoder?.close();
  }
  return undefined;
}
