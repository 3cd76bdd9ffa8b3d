// The one report type that travels from the core to every UI and to the CLI's --json.
import type { MetadataKind, Orientation } from './formats/index.ts';
import type { Kind } from './sniff.ts';

export type WarningCode =
  /** Strip-only had to re-encode (lossy) to meet a size or dimension limit. */
  | 'reencoded-to-fit'
  /** GIF/BMP (and their metadata) came out as PNG. */
  | 'converted-to-png'
  /** Scaled down to meet a size or dimension limit. */
  | 'resized';

export interface StampReport {
  input: { name: string; bytes: number; kind: Kind; width: number; height: number; orientation: Orientation };
  output: { name: string; bytes: number; kind: Kind; mime: string; width: number; height: number };
  mode: 'stamp' | 'strip';
  /** True when the pixels were not re-encoded. */
  lossless: boolean;
  /** Metadata found in the input and not present in the output. */
  removed: MetadataKind[];
  watermark?: {
    lines: string[];
    code: string;
    fontPx: number;
    angle: number;
    opacity: number;
    tiles: number;
  };
  warnings: WarningCode[];
  ms: { total: number; decode?: number; draw?: number; encode?: number };
}
