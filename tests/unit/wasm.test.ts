// The WebAssembly kernels ship as bytes generated from their sources (tools/build/make-wasm.ts):
// the committed bytes must be the sources', so what is reviewed is what runs.
import { expect, it } from 'vitest';
import { canBuildC, committedModule, compileKernel, KERNELS, kernelModule, sourceHash } from '../../tools/build/make-wasm.ts';

it.each(KERNELS)('$out records the sources it was built from (npm run wasm after editing them)', (k) => {
  expect(committedModule(k)).toContain(`// Sources: sha256 ${sourceHash(k)}\n`);
});

// C needs clang and lld: CI installs them (scripts/setup.sh --deps); elsewhere the C kernel is
// checked by its sources' hash above only.
const buildable = KERNELS.filter((k) => !k.source.endsWith('.c') || canBuildC());
it.each(buildable)(
  '$out holds $source compiled',
  async (k) => {
    expect(committedModule(k)).toBe(kernelModule(k, await compileKernel(k)));
  },
  120_000,
);
