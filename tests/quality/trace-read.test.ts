// Embed and read on a 1.2 MP photographed passport (fast: the full table with 2–12 MP photos
// and every attack is tests/quality/trace.test.ts).
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedTrace, readTrace, TraceError } from '../../src/core/trace/index.ts';
import { markedScreenshot, pngOf, SCENES, scenePhoto, toRgba, unmarkedPicture, type Rgba } from '../fixtures/trace-pictures.ts';
import { psnrOf } from '../../tools/trace-table.ts';

const key = Uint8Array.from({ length: 32 }, (_, i) => (i * 31 + 7) & 255);
const other = Uint8Array.from({ length: 32 }, (_, i) => (i * 17 + 3) & 255);
const CODE = 'H4CK-3D01';

let original: Rgba;
let marked: Rgba;
let png: Buffer;

beforeAll(async () => {
  original = await toRgba(await scenePhoto(SCENES[0]!, 1.2));
  marked = { ...original, data: Uint8ClampedArray.from(original.data) };
  embedTrace(marked, { key, code: CODE });
  png = await pngOf(marked);
}, 300_000);

const read = async (b: Buffer, k = key) => readTrace(await toRgba(b), k);

describe('trace: embed and read (1.2 MP)', () => {
  it('is invisible by the numbers: PSNR ≥ 42 dB against the original', () => {
    const p = psnrOf(original, marked);
    expect(p).toBeGreaterThanOrEqual(42);
    expect(p).toBeLessThan(48); // and it is there
  });

  it('reads the exact code back, lossless, after JPEG q50 and after a 0.5× resize', async () => {
    expect((await read(png)).code).toBe(CODE);
    expect((await read(await sharp(png).jpeg({ quality: 50 }).toBuffer())).code).toBe(CODE);
    expect(
      (
        await read(
          await sharp(png)
            .resize(Math.round(marked.width / 2))
            .png()
            .toBuffer(),
        )
      ).code,
    ).toBe(CODE);
  }, 300_000);

  it('reads nothing with another key, nor from the unmarked original', async () => {
    expect((await read(png, other)).code).toBeNull();
    expect((await read(await pngOf(original))).code).toBeNull();
  }, 300_000);

  it('reads nothing from a few generated unmarked pictures (the 300-picture run is in tests/quality)', async () => {
    for (let n = 0; n < 3; n++) expect((await read(await unmarkedPicture(n))).code).toBeNull();
  }, 300_000);

  // A stamped screenshot: flat paper, where the trace is weakest, under the visible mark, whose
  // letters' edges were most of what the reader folded. With the residual divided by the local
  // contrast (not the variance) these three codes read with 9–12 wrong bits of 164 lossless and
  // 26–37 after JPEG q60, where two read nothing; now 0 and 0–2. Of the app's own stamped
  // screenshots, 1 of 15, 1 of 20, 1 of 8 and 3 of 12 read nothing even lossless (in four runs;
  // tests/browser/size.test.ts failed in CI on one).
  it('reads a stamped screenshot (a flat page under the visible mark), lossless and after JPEG q60, with few bit errors', async () => {
    const stamped = await markedScreenshot();
    for (const code of ['7KQ2-M9XD', 'H4CK-3D01', 'G8T5-X3RH']) {
      const m = { ...stamped, data: Uint8ClampedArray.from(stamped.data) };
      embedTrace(m, { key, code });
      const lossless = readTrace(m, key);
      const q60 = await read(
        await sharp(await pngOf(m))
          .jpeg({ quality: 60 })
          .toBuffer(),
      );
      expect([lossless.code, q60.code], code).toEqual([code, code]);
      expect(Math.max(lossless.bitErrors!, q60.bitErrors!), code).toBeLessThanOrEqual(8);
    }
  }, 300_000);

  it('refuses a picture too small to carry a trace, with a typed error', () => {
    expect(() => embedTrace({ data: new Uint8ClampedArray(64 * 64 * 4), width: 64, height: 64 }, { key, code: CODE })).toThrow(TraceError);
  });
});
