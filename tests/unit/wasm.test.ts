// The trace's pixel pass ships as WebAssembly bytes generated from add.wat (tools/build/make-wasm.ts):
// the committed bytes must be the text's, so what is reviewed is what runs.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { addWasmModule, compileAddWasm } from '../../tools/build/make-wasm.ts';

it('add-wasm.ts holds add.wat compiled (run tools/build/make-wasm.ts after editing the .wat)', async () => {
  const committed = readFileSync(new URL('../../src/core/trace/add-wasm.ts', import.meta.url), 'utf8');
  expect(committed).toBe(addWasmModule(await compileAddWasm()));
});
