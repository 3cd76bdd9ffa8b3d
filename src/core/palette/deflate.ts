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
  paeth(rgba: number, width: number, rows: number, bpp: number, above: number, out: number, tmp: number): number;
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
  const capacity = firstCapacity(z, length);
  const at = z.room(length + capacity);
  if (!at) return undefined;
  const input = new Uint8Array(z.memory.buffer, at, length);
  input.fill(0);
  fill(input);
  return compressRoom(z, at, length, capacity);
}

/**
 * Room for a stream of `length` bytes of input: at first half its size (pages and screenshots
 * shrink 10–40×), and at least `atLeast` (a caller's scratch, used before the stream is written).
 */
const firstCapacity = (z: Zlib, length: number, atLeast = 0) => Math.max(atLeast, Math.min(z.bound(length), (length >> 1) + 4096));

/**
 * Compresses the room's `length` bytes at `at` into the `capacity` after them, growing the room
 * (in place: the input stays) to all the stream could take when that is not enough. A module
 * whose room has grown large is let go afterwards (KEEP_BELOW).
 */
function compressRoom(z: Zlib, at: number, length: number, capacity: number): Uint8Array | undefined {
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

/** Bytes of pixels read at a time for a full-colour PNG: the picture is never copied whole. */
const STRIP_BYTES = 1 << 20;

/**
 * The zlib stream of a PNG's rows for a width × height picture that `read` gives as RGBA a strip
 * of rows at a time, each row Paeth-filtered (zlib.c's `paeth`), RGB (`bpp` 3) when every pixel
 * is opaque, else RGBA (read again). Only the rows and their stream are held, in the module's
 * memory; a strip and the row above it are kept where the stream will go. Undefined where the
 * module cannot run or its memory could not grow enough.
 */
export async function deflatePngRows(
  read: (y: number, rows: number) => Uint8ClampedArray,
  width: number,
  height: number,
  stripBytes = STRIP_BYTES,
): Promise<{ idat: Uint8Array; bpp: 3 | 4 } | undefined> {
  const z = await zlib();
  if (!z) return undefined;
  const rowBytes = 4 * width;
  const perStrip = Math.max(1, Math.min(height, Math.floor(stripBytes / rowBytes)));
  const scratch = (perStrip + 2) * rowBytes;
  for (const bpp of [3, 4] as const) {
    const length = height * (1 + width * bpp);
    // The strip, the row above it and a row to filter in sit where the stream will be written.
    const capacity = firstCapacity(z, length, scratch);
    const at = z.room(length + capacity);
    if (!at) return undefined;
    const strip = at + length;
    const above = strip + perStrip * rowBytes;
    const tmp = above + rowBytes;
    let opaque = true;
    for (let y = 0; y < height && (opaque || bpp === 4); y += perStrip) {
      const n = Math.min(perStrip, height - y);
      const memory = new Uint8Array(z.memory.buffer);
      memory.set(read(y, n), strip);
      opaque = z.paeth(strip, width, n, bpp, y ? above : 0, at + y * (1 + width * bpp), tmp) === 1 && opaque;
      memory.copyWithin(above, strip + (n - 1) * rowBytes, strip + n * rowBytes);
    }
    if (!opaque && bpp === 3) continue; // transparency: the rows again, with their alpha
    const idat = compressRoom(z, at, length, capacity);
    return idat && { idat, bpp };
  }
  return undefined;
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
