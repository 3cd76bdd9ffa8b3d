// Decodes a HEIC/HEIF primary image with libheif (LGPL-3.0, compiled to WebAssembly and bundled
// with the extension: nothing is fetched). A worker: the page stays responsive, and a job that
// times out is stopped by terminating it. Loaded only when a HEIC arrives.
import factory from 'libheif-js/libheif-wasm/libheif-bundle.mjs';

interface Request {
  id: number;
  bytes: Uint8Array;
  /** Refuse above this many pixels (the pipeline's limit; grids can claim more than ispe). */
  maxPixels: number;
}

type Lib = ReturnType<typeof factory>;
let lib: Promise<Lib> | undefined;
const load = () =>
  (lib ??= new Promise<{ m: Lib }>((resolve) => {
    // The runtime may finish initialising inside the factory call or later.
    let ready = false;
    let m: Lib;
    m = factory({ onRuntimeInitialized: () => ((ready = true), m && resolve({ m })) });
    if (ready) resolve({ m });
  }).then(({ m }) => m));

self.onmessage = async (e: MessageEvent<Request>) => {
  const { id, bytes, maxPixels } = e.data;
  try {
    const h = await load();
    const ctx = h.heif_context_alloc();
    try {
      const err = h.heif_context_read_from_memory(ctx, bytes);
      if (err.code !== h.heif_error_code.heif_error_Ok) throw new Error(`read: ${String(err.message)}`);
      const handle = h.heif_js_context_get_primary_image_handle(ctx);
      if (!handle || handle.code) throw new Error('no primary image');
      try {
        const width = h.heif_image_handle_get_width(handle);
        const height = h.heif_image_handle_get_height(handle);
        if (width * height > maxPixels) throw new Error(`too-many-pixels ${width} ${height}`);
        // Transformations (irot, imir, clap) applied; grids assembled; alpha kept.
        const img = await h.heif_js_decode_image2(handle, h.heif_colorspace.heif_colorspace_RGB, h.heif_chroma.heif_chroma_interleaved_RGBA);
        if (!img || img.code) throw new Error(`decode: ${String(img?.message ?? 'failed')}`);
        try {
          const plane = (img.channels as { id: number; data: Uint8Array; stride: number; width: number; height: number }[]).find((c) => c.id === h.heif_channel.heif_channel_interleaved);
          if (!plane) throw new Error('decode: no interleaved plane');
          const rgba = new Uint8ClampedArray(plane.width * plane.height * 4);
          if (plane.stride === plane.width * 4) rgba.set(plane.data.subarray(0, rgba.length));
          else for (let y = 0; y < plane.height; y++) rgba.set(plane.data.subarray(y * plane.stride, y * plane.stride + plane.width * 4), y * plane.width * 4);
          (self as unknown as Worker).postMessage({ id, width: plane.width, height: plane.height, rgba }, [rgba.buffer]);
        } finally {
          h.heif_image_release(img.image);
        }
      } finally {
        h.heif_image_handle_release(handle);
      }
    } finally {
      h.heif_context_free(ctx);
    }
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
