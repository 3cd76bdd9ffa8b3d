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
  part(input: number, length: number, output: number, capacity: number, last: number): number;
  adler(input: number, length: number): number;
  paeth(rgba: number, width: number, rows: number, bpp: number, above: number, out: number): number;
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

/**
 * Compiles the module and starts its optimising, ahead of a job (an encoder that will deflate
 * halves of PNGs). The engine runs new WebAssembly on a baseline compiler and optimises a
 * function once it has run a while, in the background; a call already running stays on the
 * baseline code, so an encoder's first long deflate ran at about half speed (its half of a
 * screenshot: ~70 ms). A little work first lets the optimised code be ready for it.
 */
let warmed = false;
export async function prepareDeflate(): Promise<void> {
  const z = await zlib();
  if (!z || warmed) return;
  warmed = true;
  const length = 1 << 17;
  const capacity = z.bound(length);
  const at = z.room(length + capacity);
  if (!at) return;
  // Rows of a few repeating values, as pages and screenshots have.
  const input = new Uint8Array(z.memory.buffer, at, length);
  for (let i = 0; i < length; i++) input[i] = (i % 1009) * 7 + ((i >> 11) & 3);
  z.compress(at, length, at + length, capacity);
}

/** The zlib stream of `bytes`. */
export const deflate = (bytes: Uint8Array): Promise<Uint8Array> => deflateInto(bytes.length, (into) => into.set(bytes));

/**
 * Another thread (an encode worker) for the last part of a long stream, when one is ready now:
 * it deflates the bytes handed over at once, giving their raw deflate and Adler-32
 * (deflateLastPart there), or undefined when it could not.
 */
export type Alongside = () => ((bytes: Uint8Array<ArrayBuffer>) => Promise<RawPart | undefined>) | undefined;

export interface RawPart {
  raw: Uint8Array;
  adler: number;
}

/**
 * The zlib stream of the `length` bytes that `fill` writes (into zeroed memory): written
 * straight into the compressor's memory, not copied there. `alongside`: a second thread for the
 * second half of a long input (see compressRoom).
 */
export async function deflateInto(length: number, fill: (into: Uint8Array) => void, alongside?: Alongside): Promise<Uint8Array> {
  return (await bundledDeflate(length, fill, alongside)) ?? (await browserDeflate(length, fill));
}

/** deflateInto by libdeflate alone: undefined where it cannot run, or its memory could not grow enough. */
export async function bundledDeflate(length: number, fill: (into: Uint8Array) => void, alongside?: Alongside): Promise<Uint8Array | undefined> {
  const z = await zlib();
  if (!z) return undefined;
  const capacity = firstCapacity(z, length);
  const at = z.room(length + capacity);
  if (!at) return undefined;
  const input = new Uint8Array(z.memory.buffer, at, length);
  input.fill(0);
  fill(input);
  return compressRoom(z, at, length, capacity, alongside);
}

/** The worker's side of Alongside: `bytes` as the raw deflate that ends a stream, and their Adler-32. */
export async function deflateLastPart(bytes: Uint8Array): Promise<RawPart | undefined> {
  const z = await zlib();
  return z && lastPart(z, bytes);
}

function lastPart(z: Zlib, bytes: Uint8Array): RawPart | undefined {
  const capacity = firstCapacity(z, bytes.length);
  const at = z.room(bytes.length + capacity);
  if (!at) return undefined;
  new Uint8Array(z.memory.buffer).set(bytes, at);
  const adler = z.adler(at, bytes.length) >>> 0;
  const raw = compressWith(z, at, bytes.length, capacity, (...a) => z.part(...a, 1));
  return raw && { raw, adler };
}

/**
 * Room for a stream of `length` bytes of input: at first half its size (pages and screenshots
 * shrink 10–40×), and at least `atLeast` (a caller's scratch, used before the stream is written).
 */
const firstCapacity = (z: Zlib, length: number, atLeast = 0) => Math.max(atLeast, Math.min(z.bound(length), (length >> 1) + 4096));

/**
 * Below this, an input is compressed on one thread: handing half of it over costs more than
 * it saves.
 */
const SPLIT_FROM = 1 << 20;

/**
 * Compresses the room's `length` bytes at `at` into the `capacity` after them (see
 * compressWith). With `alongside`, a long input is compressed in two halves at once: the first
 * here, ending in an empty stored block (zlib's sync flush), the second on the other thread,
 * ending the stream; then joined under one header and the Adler-32 of the whole. The halves
 * lose only the matches across the middle. Where the other thread fails, this one compresses
 * the second half too, from its own copy: while this waits, another job of this thread may
 * have used the room.
 */
async function compressRoom(z: Zlib, at: number, length: number, capacity: number, alongside?: Alongside): Promise<Uint8Array | undefined> {
  const other = length < SPLIT_FROM ? undefined : alongside?.();
  if (!other) return compressWith(z, at, length, capacity, z.compress);
  const half = length >> 1;
  const second = new Uint8Array(z.memory.buffer, at + half, length - half).slice();
  const last = other(second.slice()).catch(() => undefined);
  const adler = z.adler(at, half) >>> 0;
  const first = compressWith(z, at, half, capacity, (...a) => z.part(...a, 0), length);
  // Not even the first half fitted in memory: the whole, while the room still holds it.
  if (!first) return compressWith(z, at, length, capacity, z.compress);
  const away = (await last) ?? lastPart(z, second);
  if (!away) return undefined;
  const out = new Uint8Array(2 + first.length + away.raw.length + 4);
  out.set(ZLIB_HEADER);
  out.set(first, 2);
  out.set(away.raw, 2 + first.length);
  new DataView(out.buffer).setUint32(out.length - 4, adlerJoin(adler, away.adler, length - half));
  return out;
}

/** The zlib header libdeflate writes at level 6 (zlib.c): deflate, 32 KB window, default level. */
const ZLIB_HEADER = [0x78, 0x9c];

/** The Adler-32 of two pieces joined, from theirs and the second's length (zlib's adler32_combine). */
function adlerJoin(a: number, b: number, lengthB: number): number {
  const BASE = 65521;
  const rem = lengthB % BASE;
  let s1 = a & 0xffff;
  let s2 = (rem * s1) % BASE;
  s1 += (b & 0xffff) + BASE - 1;
  s2 += ((a >>> 16) & 0xffff) + ((b >>> 16) & 0xffff) + BASE - rem;
  if (s1 >= BASE) s1 -= BASE;
  if (s1 >= BASE) s1 -= BASE;
  if (s2 >= 2 * BASE) s2 -= 2 * BASE;
  if (s2 >= BASE) s2 -= BASE;
  return ((s2 << 16) | s1) >>> 0;
}

/**
 * Compresses the room's `length` bytes at `at` by `run` into the `capacity` after its first
 * `keep` bytes (the input, or more of it that must stay), growing the room (in place: what it
 * holds stays) to all the stream could take when that is not enough. A module whose room has
 * grown large is let go afterwards (KEEP_BELOW).
 */
function compressWith(z: Zlib, at: number, length: number, capacity: number, run: (at: number, length: number, out: number, capacity: number) => number, keep = length): Uint8Array | undefined {
  let size = run(at, length, at + keep, capacity);
  if (!size) {
    capacity = z.bound(length);
    at = z.room(keep + capacity);
    size = at ? run(at, length, at + keep, capacity) : 0;
  }
  const out = size ? new Uint8Array(z.memory.buffer, at + keep, size).slice() : undefined;
  if (keep + capacity >= KEEP_BELOW) kept = undefined;
  return out;
}

/** Bytes of pixels read at a time for a full-colour PNG: the picture is never copied whole. */
const STRIP_BYTES = 1 << 20;

/**
 * The zlib stream of a PNG's rows for a width × height picture that `read` gives as RGBA a strip
 * of rows at a time, each row Paeth-filtered (zlib.c's `paeth`), RGB (`bpp` 3) when every pixel
 * is opaque, else RGBA (read again). Only the rows and their stream are held, in the module's
 * memory; a strip and the row above it are kept where the stream will go. Undefined where the
 * module cannot run or its memory could not grow enough. `alongside`: as for deflateInto.
 */
export async function deflatePngRows(
  read: (y: number, rows: number) => Uint8ClampedArray,
  width: number,
  height: number,
  alongside?: Alongside,
  stripBytes = STRIP_BYTES,
): Promise<{ idat: Uint8Array; bpp: 3 | 4 } | undefined> {
  const z = await zlib();
  if (!z) return undefined;
  const rowBytes = 4 * width;
  const perStrip = Math.max(1, Math.min(height, Math.floor(stripBytes / rowBytes)));
  const scratch = (perStrip + 1) * rowBytes;
  for (const bpp of [3, 4] as const) {
    const length = height * (1 + width * bpp);
    // The strip and the row above it sit where the stream will be written.
    const capacity = firstCapacity(z, length, scratch);
    const at = z.room(length + capacity);
    if (!at) return undefined;
    const strip = at + length;
    const above = strip + perStrip * rowBytes;
    let opaque = true;
    for (let y = 0; y < height && (opaque || bpp === 4); y += perStrip) {
      const n = Math.min(perStrip, height - y);
      const memory = new Uint8Array(z.memory.buffer);
      memory.set(read(y, n), strip);
      opaque = z.paeth(strip, width, n, bpp, y ? above : 0, at + y * (1 + width * bpp)) === 1 && opaque;
      memory.copyWithin(above, strip + (n - 1) * rowBytes, strip + n * rowBytes);
    }
    if (!opaque && bpp === 3) continue; // transparency: the rows again, with their alpha
    const idat = await compressRoom(z, at, length, capacity, alongside);
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
