// The trace: an invisible, keyed copy of the trace code in the pixels of every stamped copy.
// Pure TypeScript (no DOM, no extension APIs): the pipeline, the CLI and node tests share it.
//
//   embedTrace(pixels, { key, code })  → { psnr, cell, ms }   (pixels changed in place)
//   readTrace(pixels, key)             → { code | null, sync, lattice, bitErrors, … }
//   prepareReader()                    → compiles the reader's WebAssembly ahead (a page must)
//
// See docs/trace.md for how it works and what it survives.
import { embedTrace as embedPixels, type EmbedOptions, type EmbedResult, type Pixels } from './embed.ts';
import { readTrace as readPixels, type ReadResult } from './read.ts';
import { keyFromBytes, type TraceKey } from './key.ts';
import type { Plane } from './plane.ts';

export { exportKey, importKey, keyFromBytes, makeKey, KEY_BYTES, type TraceKey } from './key.ts';
export { TraceError, type TraceErrorCode } from './errors.ts';
export { MIN_SIDE } from './embed.ts';
export { prepareKernel as prepareReader } from './kernel.ts';
export type { EmbedResult, Pixels, ReadResult, Plane };

type KeyLike = TraceKey | Uint8Array;
const bytesOf = (k: KeyLike) => (k instanceof Uint8Array ? keyFromBytes(k).bytes : k.bytes);

/** Adds the trace of `code` to RGBA pixels, in place. Throws TraceError when it cannot. */
export function embedTrace(pixels: Pixels, o: { key: KeyLike; code: string; psnr?: number }): EmbedResult {
  const opts: EmbedOptions = { key: bytesOf(o.key), code: o.code, ...(o.psnr !== undefined ? { psnr: o.psnr } : {}) };
  return embedPixels(pixels, opts);
}

/** Reads a trace from RGBA pixels (or a luminance plane). `code` is null unless it checks out. */
export function readTrace(pixels: Pixels | Plane, key: KeyLike): ReadResult {
  return readPixels(pixels, bytesOf(key));
}
