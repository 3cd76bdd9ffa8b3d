// The ES module build of libheif-js (the wasm inlined); its own typings describe the module.
declare module 'libheif-js/libheif-wasm/libheif-bundle.mjs' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type LibHeif = any;
  export default function factory(options?: { onRuntimeInitialized?: () => void }): LibHeif;
}
