// The reader's WebAssembly (13 KB) where a page may not compile a module over 4 KB synchronously
// (Chrome, depending on its settings): compiled ahead by prepareReader (pipeline.ts's identify
// calls it), a read then needs no synchronous compile. Simulated here by a WebAssembly.Module
// that refuses what Chrome's page would.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setGlobal } from '../helpers/globals.ts';

const PAGE_LIMIT = 4096;
const realModule = WebAssembly.Module;

/** What each test set, undone after it. */
const restore: (() => void)[] = [];

/** WebAssembly.Module as a page that refuses large synchronous compiles has it. */
function refuseLargeSyncCompiles(): void {
  const limited = function (bytes: BufferSource) {
    if (bytes.byteLength > PAGE_LIMIT) throw new RangeError('WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB.');
    return new realModule(bytes);
  } as unknown as typeof WebAssembly.Module;
  restore.push(setGlobal('WebAssembly', { ...WebAssembly, Module: limited, compile: WebAssembly.compile, Instance: WebAssembly.Instance, Memory: WebAssembly.Memory }));
}

/** A marked-free picture: flat grey with a little noise (the reader runs to the end on it). */
function picture(): { data: Uint8ClampedArray; width: number; height: number } {
  const width = 256;
  const height = 192;
  const data = new Uint8ClampedArray(width * height * 4);
  let seed = 5;
  for (let i = 0; i < data.length; i += 4) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    data[i] = data[i + 1] = data[i + 2] = 120 + (seed >>> 28);
    data[i + 3] = 255;
  }
  return { data, width, height };
}

const key = Uint8Array.from({ length: 32 }, (_, i) => (i * 31 + 7) & 255);

afterEach(() => {
  for (const undo of restore.splice(0).reverse()) undo();
  vi.resetModules();
});

describe('trace reader: compiled ahead', () => {
  it('reads after prepareReader where large synchronous compiles are refused', async () => {
    refuseLargeSyncCompiles();
    vi.resetModules();
    const trace = await import('../../src/core/trace/index.ts');
    await trace.prepareReader();
    const r = trace.readTrace(picture(), key);
    expect(r.code).toBeNull();
    expect(Number.isFinite(r.sync)).toBe(true);
  });

  it('without it, such a page could not read at all (why identify prepares it)', async () => {
    refuseLargeSyncCompiles();
    vi.resetModules();
    const trace = await import('../../src/core/trace/index.ts');
    expect(() => trace.readTrace(picture(), key)).toThrow(/disallowed/);
  });
});
