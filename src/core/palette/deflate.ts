// zlib streams (RFC 1950), as PNG's IDAT and PDF's FlateDecode want them. libdeflate, bundled as
// WebAssembly (zlib.c), is ~2.5× faster than the browser's CompressionStream for as small an
// output, and deflating was most of the encoder's time on a text page (27 of ~38 ms). The
// browser's own is the fallback: where WebAssembly cannot be had, or its memory runs out.
import { give, take } from '../raster/spare.ts';
import { ZLIB_WASM } from './zlib-wasm.ts';
import { wasmBytes } from '../wasm-bytes.ts';

interface Zlib {
  memory: WebAssembly.Memory;
  room(bytes: number): number;
  bound(bytes: number): number;
  compress(input: number, length: number, output: number, capacity: number): number;
  paeth(rgba: number, width: number, height: number, bpp: number, out: number, tmp: number): void;
}

/**
 * A module's memory stays as large as its largest job: after a job above this, the module is
 * let go (its memory with it) and the next job makes another. Text pages (~1.7 MB) keep theirs.
 */
const KEEP_BELOW = 8 << 20;

// Compiled asynchronously: browsers refuse to compile modules over 4 KB synchronously on a page.
let compiled: Promise<WebAssembly.Module | undefined> | undefined;
let kept: Zlib | undefined;

async function zlib(): Promise<Zlib | undefined> {
  if (kept) return kept;
  compiled ??= WebAssembly.compile(wasmBytes(ZLIB_WASM)).catch(() => undefined);
  const module = await compiled;
  if (!module) return undefined;
  kept ??= (await WebAssembly.instantiate(module)).exports as unknown as Zlib;
  return kept;
}

/** The zlib stream of `bytes`. */
export const deflate = (bytes: Uint8Array): Promise<Uint8Array> => deflateInto(bytes.length, (into) => into.set(bytes));

/**
 * The zlib stream of the `length` bytes that `fill` writes (into zeroed memory): written
 * straight into the compressor's memory, not copied there.
 */
export async function deflateInto(length: number, fill: (into: Uint8Array) => void): Promise<Uint8Array> {
  return (await bundledDeflate(length, fill)) ?? (await browserDeflate(length, fill));
}

/** deflateInto by libdeflate alone: undefined where it cannot run, or its memory could not grow enough. */
export async function bundledDeflate(length: number, fill: (into: Uint8Array) => void): Promise<Uint8Array | undefined> {
  const z = await zlib();
  return z && compressIn(z, length, fill);
}

function compressIn(z: Zlib, length: number, fill: (into: Uint8Array) => void): Uint8Array | undefined {
  // Room for the input and for its stream: at first half its size (pages and screenshots
  // shrink 10–40×), all it could take when that is not enough. The room grows in place.
  let capacity = Math.min(z.bound(length), (length >> 1) + 4096);
  let at = z.room(length + capacity);
  if (!at) return undefined;
  const input = new Uint8Array(z.memory.buffer, at, length);
  input.fill(0);
  fill(input);
  let size = z.compress(at, length, at + length, capacity);
  if (!size) {
    capacity = z.bound(length);
    at = z.room(length + capacity);
    size = at ? z.compress(at, length, at + length, capacity) : 0;
  }
  const out = size ? new Uint8Array(z.memory.buffer, at + length, size).slice() : undefined;
  if (length + capacity >= KEEP_BELOW) kept = undefined;
  return out;
}

/**
 * The zlib stream of a PNG's rows for a width × height RGBA picture, each row Paeth-filtered
 * (zlib.c's `paeth`) at `bpp` bytes a pixel (3: no alpha). The pixels are copied into the
 * module's memory, the rows made after them, compressed after those. Undefined where the module
 * cannot run or its memory could not grow enough.
 */
export async function deflatePngRows(rgba: Uint8ClampedArray, width: number, height: number, bpp: 3 | 4): Promise<Uint8Array | undefined> {
  const z = await zlib();
  if (!z) return undefined;
  const pixels = rgba.length;
  const length = height * (1 + width * bpp);
  // As compressIn: room for half the rows' size first, all they could take if that is short;
  // and at least one row of RGBA, which the filter works in before the stream is written.
  let capacity = Math.max(4 * width, Math.min(z.bound(length), (length >> 1) + 4096));
  let at = z.room(pixels + length + capacity);
  if (!at) return undefined;
  new Uint8Array(z.memory.buffer, at, pixels).set(rgba);
  // A row's filtered RGBA goes where the compressed stream will be: it is not written yet.
  z.paeth(at, width, height, bpp, at + pixels, at + pixels + length);
  let size = z.compress(at + pixels, length, at + pixels + length, capacity);
  if (!size) {
    capacity = Math.max(4 * width, z.bound(length));
    at = z.room(pixels + length + capacity); // grows in place: the rows are still there
    size = at ? z.compress(at + pixels, length, at + pixels + length, capacity) : 0;
  }
  const out = size ? new Uint8Array(z.memory.buffer, at + pixels + length, size).slice() : undefined;
  if (pixels + length + capacity >= KEEP_BELOW) kept = undefined;
  return out;
}

/** The browser's own deflate, from a reused buffer. */
async function browserDeflate(length: number, fill: (into: Uint8Array) => void): Promise<Uint8Array> {
  const bytes = take('deflate', length, true);
  try {
    fill(bytes);
    // Written straight into the stream: a Blob's stream would copy the bytes out and back.
    const stream = new CompressionStream('deflate');
    const writer = stream.writable.getWriter();
    void writer.write(bytes).catch(() => {});
    void writer.close().catch(() => {});
    return new Uint8Array(await new Response(stream.readable).arrayBuffer());
  } finally {
    give('deflate', bytes);
  }
}
