// The one small interface every image format module implements (after mat2's libmat2).
import type { Kind } from '../sniff.ts';
import type { MetadataKind, WarningCode } from '../codes.ts';
import type { Orientation } from './exif.ts';

export type { MetadataKind } from '../codes.ts';

export interface ImageInfo {
  width: number;
  height: number;
  /** EXIF orientation as stored; width/height above are the stored (unrotated) size. */
  orientation: Orientation;
  /** Metadata present in the file, removed by strip(). */
  metadata: MetadataKind[];
  /** Damage tolerated because browsers show the file anyway (reported, never silent). */
  warnings?: WarningCode[];
  /**
   * The structure alone cannot tell whether browsers decode the file, so the browser's decoder
   * is asked before a lossless copy is written: 'decode' (headers no camera writes), or
   * 'truncated' (a JPEG without its end marker: complete, or cut short; asked in every mode).
   */
  verify?: 'decode' | 'truncated';
}

export interface StripResult {
  bytes: Uint8Array;
  removed: MetadataKind[];
  orientation: Orientation;
}

export interface ImageFormat {
  kind: Kind;
  mime: string;
  ext: string;
  /** Validates structure (typed StampError on truncated/corrupt) and reads size + metadata. */
  inspect(b: Uint8Array): ImageInfo;
  /**
   * Lossless removal of everything decoding does not need. With keepOrientation, an
   * orientation-only EXIF is written when the picture is rotated, so it stays upright.
   * Undefined for formats we can only clean by re-encoding (GIF, BMP).
   */
  strip?(b: Uint8Array, opts: { keepOrientation: boolean }): StripResult;
  /**
   * Formats browsers do not decode bring their own decoder (HEIC: libheif, TIFF: UTIF), in a
   * worker that an aborted job terminates. The bitmap is upright for HEIF (irot/imir applied).
   */
  decode?(b: Uint8Array, opts: { maxPixels: number; signal?: AbortSignal; page?: number }): Promise<ImageBitmap>;
  /** Output type when the input's own cannot be written (default PNG). */
  output?(b: Uint8Array): 'jpeg' | 'png';
  /** Pages (multi-page TIFF scans); 1 when absent. */
  pages?(b: Uint8Array): number;
}

/** Adds each kind once, keeping first-seen order. */
export function addKinds(into: MetadataKind[], kinds: Iterable<MetadataKind>): void {
  for (const k of kinds) if (!into.includes(k)) into.push(k);
}
