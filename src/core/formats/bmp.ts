// BMP: only read; cleaning and stamping re-encode it as PNG.
import { u32le } from '../bytes.ts';
import { StampError } from '../errors.ts';
import type { ImageFormat, ImageInfo } from './types.ts';

function inspect(b: Uint8Array): ImageInfo {
  if (b.length < 26) throw new StampError('truncated');
  const dataOffset = u32le(b, 10);
  const headerSize = u32le(b, 14);
  if (headerSize < 12 || dataOffset < 14 + headerSize) throw new StampError('corrupt', { kind: 'BMP' });
  if (dataOffset >= b.length) throw new StampError('truncated');
  const core = headerSize === 12; // OS/2 BITMAPCOREHEADER: 16-bit sizes
  const width = core ? b[18]! | (b[19]! << 8) : u32le(b, 18) | 0;
  const height = Math.abs(core ? b[20]! | (b[21]! << 8) : u32le(b, 22) | 0);
  if (width <= 0 || height === 0) throw new StampError('corrupt', { kind: 'BMP' });
  return { width, height, orientation: 1, metadata: [] };
}

export const bmp: ImageFormat = { kind: 'bmp', mime: 'image/bmp', ext: 'bmp', inspect };
