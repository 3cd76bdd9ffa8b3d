import { describe, expect, it } from 'vitest';
import { listWebpChunks, webp } from '../../src/core/formats/webp.ts';
import { contains, decodeRaw, encode, fromAscii, riff, riffChunk, tiff, vp8x, webpChunks } from '../helpers/bytes.ts';

const FLAG_ICC = 0x20;
const FLAG_EXIF = 0x08;
const FLAG_XMP = 0x04;

/** An extended WebP: VP8X + ICCP + image + EXIF + XMP + an unknown chunk. */
async function loaded(lossless: boolean): Promise<Uint8Array> {
  const simple = webpChunks(await encode('webp', { lossless }));
  const [id, data] = simple[0]!;
  return riff([
    vp8x(FLAG_ICC | FLAG_EXIF | FLAG_XMP, 64, 48),
    riffChunk('ICCP', fromAscii('KEEP-ICC')),
    riffChunk(id, data),
    riffChunk('EXIF', tiff({ orientation: 6, gps: true, text: 'NEEDLE-EXIF' })),
    riffChunk('XMP ', fromAscii('<x>NEEDLE-XMP</x>')),
    riffChunk('ABCD', fromAscii('NEEDLE-UNKNOWN')),
  ]);
}

describe.each([false, true])('webp walker (lossless: %s)', (lossless) => {
  it('inspects size, orientation and metadata', async () => {
    // Orientation 1: Chromium shows WebP as stored, ignoring the EXIF tag, and so do we.
    expect(webp.inspect(await loaded(lossless))).toEqual({ width: 64, height: 48, orientation: 1, metadata: ['exif', 'gps', 'xmp', 'other'] });
    // Size from the VP8/VP8L header of a simple file too.
    expect(webp.inspect(await encode('webp', { lossless }))).toMatchObject({ width: 64, height: 48, metadata: [] });
  });

  it('drops EXIF/XMP/unknown chunks, fixes VP8X flags and the RIFF size', async () => {
    const input = await loaded(lossless);
    const out = webp.strip!(input, { keepOrientation: false }).bytes;
    for (const n of ['EXIF', 'XMP', 'UNKNOWN']) expect(contains(out, `NEEDLE-${n}`), n).toBe(false);
    expect(listWebpChunks(out)).toEqual(['VP8X', 'ICCP', lossless ? 'VP8L' : 'VP8 ']);
    expect(out[20]).toBe(FLAG_ICC);
    expect(new DataView(out.buffer, out.byteOffset).getUint32(4, true)).toBe(out.length - 8);
    expect(await decodeRaw(out)).toEqual(await decodeRaw(input));

    const kept = webp.strip!(input, { keepOrientation: true }).bytes;
    expect(listWebpChunks(kept)).toEqual(['VP8X', 'ICCP', lossless ? 'VP8L' : 'VP8 ', 'EXIF']);
    expect(kept[20]).toBe(FLAG_ICC | FLAG_EXIF);
    expect(webp.strip!(kept, { keepOrientation: true })).toMatchObject({ orientation: 6, removed: ['exif'] });
  });

  it('rejects truncation', async () => {
    const good = await loaded(lossless);
    for (const cut of [12, 30, Math.floor(good.length * 0.6)]) expect(() => webp.inspect(good.subarray(0, cut)), `cut ${cut}`).toThrow(expect.objectContaining({ code: 'truncated' }));
  });
});
