// The step every container format shares: judge each segment/chunk, then either report what
// would go (inspect) or keep the rest (strip).
import type { Orientation } from './exif.ts';
import { addKinds, type MetadataKind } from './types.ts';

export interface Verdict {
  keep: boolean;
  /** Replacement bytes for a kept part that had metadata cut out of it. */
  bytes?: Uint8Array;
  /** What this verdict removes: the whole part, or (with bytes) a piece of it. */
  kinds: MetadataKind[];
  /** The orientation an EXIF part carried. */
  orientation?: Orientation;
}

export const KEEP: Verdict = { keep: true, kinds: [] };

export interface Partition<T> {
  kept: { part: T; bytes?: Uint8Array }[];
  removed: MetadataKind[];
  orientation: Orientation;
}

/** `trailing`: bytes after the format's end marker (IEND, EOI, RIFF size), always removed. */
export function partition<T>(parts: readonly T[], judge: (p: T) => Verdict, trailing: boolean): Partition<T> {
  const out: Partition<T> = { kept: [], removed: [], orientation: 1 };
  let exifSeen = false;
  for (const part of parts) {
    const v = judge(part);
    addKinds(out.removed, v.kinds);
    // Browsers follow the first EXIF block (a second one, from an editor, is ignored).
    if (v.orientation && !exifSeen) {
      out.orientation = v.orientation;
      exifSeen = true;
    }
    if (v.keep) out.kept.push({ part, bytes: v.bytes });
  }
  if (trailing) addKinds(out.removed, ['trailer']);
  return out;
}
