// How every pdf.js document is opened: its data files (fonts, CMaps, decoders) from the
// extension itself, nothing fetched from outside, no eval, no XFA, and the memory budget.
// The bench's PDF floor opens its documents with these too, so it measures the same work.
import { MAX_PIXELS } from '../limits.ts';

/** Where the build puts pdf.js's data files (wxt.config.ts copies them). */
const assets = () => new URL('/pdfjs/', globalThis.location.href).href;

export function documentOptions(data: Uint8Array) {
  const base = assets();
  return {
    data,
    isEvalSupported: false,
    enableXfa: false,
    cMapUrl: `${base}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${base}standard_fonts/`,
    wasmUrl: `${base}wasm/`,
    iccUrl: `${base}iccs/`,
    verbosity: 0,
    // Memory budget: pdf.js skips decoding images above this many pixels instead of using
    // gigabytes (inspect.ts refuses such files first, when their sizes are readable).
    maxImageSize: MAX_PIXELS,
  };
}
