// GIF: only read (size, metadata, structure). Cleaning goes through a re-encode to PNG,
// since browsers can decode GIF but not write it.
import { u16le } from '../bytes.ts';
import { StampError } from '../errors.ts';
import { addKinds, type ImageFormat, type ImageInfo, type MetadataKind } from './types.ts';

function inspect(b: Uint8Array): ImageInfo {
  if (b.length < 13) throw new StampError('truncated');
  const width = u16le(b, 6);
  const height = u16le(b, 8);
  const metadata: MetadataKind[] = [];
  let images = 0;
  let o = 13 + colorTable(b[10]!);
  // Skips a run of data sub-blocks, returning the offset after the terminator.
  const subBlocks = (p: number): number => {
    for (;;) {
      if (p >= b.length) throw new StampError('truncated');
      const n = b[p]!;
      p += 1 + n;
      if (n === 0) return p;
    }
  };
  let warnings: ImageInfo['warnings'] = [];
  for (;;) {
    if (o >= b.length) {
      // Every frame complete, only the trailer byte missing: browsers show it.
      if (images === 0) throw new StampError('truncated');
      warnings = ['damaged-part-skipped'];
      break;
    }
    const block = b[o]!;
    if (block === 0x3b) break; // trailer
    if (block === 0x21) {
      const label = b[o + 1];
      if (label === 0xfe) addKinds(metadata, ['comment']);
      else if (label === 0xff) {
        const app = String.fromCharCode(...b.subarray(o + 3, o + 14));
        if (app.startsWith('XMP DataXMP')) addKinds(metadata, ['xmp']);
        else if (!app.startsWith('NETSCAPE2.0') && !app.startsWith('ANIMEXTS1.0')) addKinds(metadata, ['other']);
      }
      o = subBlocks(o + 2);
    } else if (block === 0x2c) {
      if (o + 10 > b.length) throw new StampError('truncated');
      o = subBlocks(o + 10 + colorTable(b[o + 9]!) + 1); // +1: LZW minimum code size
      images++;
    } else throw new StampError('corrupt', { kind: 'GIF' });
  }
  if (width === 0 || height === 0) throw new StampError('corrupt', { kind: 'GIF' });
  return { width, height, orientation: 1, metadata, warnings };
}

const colorTable = (packed: number): number => (packed & 0x80 ? 3 * (1 << ((packed & 7) + 1)) : 0);

export const gif: ImageFormat = { kind: 'gif', mime: 'image/gif', ext: 'gif', inspect };
