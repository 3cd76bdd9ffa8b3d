// Pixels read through a VideoFrame into a buffer the caller keeps: getImageData makes a new array
// every time, and the strips of a picture, or a document's pages, leave them piling up for the
// collector (their bytes live outside the JavaScript heap).

/** Copies a rectangle of the frame's pixels, as RGBA, into `into`. */
export type CopyRect = (into: Uint8Array<ArrayBuffer>, rect: { x: number; y: number; width: number; height: number }) => Promise<void>;

/**
 * Opens `source` as a frame and lets `read` copy from it. False, where the browser has no
 * VideoFrame or cannot give RGBA (the caller then reads with getImageData); `read` may have
 * copied part of the picture by then. Other errors are thrown.
 */
export async function readFrame(source: OffscreenCanvas | ImageBitmap, read: (copy: CopyRect) => Promise<void>): Promise<boolean> {
  if (typeof VideoFrame === 'undefined') return false;
  let frame: VideoFrame | undefined;
  try {
    const f = (frame = new VideoFrame(source, { timestamp: 0, alpha: 'keep' }));
    await read(async (into, rect) => void (await f.copyTo(into, { rect, format: 'RGBA', colorSpace: 'srgb' })));
    return true;
  } catch (e) {
    if (frame && !(e instanceof DOMException || e instanceof TypeError)) throw e;
    return false;
  } finally {
    frame?.close();
  }
}
