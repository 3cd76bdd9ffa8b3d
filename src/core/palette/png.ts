// PNGs we write ourselves: indexed colour (type 3) from a palette image, and full colour (types 2
// and 6) from a picture's zlib-compressed rows. Signature, IHDR, PLTE (indexed), IDAT, IEND;
// nothing else: no text, time or colour-profile chunks.
import { crc32 } from '../bytes.ts';
import type { Indexed } from './index.ts';

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** IHDR: size, bit depth, colour type; deflate, the standard filters, no interlace. */
function header(width: number, height: number, bits: number, colourType: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([bits, colourType, 0, 0, 0], 8);
  return chunk('IHDR', ihdr);
}

const png = (...chunks: Uint8Array[]): Blob => new Blob([SIGNATURE, ...chunks, chunk('IEND', new Uint8Array())] as BlobPart[], { type: 'image/png' });

/** `image.data` must hold rows with PNG's filter byte (IndexRequest.png). */
export function indexedPng(image: Indexed): Blob {
  return png(header(image.width, image.height, image.bits, 3), chunk('PLTE', image.palette.subarray(0, image.size * 3)), chunk('IDAT', image.data));
}

/** 8-bit RGB (`bpp` 3) or RGBA (4); `idat`: the zlib stream of its filtered rows. */
export function fullColourPng(width: number, height: number, bpp: 3 | 4, idat: Uint8Array): Blob {
  return png(header(width, height, 8, bpp === 3 ? 2 : 6), chunk('IDAT', idat));
}
