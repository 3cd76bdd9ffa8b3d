// The WebAssembly kernels ship as base64 in modules generated from their sources
// (tools/build/make-wasm.ts): no .wasm file to load, nothing fetched.

/** A kernel's bytes, from its generated module's base64. */
export const wasmBytes = (base64: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
