// One copy's stamp options, built from the settings in one place for every copy and preview:
// the panel's saves and previews, and the settings page's look preview. A preview is the saved
// copy's own job (same options, same mark: code, date, layout), only drawn small.
import type { StampOptionsInput } from '../core/options.ts';
import type { StampResult } from '../core/pipeline.ts';
import type { Settings } from '../settings/schema.ts';
import { stampOptionsFor, type Moment } from '../settings/to-options.ts';
import { markEnv, type Mark } from './mark.ts';
import type { StampFn } from './types.ts';

export interface CopyLimits {
  /** A size limit besides the settings' own (an upload field's): the smaller one holds. */
  maxBytes?: number;
  /** Black boxes, as fractions of the picture (with a PDF's page). */
  redact?: StampOptionsInput['redact'];
}

/** The options of one copy made now, with these settings, for this site and purpose. */
export function copyOptions(settings: Settings, moment: Moment, limits: CopyLimits = {}): StampOptionsInput {
  const base = stampOptionsFor(settings, moment);
  const caps = [base.maxBytes, limits.maxBytes].filter((n): n is number => !!n);
  return { ...base, ...(caps.length ? { maxBytes: Math.min(...caps) } : {}), redact: limits.redact ?? [] };
}

/**
 * The same copy at preview size: a small copy is enough to judge the mark (its size is relative
 * to the picture), with no size limit to meet and a quick JPEG of a PDF's first page.
 */
export function previewOptions(copy: StampOptionsInput, size: number): StampOptionsInput {
  return { ...copy, maxDimension: size, maxBytes: undefined, output: 'jpeg', pdf: { ...copy.pdf, dpi: 72 } };
}

export interface PreviewStamp {
  stamp: StampFn;
  randomBytes: (n: number) => Uint8Array;
}

/** Stamps the preview of a copy: the copy's options and mark, at preview size. */
export function stampPreview(deps: PreviewStamp, file: File, copy: StampOptionsInput, mark: Mark, size: number): Promise<StampResult> {
  return deps.stamp(file, previewOptions(copy, size), markEnv(mark, deps.randomBytes));
}
