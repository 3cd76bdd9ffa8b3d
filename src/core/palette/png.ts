// An indexed-colour PNG (colour type 3) from a palette image: signature, IHDR, PLTE, IDAT, IEND.
// Nothing else: no text, time or colour-profile chunks.
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

/** `image.data` must hold rows with PNG's filter byte (IndexRequest.png). */
export function indexedPng(image: Indexed): Blob {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, image.width);
  view.setUint32(4, image.height);
  ihdr.set([image.bits, 3, 0, 0, 0], 8); // bit depth, palette, deflate, no filter method, no interlace
  const signature = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const parts = [signature, chunk('IHDR', ihdr), chunk('PLTE', image.palette.subarray(0, image.size * 3)), chunk('IDAT', image.data), chunk('IEND', new Uint8Array())];
  return new Blob(parts as BlobPart[], { type: 'image/png' });
}
