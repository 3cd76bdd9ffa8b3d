// The one report type that travels from the core to every UI and to the CLI's --json.
import type { MetadataKind, WarningCode } from './codes.ts';
import type { Orientation } from './formats/exif.ts';
import type { ExpiryStatus, MrzFields, MrzFormat } from './mrz/parse.ts';
import type { Kind } from './sniff.ts';

export type { WarningCode };

export interface StampReport {
  input: { name: string; bytes: number; kind: Kind; width: number; height: number; orientation?: Orientation; pages?: number };
  output: { name: string; bytes: number; kind: Kind; mime: string; width: number; height: number; pages?: number };
  mode: 'stamp' | 'strip' | 'trace';
  /** Which PDF path ran. */
  pdfMode?: 'flatten' | 'keep-text';
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
    /** The machine-readable zone kept clear of the mark (pixels of the output). */
    mrz?: { x: number; y: number; w: number; h: number };
    /** 2D codes (QR, PDF417, DataMatrix, Aztec) kept clear of the mark. */
    codes?: { x: number; y: number; w: number; h: number }[];
    /** The document's outline found in the picture (corners TL, TR, BR, BL); absent: the whole picture. */
    document?: { x: number; y: number }[];
  };
  /** The invisible trace (issue 21): in every picture / flattened page when embedded. */
  trace?: TraceReport;
  warnings: WarningCode[];
  /** The machine-readable zone read before and after stamping (shown and printed, never stored). */
  mrz?: MrzReport;
  /** find: finding the document and its keep-clear areas (part of draw). */
  ms: { total: number; decode?: number; draw?: number; encode?: number; render?: number; find?: number; trace?: number };
}

/** What was read from a document's machine-readable zone (src/core/mrz). */
export interface MrzReport {
  found: boolean;
  format?: MrzFormat;
  fields?: MrzFields;
  /** Every check digit of the original passes. */
  valid: boolean;
  /** Fields whose check digit fails. */
  failed?: string[];
  expiry: ExpiryStatus;
  /** The stamped copy read again. */
  after?: { found: boolean; valid: boolean };
  /** The copy was stamped again with a lighter mark so that its zone reads. */
  restamped?: boolean;
}

/** The invisible trace in a copy: its code (the same as the visible mark's) and its cost. */
export interface TraceReport {
  embedded: true;
  code: string;
  /** PSNR of the trace alone, dB (the lowest of a PDF's pages). */
  psnr: number;
}
