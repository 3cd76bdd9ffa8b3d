// The WebAssembly kernels ship as bytes generated from their .wat (tools/build/make-wasm.ts):
// the committed bytes must be the text's, so what is reviewed is what runs.
import { expect, it } from 'vitest';
import { committedModule, compileKernel, KERNELS, kernelModule } from '../../tools/build/make-wasm.ts';

it.each(KERNELS)('$out holds $wat compiled (npm run wasm after editing the .wat)', async (k) => {
  expect(committedModule(k)).toBe(kernelModule(k, await compileKernel(k)));
});
