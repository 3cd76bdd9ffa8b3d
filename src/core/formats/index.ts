import type { Kind } from '../sniff.ts';
import { bmp } from './bmp.ts';
import { gif } from './gif.ts';
import { heic } from './heic.ts';
import { avif } from './heif.ts';
import { jpeg } from './jpeg.ts';
import { png } from './png.ts';
import { tiff } from './tiff.ts';
import { webp } from './webp.ts';
import type { ImageFormat } from './types.ts';

export const IMAGE_FORMATS: Partial<Record<Kind, ImageFormat>> = { jpeg, png, webp, gif, bmp, heic, avif, tiff };

export type { ImageFormat, ImageInfo, MetadataKind, StripResult } from './types.ts';
export type { Orientation } from './exif.ts';
