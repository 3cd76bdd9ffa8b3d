// One file's mark: its trace code, its date and the seed of its layout's small random variation.
// The preview and the saved copy are stamped with the same mark, so the copy saved is the copy
// previewed (same code, date, grid offset and angle), only at full size. One exception: a
// stamped screenshot over its size limit is stamped again in another layout (same code and
// date; core/smaller-layout.ts), which its JPEG preview never is.
import type { StampEnv } from '../core/job.ts';
import { traceCode } from '../core/watermark/template.ts';

export interface Mark {
  code: string;
  /** The moment the date on the mark is taken from. */
  at: Date;
  /** Seed of the jitter (grid offset, spacing, angle, opacity). */
  seed: number;
}

/** A small seeded generator (mulberry32): the same seed gives the same layout every time. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A new mark from the page's random source (crypto in the browser, a fake in tests). */
export function newMark(random: () => number, now: Date): Mark {
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  return { code: traceCode(bytes), at: now, seed: Math.floor(random() * 2 ** 32) };
}

/**
 * The environment one stamp of this file runs in: a fresh generator from the seed on every call,
 * so the preview and the save draw the same numbers. `randomBytes` (PDF file ids) stays random:
 * it changes nothing a person sees.
 */
export function markEnv(mark: Mark, randomBytes: (n: number) => Uint8Array): StampEnv {
  return { now: () => mark.at, random: seeded(mark.seed), randomBytes, code: () => mark.code };
}
