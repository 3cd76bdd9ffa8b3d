import { describe, expect, it } from 'vitest';
import { jpeg, listMarkers } from '../../src/core/formats/jpeg.ts';
import { summarizeTiff } from '../../src/core/formats/exif.ts';
import { concat, contains, decodeRaw, encode, fromAscii, insertJpegSegments, jpegSegment, tiff } from '../helpers/bytes.ts';

const exif = (o: Parameters<typeof tiff>[0]) => jpegSegment(0xe1, concat([fromAscii('Exif\0\0'), tiff(o)]));

async function loaded(): Promise<Uint8Array> {
  const base = await encode('jpeg');
  const withMeta = insertJpegSegments(base, [
    exif({ orientation: 6, gps: true, makerNote: true, thumbnail: true, text: 'NEEDLE-EXIF' }),
    jpegSegment(0xe1, fromAscii('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>NEEDLE-XMP</x:xmpmeta>')),
    jpegSegment(0xe1, fromAscii('http://ns.adobe.com/xmp/extension/\0' + '0'.repeat(40) + 'NEEDLE-EXTXMP')),
    jpegSegment(0xe2, fromAscii('ICC_PROFILE\0\x01\x01KEEP-ICC')),
    jpegSegment(0xe2, fromAscii('MPF\0NEEDLE-MPF')),
    jpegSegment(0xe0, fromAscii('JFXX\0\x10NEEDLE-JFXX')),
    jpegSegment(0xe3, fromAscii('NEEDLE-APP3')),
    jpegSegment(0xeb, fromAscii('JP\0\0NEEDLE-C2PA')),
    jpegSegment(0xed, fromAscii('Photoshop 3.0\x008BIM\x04\x04NEEDLE-IPTC')),
    jpegSegment(0xee, fromAscii('Adobe\0\x64\x80\x00\x00\x00\x01')),
    jpegSegment(0xef, fromAscii('NEEDLE-APP15')),
    jpegSegment(0xfe, fromAscii('NEEDLE-COMMENT')),
  ]);
  return concat([withMeta, fromAscii('NEEDLE-TRAILER motion photo video…')]);
}

describe('jpeg walker', () => {
  it('inspects size, orientation and every kind of metadata', async () => {
    const info = jpeg.inspect(await loaded());
    expect(info).toMatchObject({ width: 64, height: 48, orientation: 6 });
    expect(new Set(info.metadata)).toEqual(new Set(['exif', 'gps', 'maker-notes', 'thumbnail', 'xmp', 'xmp-extended', 'mpf', 'app-segment', 'c2pa', 'iptc', 'comment', 'trailer']));
  });

  it('strips everything but decoding segments, keeps ICC and Adobe, adds orientation-only EXIF', async () => {
    const input = await loaded();
    const copy = input.slice();
    const out = jpeg.strip!(input, { keepOrientation: true });
    expect(input).toEqual(copy); // the input is never modified
    for (const n of ['EXIF', 'XMP', 'EXTXMP', 'MPF', 'JFXX', 'APP3', 'C2PA', 'IPTC', 'APP15', 'COMMENT', 'TRAILER']) expect(contains(out.bytes, `NEEDLE-${n}`), n).toBe(false);
    expect(contains(out.bytes, 'KEEP-ICC')).toBe(true);
    const base = listMarkers(await encode('jpeg')); // sharp writes no APPn of its own
    expect(listMarkers(out.bytes)).toEqual(['SOI', 'APP1', 'APP2', 'APP14', ...base.slice(1)]);
    const app1 = 2 + 4 + 6; // SOI, FFE1 + length, "Exif\0\0", then the TIFF
    expect(summarizeTiff(out.bytes.subarray(app1))).toEqual({ orientation: 6, kinds: ['exif'] });
    expect(out.orientation).toBe(6);
    expect(out.removed).toContain('trailer');
    // Lossless: the decoded pixels are the same.
    expect(await decodeRaw(out.bytes)).toEqual(await decodeRaw(input));
  });

  it('writes no EXIF at all when orientation is normal or not kept', async () => {
    const input = await loaded();
    expect(listMarkers(jpeg.strip!(input, { keepOrientation: false }).bytes)).not.toContain('APP1');
    const upright = insertJpegSegments(await encode('jpeg'), [exif({ orientation: 1, gps: true })]);
    expect(listMarkers(jpeg.strip!(upright, { keepOrientation: true }).bytes)).not.toContain('APP1');
  });

  it('drops the JFIF thumbnail but keeps JFIF', async () => {
    const base = await encode('jpeg');
    const jfifLen = (base[4]! << 8) | base[5]!;
    const thumb = concat([fromAscii('JFIF\0'), Uint8Array.of(1, 1, 0, 0, 1, 0, 1, 2, 1), Uint8Array.from({ length: 6 }, () => 7)]);
    const withThumb = concat([base.subarray(0, 2), jpegSegment(0xe0, thumb), base.subarray(4 + jfifLen)]);
    expect(jpeg.inspect(withThumb).metadata).toContain('thumbnail');
    const out = jpeg.strip!(withThumb, { keepOrientation: true });
    expect(out.removed).toContain('thumbnail');
    expect(out.bytes.subarray(2, 20)).toEqual(Uint8Array.of(0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0));
  });

  it('reads little-endian EXIF too', async () => {
    const input = insertJpegSegments(await encode('jpeg'), [exif({ orientation: 8, gps: true, littleEndian: true })]);
    expect(jpeg.inspect(input)).toMatchObject({ orientation: 8, metadata: ['exif', 'gps'] });
  });

  it('rejects truncated and corrupt files with typed errors', async () => {
    const good = await encode('jpeg');
    for (const cut of [3, 30]) expect(() => jpeg.inspect(good.subarray(0, cut)), `cut at ${cut}`).toThrow(expect.objectContaining({ code: 'truncated' }));
    // Cut inside the scan, or only the end marker missing: whether the picture is whole only a
    // decode can tell (image.ts asks the browser), so the walker says so instead of refusing.
    for (const cut of [Math.floor(good.length / 2), good.length - 2, good.length - 1])
      expect(jpeg.inspect(good.subarray(0, cut)), `cut at ${cut}`).toMatchObject({ verify: 'truncated', warnings: ['end-marker-missing'] });
    expect(jpeg.strip!(good.subarray(0, good.length - 2), { keepOrientation: false }).bytes.subarray(-2)).toEqual(Uint8Array.of(0xff, 0xd9));
    expect(() => jpeg.inspect(fromAscii('\xff\xd8\xff\xe0garbage'.padEnd(400, 'x')))).toThrow(expect.objectContaining({ code: expect.stringMatching(/corrupt|truncated/) }));
    const noFrame = Uint8Array.of(0xff, 0xd8, 0xff, 0xd9);
    expect(() => jpeg.inspect(noFrame)).toThrow(expect.objectContaining({ code: 'corrupt' }));
  });
});
