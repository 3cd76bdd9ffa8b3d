import { describe, expect, it } from 'vitest';
import { describeUnknown, sniff } from '../../src/core/sniff.ts';
import { concat, encode, fromAscii } from '../helpers/bytes.ts';

const ftyp = (major: string, ...compat: string[]) => {
  const body = fromAscii(major + '\0\0\0\0' + compat.join(''));
  return concat([Uint8Array.of(0, 0, 0, 8 + body.length), fromAscii('ftyp'), body, new Uint8Array(16)]);
};

describe('sniff', () => {
  it('finds the real type from bytes', async () => {
    expect(sniff(await encode('jpeg'))).toBe('jpeg');
    expect(sniff(await encode('png'))).toBe('png');
    expect(sniff(await encode('webp'))).toBe('webp');
    expect(sniff(fromAscii('GIF89a\x01\x00\x01\x00'))).toBe('gif');
    expect(sniff(concat([fromAscii('BM'), new Uint8Array(40)]))).toBe('bmp');
    expect(sniff(fromAscii('%PDF-1.7\n'))).toBe('pdf');
    expect(sniff(ftyp('heic', 'mif1', 'heic'))).toBe('heic');
    expect(sniff(ftyp('mif1', 'mif1', 'heix'))).toBe('heic');
    expect(sniff(ftyp('avif', 'mif1', 'avif'))).toBe('avif');
    expect(sniff(ftyp('isom', 'isom', 'mp41'))).toBeUndefined(); // an MP4 video
    expect(sniff(new Uint8Array(0))).toBeUndefined();
    expect(sniff(fromAscii('hello world'))).toBeUndefined();
  });

  it('describes unknown content for error messages', () => {
    expect(describeUnknown(fromAscii('plain text\n'))).toBe('text');
    expect(describeUnknown(fromAscii('PK\x03\x04....'))).toBe('ZIP/Office document');
    expect(describeUnknown(Uint8Array.of(0, 1, 2, 3, 0xfe))).toBe('unknown data');
  });
});
