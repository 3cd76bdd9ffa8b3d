// The panel's shared words: what a person takes away, the chosen files, what changed, and the
// browser things the model is handed. Kept apart so the panel's parts (choices, files, preview,
// saves) can all name them without importing one another.
import type { Lang } from '../core/lang.ts';
import type { MrzReading } from '../core/mrz/read.ts';
import type { StampOptionsInput } from '../core/options.ts';
import type { StampEnv, StampResult } from '../core/pipeline.ts';
import type { Check } from '../core/quality/checks.ts';
import type { RawItem } from '../settings/store.ts';
import type { Mark } from './mark.ts';
import type { AskPassword } from './password.ts';

/**
 * What the person takes away: a stamped copy, or a clean one (no visible mark). With a trace key
 * both carry the invisible trace code, unless the person unticks it for the clean copy (then
 * the lossless strip that keeps every pixel).
 */
export type PanelMode = 'stamp' | 'clean';
export const coreMode = (m: PanelMode): 'stamp' | 'strip' => (m === 'clean' ? 'strip' : 'stamp');

export type StampFn = (file: File, options: StampOptionsInput, env: StampEnv) => Promise<StampResult>;

export interface PanelDeps {
  settings: RawItem;
  history: RawItem;
  stamp: StampFn;
  now: () => Date;
  /** Uniform [0, 1): trace codes and layout seeds (crypto-backed in the browser). */
  random: () => number;
  randomBytes: (n: number) => Uint8Array;
  /** The interface's language. */
  lang: Lang;
  askPassword: AskPassword;
  readMrz?: (file: Blob) => Promise<MrzReading>;
  quality?: (file: Blob) => Promise<Check[] | undefined>;
  /** Wait after a change before the preview is stamped again (typing). */
  previewDelayMs?: number;
  /** This device's trace key (exported text); absent: copies carry no invisible trace. */
  traceKey?: () => Promise<string>;
}

export interface PanelInit {
  site: string;
  /** Longest side of the preview, pixels. */
  previewSize: number;
  /** What the page said: it declines watermarked photos (the guard's prompt). */
  pageDeclines?: boolean;
  /** Read the first file's machine-readable zone (when the settings allow it too). */
  mrz?: boolean;
  /** Check every chosen file with a clean-only run; files that fail are marked and skipped. */
  checkFiles?: boolean;
  /** The output type for file `i` (an upload field's accepted types); throws to refuse. */
  outputFor?: (i: number) => StampOptionsInput['output'];
  /** The upload field's own size limit, bytes. */
  maxBytes?: number;
}

export interface PanelFile {
  file: File;
  mark: Mark;
  /** Why even a clean-only copy fails (damaged, unsupported): shown, and the file is skipped. */
  problem?: unknown;
}

export interface BatchItem {
  name: string;
  result?: StampResult;
  error?: unknown;
}

export interface MrzState {
  reading?: MrzReading;
  /** After stamping: the copy still reads (maybe after lightening the mark). */
  after?: { valid: boolean; restamped: boolean };
}

export type Change = 'files' | 'preview' | 'quality' | 'mrz' | 'purpose' | 'mode' | 'site' | 'settings' | 'busy' | 'results';

/** Tells the views what changed; each part of the panel is handed this. */
export type Emit = (c: Change) => void;
