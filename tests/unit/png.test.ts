import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { listChunks, png } from '../../src/core/formats/png.ts';
import { concat, contains, decodeRaw, encode, fromAscii, insertPngChunks, pngChunk, tiff } from '../helpers/bytes.ts';

async function loaded(): Promise<Uint8Array> {
  const base = await encode('png');
  const withMeta = insertPngChunks(base, [
    pngChunk('gAMA', Uint8Array.of(0, 0, 0xb1, 0x8f)),
    pngChunk('eXIf', tiff({ orientation: 3, gps: true, text: 'NEEDLE-EXIF' })),
    pngChunk('tEXt', fromAscii('Author\0NEEDLE-TEXT')),
    pngChunk('zTXt', concat([fromAscii('Comment\0\0'), deflateSync('NEEDLE-ZTXT')])),
    pngChunk('iTXt', fromAscii('XML:com.adobe.xmp\0\0\0\0\0<x>NEEDLE-XMP</x>')),
    pngChunk('tEXt', fromAscii('Raw profile type exif\0NEEDLE-RAWEXIF')),
    pngChunk('tIME', Uint8Array.of(0x07, 0xea, 11, 21, 12, 0, 0)),
    pngChunk('pHYs', Uint8Array.of(0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1)),
    pngChunk('caBX', fromAscii('NEEDLE-C2PA')),
    pngChunk('prVt', fromAscii('NEEDLE-PRIVATE')),
  ]);
  return concat([withMeta, fromAscii('NEEDLE-TRAILER')]);
}

describe('png walker', () => {
  it('inspects size, orientation and metadata', async () => {
    const info = png.inspect(await loaded());
    expect(info).toMatchObject({ width: 64, height: 48, orientation: 3 });
    expect(new Set(info.metadata)).toEqual(new Set(['exif', 'gps', 'text', 'xmp', 'time', 'other', 'c2pa', 'trailer']));
  });

  it('keeps critical and colour chunks, drops the rest, adds an orientation-only eXIf', async () => {
    const input = await loaded();
    const out = png.strip!(input, { keepOrientation: true });
    for (const n of ['EXIF', 'TEXT', 'ZTXT', 'XMP', 'RAWEXIF', 'C2PA', 'PRIVATE', 'TRAILER']) expect(contains(out.bytes, `NEEDLE-${n}`), n).toBe(false);
    expect(listChunks(out.bytes)).toEqual(['IHDR', 'eXIf', 'gAMA', 'IDAT', 'IEND']);
    expect(png.inspect(out.bytes)).toMatchObject({ orientation: 3, metadata: ['exif'] });
    expect(await decodeRaw(out.bytes)).toEqual(await decodeRaw(input));
    expect(listChunks(png.strip!(input, { keepOrientation: false }).bytes)).toEqual(['IHDR', 'gAMA', 'IDAT', 'IEND']);
  });

  it('rejects bad CRCs, truncation and a missing IHDR', async () => {
    const good = await encode('png');
    const bad = good.slice();
    bad[40] = bad[40]! ^ 0xff; // inside IDAT data
    expect(() => png.inspect(bad)).toThrow(expect.objectContaining({ code: 'corrupt' }));
    for (const cut of [8, 20, Math.floor(good.length * 0.6), good.length - 4]) expect(() => png.inspect(good.subarray(0, cut)), `cut ${cut}`).toThrow(expect.objectContaining({ code: 'truncated' }));
    const noIhdr = concat([good.subarray(0, 8), pngChunk('tEXt', fromAscii('a\0b')), good.subarray(8)]);
    expect(() => png.inspect(noIhdr)).toThrow(expect.objectContaining({ code: 'corrupt' }));
  });
});
