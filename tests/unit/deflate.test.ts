// The bundled zlib compressor (libdeflate in WebAssembly, palette/deflate.ts): every stream
// inflates back to its input with node's zlib, as small as zlib's own at level 6, whatever the
// input: a text page's packed rows, noise that does not shrink (the room grows for it), and
// an input large enough that the module is let go after it.
import { inflateSync, deflateSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import sharp from 'sharp';
import { bundledDeflate, deflate, deflatePngRows, type Alongside } from '../../src/core/palette/deflate.ts';
import { fullColourPng } from '../../src/core/palette/png.ts';

/** Rows of 4-bit indices as a text page packs them: paper, lines of "glyphs", a diagonal band. */
function pageRows(width = 620, height = 1754): Uint8Array {
  const rows = new Uint8Array(width * height);
  let seed = 3;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const line = y % 28 < 12 && x > 30 && x < 560 && rand() < 90;
      const band = Math.abs(x - y * 0.6 - 40 * Math.floor(y / 230)) < 14 && rand() < 120;
      rows[y * width + x] = line ? 0x11 * (1 + (rand() & 3)) : band ? 0x55 + (rand() & 1) : 0;
    }
  return rows;
}

describe('deflate (libdeflate, WebAssembly)', () => {
  it('a text page: inflates back, and no larger than zlib level 6 makes it (+3 %)', async () => {
    const rows = pageRows();
    const z = (await bundledDeflate(rows.length, (into) => into.set(rows)))!;
    expect(await deflate(rows)).toEqual(z);
    expect(Buffer.compare(inflateSync(z), rows)).toBe(0);
    expect(z.length).toBeLessThan(deflateSync(rows, { level: 6 }).length * 1.03);
    expect(z.length).toBeLessThan(rows.length / 4);
  });

  it('noise that does not shrink: the room grows to what the stream needs', async () => {
    const noise = new Uint8Array(3 << 20);
    let seed = 9;
    for (let i = 0; i < noise.length; i++) noise[i] = (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    const z = (await bundledDeflate(noise.length, (into) => into.set(noise)))!;
    expect(z.length).toBeGreaterThan(noise.length);
    expect(Buffer.compare(inflateSync(z), noise)).toBe(0);
  });

  it('writes straight into zeroed memory, across a large job and after it', async () => {
    // 12 MB: above what a module keeps; the next job makes a new one.
    const big = (await bundledDeflate(12 << 20, (into) => {
      expect(into.every((b) => b === 0)).toBe(true);
      into.fill(7, 1 << 20, 2 << 20);
    }))!;
    const back = inflateSync(big);
    expect(back.length).toBe(12 << 20);
    expect(back[(1 << 20) - 1]).toBe(0);
    expect(back[1 << 20]).toBe(7);
    expect(back[(2 << 20) - 1]).toBe(7);
    expect(back[2 << 20]).toBe(0);
    const rows = pageRows(300, 200);
    expect(Buffer.compare(inflateSync((await bundledDeflate(rows.length, (into) => into.set(rows)))!), rows)).toBe(0);
  });

  it('a full-colour PNG of ours (Paeth rows, read in strips): libpng decodes it to the very pixels, RGB when opaque, RGBA when not, at any width', async () => {
    // Four pixels are filtered at a time: widths with every remainder, and narrower than four.
    for (const w of [61, 62, 7, 3, 1]) await fullColourCase(w);
  });

  async function fullColourCase(w: number): Promise<void> {
    const h = 37;
    const rgba = new Uint8ClampedArray(w * h * 4);
    let seed = 11;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = 4 * (y * w + x);
        // Gradients, a texture of a few levels (as the trace), and noise in one corner.
        rgba[i] = (x * 4 + (rand() & 3)) & 255;
        rgba[i + 1] = (y * 6) & 255;
        rgba[i + 2] = x < 20 && y < 12 ? rand() : 200;
        rgba[i + 3] = 255;
      }
    const strips: number[] = [];
    const read = (y: number, rows: number) => (strips.push(rows), rgba.slice(y * w * 4, (y + rows) * w * 4));
    for (const translucent of [false, true]) {
      // One pixel not opaque, in the last strip: the rows are made again, with their alpha.
      if (translucent) rgba[4 * (w * h - 1) + 3] = 128;
      strips.length = 0;
      const png = (await deflatePngRows(read, w, h, undefined, 5 * w * 4))!;
      const bpp = translucent ? 4 : 3;
      expect(png.bpp).toBe(bpp);
      expect(strips.slice(0, 8)).toEqual([5, 5, 5, 5, 5, 5, 5, 2]); // 37 rows, 5 a strip
      const file = Buffer.from(await fullColourPng(w, h, png.bpp, png.idat).arrayBuffer());
      const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
      expect(info, `width ${w}, bpp ${bpp}`).toMatchObject({ width: w, height: h, channels: bpp });
      const want = bpp === 4 ? Buffer.from(rgba) : Buffer.from(rgba.filter((_, i) => i % 4 !== 3));
      expect(data.equals(want), `width ${w}, bpp ${bpp}`).toBe(true);
      // Every row Paeth-filtered (type 4), as zlib.c writes them.
      const rows = inflateSync(png.idat);
      for (let y = 0; y < h; y++) expect(rows[y * (1 + w * bpp)]).toBe(4);
    }
  }

  describe('a long input in two halves, the second on another thread', () => {
    /** The other thread: another instance of the module (its own WebAssembly memory), as a worker has. */
    async function otherThread(): Promise<{ alongside: Alongside; parts: number[] }> {
      vi.resetModules();
      const other = (await import('../../src/core/palette/deflate.ts')) as typeof import('../../src/core/palette/deflate.ts');
      const parts: number[] = [];
      return {
        parts,
        alongside: () => async (bytes) => {
          parts.push(bytes.length);
          return other.deflateLastPart(bytes);
        },
      };
    }
    const rows = pageRows(1240, 1754);

    it('joined under one header: inflates to the very input (zlib checks the Adler-32 of the whole), within 1 % of one stream', async () => {
      const { alongside, parts } = await otherThread();
      const whole = (await bundledDeflate(rows.length, (into) => into.set(rows)))!;
      const split = (await bundledDeflate(rows.length, (into) => into.set(rows), alongside))!;
      expect(parts).toEqual([rows.length - (rows.length >> 1)]);
      expect(Buffer.compare(inflateSync(split), rows)).toBe(0);
      expect(split.length).toBeLessThan(whole.length * 1.01);
      // Inputs under SPLIT_FROM stay on one thread.
      const small = pageRows(300, 200);
      expect(await bundledDeflate(small.length, (into) => into.set(small), alongside)).toEqual(await bundledDeflate(small.length, (into) => into.set(small)));
      expect(parts.length).toBe(1);
    });

    it('whatever bit of a byte the first half ends on (24 lengths): one valid stream', async () => {
      const { alongside, parts } = await otherThread();
      for (let extra = 0; extra < 24; extra++) {
        const input = rows.subarray(0, (1 << 21) + extra * 977);
        const split = (await bundledDeflate(input.length, (into) => into.set(input), alongside))!;
        expect(Buffer.compare(inflateSync(split), input), `length ${input.length}`).toBe(0);
      }
      expect(parts.length).toBe(24);
    });

    it('where the other thread is not ready, this one compresses it all; where it fails or dies, this one compresses its half too', async () => {
      const whole = (await bundledDeflate(rows.length, (into) => into.set(rows)))!;
      const notReady = (await bundledDeflate(
        rows.length,
        (into) => into.set(rows),
        () => undefined,
      ))!;
      expect(Buffer.compare(notReady, whole)).toBe(0);
      for (const alongside of [() => async () => undefined, () => async () => Promise.reject(new Error('worker died'))] as Alongside[]) {
        const z = (await bundledDeflate(rows.length, (into) => into.set(rows), alongside))!;
        expect(Buffer.compare(inflateSync(z), rows)).toBe(0);
        expect(z.length).toBeLessThan(whole.length * 1.01);
      }
    });

    // While the page waits for the other thread, another job of the page may use the module's
    // room: the half compressed here again must not be read from there (it was, before).
    it('a job of this thread while the other thread fails: the stream is still the input', async () => {
      const other = pageRows(1240, 1000).map((b) => b ^ 0x5a);
      let during: Uint8Array | undefined;
      const alongside: Alongside = () => async () => {
        during = await bundledDeflate(other.length, (into) => into.set(other));
        return undefined;
      };
      const z = (await bundledDeflate(rows.length, (into) => into.set(rows), alongside))!;
      expect(Buffer.compare(inflateSync(during!), other)).toBe(0);
      expect(Buffer.compare(inflateSync(z), rows)).toBe(0);
    });
  });
});
