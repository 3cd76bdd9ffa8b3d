// Proves the stamped copy still reads: the zone is read again from the output; when the
// original's zone was read and the copy does not read the same, the mark is lightened
// over the picture and the copy stamped again, automatically, before anything is uploaded.
import type { StampOptionsInput } from '../options.ts';
import type { StampResult } from '../pipeline.ts';
import type { MrzReport } from '../report.ts';
import type { MrzReading } from './read.ts';

type Stamp = (file: Blob & { name: string }, options: StampOptionsInput) => Promise<StampResult>;
type Read = (file: Blob) => Promise<MrzReading>;

/** Opacity factors tried in turn when the stamped copy no longer reads. */
const LIGHTER = [0.5, 0.25];

/** A reading for the report (the CLI's --json prints it; nothing stores it). */
export function mrzSummary(before: MrzReading, after?: MrzReading, restamped = false): MrzReport {
  return {
    found: before.found,
    ...(before.format ? { format: before.format } : {}),
    ...(before.fields ? { fields: before.fields } : {}),
    valid: before.valid,
    ...(before.failed.length ? { failed: before.failed } : {}),
    ...(before.found ? { uncertain: before.uncertain } : {}),
    expiry: before.expiry,
    ...(after ? { after: { found: after.found, valid: after.valid }, restamped } : {}),
  };
}

/**
 * The copy reads as the original did: the same fields, its check digits passing alike.
 * Check digits do not cover the name, so a mark that turns a name's fillers into letters is
 * caught only by comparing.
 */
const readsAsBefore = (after: MrzReading, before: MrzReading): boolean => after.valid === before.valid && JSON.stringify(after.fields) === JSON.stringify(before.fields);

export async function stampKeepingMrz(
  file: Blob & { name: string },
  options: StampOptionsInput,
  stamp: Stamp,
  read: Read,
  before?: Promise<MrzReading> | MrzReading,
): Promise<StampResult & { mrz: { before: MrzReading; after?: MrzReading; restamped: boolean } }> {
  const [first, original] = await Promise.all([stamp(file, options), before ?? read(file)]);
  // A zone read with a failing check digit (misprinted, or a hard photo) is kept too: the copy
  // must not read worse than the original did.
  if (options.mode === 'strip' || !original.fields) return { ...first, mrz: { before: original, restamped: false } };
  let result = first;
  let after = await read(first.file);
  let restamped = false;
  const opacity = options.watermark?.opacity ?? 0.3;
  for (const f of LIGHTER) {
    if (readsAsBefore(after, original)) break;
    result = await stamp(file, { ...options, watermark: { ...options.watermark, opacity: Math.max(0.05, opacity * f) } });
    after = await read(result.file);
    restamped = true;
  }
  return { ...result, mrz: { before: original, after, restamped } };
}
