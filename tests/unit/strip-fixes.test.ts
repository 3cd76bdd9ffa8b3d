// Strip-only keeps only what decoders need: reserved JPEG markers go, ICC profiles stay for
// colour but lose their text, and the first of two EXIF blocks decides the orientation (as in
// browsers).
import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { scrubIcc } from '../../src/core/formats/icc.ts';
import { jpeg, listMarkers } from '../../src/core/formats/jpeg.ts';
import { listChunks, png } from '../../src/core/formats/png.ts';
import { webp } from '../../src/core/formats/webp.ts';
import { be32, concat, contains, decodeRaw, encode, fromAscii, insertJpegSegments, insertPngChunks, jpegSegment, pngChunk, riff, riffChunk, tiff, vp8x } from '../helpers/bytes.ts';

/** A small ICC profile: header ('acsp', device model), a desc and a cprt tag with needles. */
function iccProfile(): Uint8Array {
  const desc = concat([fromAscii('desc'), new Uint8Array(4), be32(22), fromAscii('NEEDLE-ICC-DESCRIPTION\0'), new Uint8Array(12 + 67)]);
  const cprt = concat([fromAscii('text'), new Uint8Array(4), fromAscii('NEEDLE-ICC-COPYRIGHT\0')]);
  const pad = (b: Uint8Array) => concat([b, new Uint8Array((4 - (b.length % 4)) % 4)]);
  const tags = [
    ['desc', pad(desc)],
    ['cprt', pad(cprt)],
  ] as const;
  const header = new Uint8Array(128);
  header.set(fromAscii('acsp'), 36);
  header.set(fromAscii('NDLM'), 52); // device model
  let off = 128 + 4 + tags.length * 12;
  const table: Uint8Array[] = [be32(tags.length)];
  for (const [sig, data] of tags) {
    table.push(concat([fromAscii(sig), be32(off), be32(data.length)]));
    off += data.length;
  }
  const body = concat([header, ...table, ...tags.map(([, d]) => d)]);
  body.set(be32(body.length), 0);
  return body;
}

describe('ICC text', () => {
  it('is made generic in place: same length, no needle, still a profile', () => {
    const p = iccProfile();
    const out = scrubIcc(p);
    expect(out.length).toBe(p.length);
    for (const n of ['NEEDLE-ICC-DESCRIPTION', 'NEEDLE-ICC-COPYRIGHT', 'NDLM']) expect(contains(out, n), n).toBe(false);
    expect(contains(out, 'ICC profile')).toBe(true);
    expect(Buffer.from(out.subarray(36, 40)).toString('latin1')).toBe('acsp');
  });

  it('JPEG: the APP2 profile keeps its place and size, and the pixels stay the same', async () => {
    const base = await encode('jpeg');
    const input = insertJpegSegments(base, [jpegSegment(0xe2, concat([fromAscii('ICC_PROFILE\0\x01\x01'), iccProfile()]))]);
    const out = jpeg.strip!(input, { keepOrientation: false }).bytes;
    expect(contains(out, 'NEEDLE-ICC')).toBe(false);
    expect(listMarkers(out)).toContain('APP2');
    expect(out.length).toBe(input.length);
    expect(await decodeRaw(out)).toEqual(await decodeRaw(input));
  });

  it('PNG: iCCP gets a generic name and a generic profile', async () => {
    const input = insertPngChunks(await encode('png'), [pngChunk('iCCP', concat([fromAscii('NEEDLE-ICC-NAME\0\0'), deflateSync(iccProfile())]))]);
    const out = png.strip!(input, { keepOrientation: false }).bytes;
    expect(listChunks(out)).toContain('iCCP');
    expect(contains(out, 'NEEDLE-ICC-NAME')).toBe(false);
    const iccp = Buffer.from(out).subarray(Buffer.from(out).indexOf('iCCP') + 4);
    expect(iccp.subarray(0, 12).toString('latin1')).toBe('ICC Profile\0');
    const profile = inflateSync(iccp.subarray(13));
    expect(contains(profile, 'NEEDLE-ICC')).toBe(false);
    expect(profile.length).toBe(iccProfile().length);
    expect(await decodeRaw(out)).toEqual(await decodeRaw(input));
  });
});

describe('JPEG segments', () => {
  it('drops reserved markers (JPG0–JPG13) that decoders skip, keeps the pixels', async () => {
    const base = await encode('jpeg');
    const input = insertJpegSegments(base, [jpegSegment(0xf0, fromAscii('NEEDLE-JPG0')), jpegSegment(0xfd, fromAscii('NEEDLE-JPG13'))]);
    expect(listMarkers(input)).toEqual(expect.arrayContaining(['0xf0', '0xfd']));
    const r = jpeg.strip!(input, { keepOrientation: false });
    expect(contains(r.bytes, 'NEEDLE-JPG')).toBe(false);
    expect(r.removed).toContain('app-segment');
    // libjpeg refuses the input ("Unsupported marker type 0xf0"); the output decodes as the original.
    expect(await decodeRaw(r.bytes)).toEqual(await decodeRaw(base));
  });

  it('two EXIF blocks: the first decides the orientation, as in browsers', async () => {
    const exif = (o: number) => jpegSegment(0xe1, concat([fromAscii('Exif\0\0'), tiff({ orientation: o })]));
    const input = insertJpegSegments(await encode('jpeg'), [exif(6), exif(3)]);
    expect(jpeg.inspect(input).orientation).toBe(6);
    expect(jpeg.strip!(input, { keepOrientation: true }).orientation).toBe(6);
  });
});

describe('WebP orientation', () => {
  it('is not applied: Chromium shows WebP as stored', async () => {
    const base = await encode('webp', { lossless: true });
    const data = base.subarray(12);
    const input = riff([vp8x(0x08, 64, 48), data, riffChunk('EXIF', tiff({ orientation: 6 }))]);
    expect(webp.inspect(input).orientation).toBe(1);
  });
});
