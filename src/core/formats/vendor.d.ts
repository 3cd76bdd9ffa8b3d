// Typings for the two bundled modules that ship none.

// The ES module build of libheif-js (the wasm inlined); its own typings describe the module.
declare module 'libheif-js/libheif-wasm/libheif-bundle.mjs' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type LibHeif = any;
  export default function factory(options?: { onRuntimeInitialized?: () => void }): LibHeif;
}

// pako 1.x (zlib), already in the bundle through pdf-lib: PNG iCCP profiles.
declare module 'pako' {
  export function inflate(data: Uint8Array): Uint8Array;
  export function deflate(data: Uint8Array): Uint8Array;
}
