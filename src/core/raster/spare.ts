// Scratch buffers lent out and given back, one spare per kind in each thread. Pictures read one
// after another (a document's pages, a batch) would otherwise each leave megabytes of arrays for
// the collector, which lets them pile up: their bytes live outside the JavaScript heap.

const spare = new Map<string, ArrayBuffer>();

/** A buffer of at least `bytes` (zeroed if asked): the spare of this kind, or a new one. */
export function take(kind: string, bytes: number, zeroed = false): Uint8Array<ArrayBuffer> {
  const b = spare.get(kind);
  spare.delete(kind);
  if (!b || b.byteLength < bytes) return new Uint8Array(bytes);
  const out = new Uint8Array(b, 0, bytes);
  return zeroed ? out.fill(0) : out;
}

/** Gives a buffer back as the spare of its kind (the larger one is kept). */
export function give(kind: string, view: ArrayBufferView): void {
  const b = view.buffer as ArrayBuffer;
  if ((spare.get(kind)?.byteLength ?? 0) < b.byteLength) spare.set(kind, b);
}

/** `take` as floats. */
export const takeFloats = (kind: string, length: number): Float32Array<ArrayBuffer> => new Float32Array(take(kind, length * 4).buffer, 0, length);
