// The real type of a file, from its first bytes: names and MIME types lie.
import { ascii, hasAscii } from './bytes.ts';

export type Kind = 'jpeg' | 'png' | 'webp' | 'gif' | 'bmp' | 'heic' | 'avif' | 'pdf' | 'tiff';

export function sniff(b: Uint8Array): Kind | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (hasAscii(b, 0, '\x89PNG\r\n\x1a\n')) return 'png';
  if (hasAscii(b, 0, 'RIFF') && hasAscii(b, 8, 'WEBP')) return 'webp';
  if (hasAscii(b, 0, 'GIF87a') || hasAscii(b, 0, 'GIF89a')) return 'gif';
  if (hasAscii(b, 0, 'BM') && b.length >= 26) return 'bmp';
  if (hasAscii(b, 0, '%PDF-')) return 'pdf';
  if (hasAscii(b, 0, 'II*\0') || hasAscii(b, 0, 'MM\0*')) return 'tiff';
  if (hasAscii(b, 4, 'ftyp')) return isoBrand(b);
  return undefined;
}

// ISO-BMFF: the major brand and the compatible brands say HEIF or AVIF.
function isoBrand(b: Uint8Array): Kind | undefined {
  const boxEnd = Math.min(b.length, ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0);
  const brands = [ascii(b, 8, 4)];
  for (let o = 16; o + 4 <= boxEnd; o += 4) brands.push(ascii(b, o, 4));
  if (brands.some((x) => x === 'avif' || x === 'avis')) return 'avif';
  if (brands.some((x) => ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(x))) return 'heic';
  return undefined;
}

/** A short human description of bytes we do not support, for error messages. */
export function describeUnknown(b: Uint8Array): string {
  const k = sniff(b);
  if (k) return k.toUpperCase();
  if (hasAscii(b, 0, 'PK\x03\x04')) return 'ZIP/Office document';
  let printable = 0;
  const n = Math.min(b.length, 512);
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127) || c >= 0x80) printable++;
  }
  return n > 0 && printable === n ? 'text' : 'unknown data';
}
