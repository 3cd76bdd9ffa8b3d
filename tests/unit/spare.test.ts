// Lent scratch buffers (src/core/raster/spare.ts): the keep-clear search and the palette reader
// reuse one buffer per kind instead of leaving each picture's arrays to the collector.
import { describe, expect, it } from 'vitest';
import { give, take, takeFloats } from '../../src/core/raster/spare.ts';

describe('spare buffers', () => {
  it('lends the buffer given back, at the size asked for', () => {
    const a = take('t-reuse', 1000);
    a.fill(7);
    give('t-reuse', a);
    const b = take('t-reuse', 600);
    expect(b.buffer).toBe(a.buffer);
    expect(b.length).toBe(600);
    expect(b[0]).toBe(7); // not cleared unless asked
  });

  it('clears when asked, and lends a larger buffer when the spare is too small', () => {
    give('t-grow', new Uint8Array(100).fill(1));
    const small = take('t-grow', 50, true);
    expect([...small].every((v) => v === 0)).toBe(true);
    give('t-grow', small);
    const big = take('t-grow', 200);
    expect(big.buffer).not.toBe(small.buffer);
    expect(big.length).toBe(200);
  });

  it('never lends one buffer twice before it comes back', () => {
    give('t-twice', new Uint8Array(64));
    const a = take('t-twice', 64);
    const b = take('t-twice', 64);
    expect(b.buffer).not.toBe(a.buffer);
    give('t-twice', a);
    give('t-twice', b);
    expect(take('t-twice', 64).buffer).toBe(a.buffer); // the same size: the first one stays
  });

  it('lends floats over the same bytes', () => {
    const f = takeFloats('t-floats', 10);
    expect(f).toBeInstanceOf(Float32Array);
    expect(f.length).toBe(10);
    give('t-floats', f);
    expect(takeFloats('t-floats', 8).buffer).toBe(f.buffer);
  });
});
