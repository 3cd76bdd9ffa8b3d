// Encodes pictures off the page's thread. In a document, Chrome schedules convertToBlob as an
// idle task; frames that get no idle time (a prompt over a busy page, a background tab, any
// headless frame) then wait a full second per picture. A worker encodes at once.
interface Job {
  id: number;
  bitmap: ImageBitmap;
  mime: string;
  quality: number;
}

self.onmessage = async (e: MessageEvent<Job>) => {
  const { id, bitmap, mime, quality } = e.data;
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    // Zero-copy: the bitmap becomes the canvas's content (draw it where that is unsupported).
    const renderer = canvas.getContext('bitmaprenderer');
    if (renderer) renderer.transferFromImageBitmap(bitmap);
    else {
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
      bitmap.close();
    }
    self.postMessage({ id, blob: await canvas.convertToBlob({ type: mime, quality }) });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
