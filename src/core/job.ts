// What one stamping job carries through the image and PDF paths.
import type { StampOptions } from './options.ts';
import type { StampReport, TraceReport, WarningCode } from './report.ts';
import type { Kind } from './sniff.ts';
import { defaultPurpose, isoDate, renderTemplate } from './watermark/template.ts';
import { NO_JITTER, randomJitter, type Jitter } from './watermark/layout.ts';

export interface StampEnv {
  now: () => Date;
  random: () => number;
  randomBytes: (n: number) => Uint8Array;
  code: () => string;
}

export interface Job {
  name: string;
  options: StampOptions;
  env: StampEnv;
  /** The trace code of this output. */
  code: string;
  /** One variation for the whole output, so every page of a PDF looks alike. */
  jitter: Jitter;
  /** Text lines before wrapping. */
  text: string[];
  /** Aborted when the job times out: decoder workers and pdf.js tasks stop working. */
  signal?: AbortSignal;
}

export function makeJob(name: string, options: StampOptions, env: StampEnv): Job {
  const w = options.watermark;
  const code = env.code();
  const text = renderTemplate(w.template, {
    purpose: w.purpose.trim() || defaultPurpose(w.site, options.lang),
    site: w.site,
    date: w.date || isoDate(env.now()),
    code,
  });
  return { name, options, env, code, jitter: w.jitter ? randomJitter(env.random) : NO_JITTER, text };
}

/** What an image or PDF path hands back to the pipeline. */
export interface Produced {
  bytes: Uint8Array;
  kind: Kind;
  width: number;
  height: number;
  pages?: number;
  pdfMode?: 'flatten' | 'keep-text';
  lossless: boolean;
  removed: StampReport['removed'];
  watermark?: StampReport['watermark'];
  trace?: TraceReport;
  warnings: WarningCode[];
  ms: Partial<StampReport['ms']>;
}

/** The trace goes into every re-encoded picture and flattened page when a key is given (not in strip-only). */
export const traced = (job: Job): boolean => job.options.mode !== 'strip' && job.options.trace !== undefined;
