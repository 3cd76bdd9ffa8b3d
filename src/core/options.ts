// Stamping options: one zod schema; every UI, the CLI and the tests go through parseOptions.
import { z } from 'zod';
import { StampError } from './errors.ts';
import { LANGS } from './lang.ts';
import { importKey, keyFromBytes } from './trace/index.ts';

export const WatermarkOptionsSchema = z.object({
  /** Fields: {purpose} {site} {date} {code}. "\n" starts a new line. */
  template: z.string().max(2000).default('{purpose}\n{date} · {code}'),
  /** Empty: a default purpose line for the site, in `lang`. */
  purpose: z.string().max(1000).default(''),
  site: z.string().max(253).default(''),
  /** Preformatted date; empty: today as YYYY-MM-DD. */
  date: z.string().max(64).default(''),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #6b7280')
    .default('#6b7280'),
  opacity: z.number().min(0.05).max(1).default(0.3),
  /** Degrees; negative rises to the right. */
  angle: z.number().min(-90).max(90).default(-30),
  /** 0 sparse … 1 dense. */
  density: z.number().min(0).max(1).default(0.5),
  /** Font size as a fraction of the image's shorter side. */
  size: z.number().min(0.01).max(0.2).default(0.028),
  /** Thin light outline so the mark shows on dark areas too. */
  outline: z.boolean().default(true),
  /** Per-output random variation of offset, spacing, angle and opacity. */
  jitter: z.boolean().default(true),
  /** Keep the mark off machine-readable zones (MRZ) and QR codes, so they still read and scan. */
  protectCodes: z.boolean().default(true),
});

export const PdfOptionsSchema = z.object({
  /** flatten = pages become pictures with the mark in their pixels (cannot be removed);
   *  keep-text = text stays selectable, the mark is a layer an editor can delete. */
  mode: z.enum(['flatten', 'keep-text']).default('flatten'),
  /** Resolution of flattened pages. */
  dpi: z.number().int().min(72).max(300).default(150),
  /** JPEG quality of flattened pages. */
  quality: z.number().min(0.5).max(1).default(0.85),
});

/** A box to black out, as fractions of the upright picture (or of a PDF page). */
export const RedactionSchema = z.object({
  /** PDF page, from 1; none: every page (and pictures). */
  page: z.number().int().min(1).optional(),
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  w: z.number().min(0).max(1),
  h: z.number().min(0).max(1),
});
export type Redaction = z.infer<typeof RedactionSchema>;

/**
 * The invisible trace (issue 21): the device's secret key, as exported text (IDSTK-…, with
 * its check) or its 32 bytes. Absent: no trace, as before.
 */
export const TraceOptionsSchema = z.object({
  key: z.union([z.string().max(200), z.instanceof(Uint8Array)]).transform((k, ctx) => {
    try {
      return typeof k === 'string' ? importKey(k).bytes : keyFromBytes(k).bytes;
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `not a trace key (${(e as Error).message})` });
      return z.NEVER;
    }
  }),
});

export const StampOptionsSchema = z.object({
  /**
   * stamp = watermark + clean; strip = lossless metadata removal only; trace = clean, no
   * visible mark, only the invisible trace (needs `trace.key`). Stamp with a key carries both.
   */
  mode: z.enum(['stamp', 'strip', 'trace']).default('stamp'),
  trace: TraceOptionsSchema.optional(),
  watermark: WatermarkOptionsSchema.prefault({}),
  /**
   * suffix = "passport-stamped.jpg" / "passport-clean.jpg" (the extension's default, see the
   * settings); keep = the input's name (extension fixed to the output type); neutral =
   * "document-<code>". The core keeps names by default: the CLI writes into its own folder.
   */
  naming: z.enum(['suffix', 'keep', 'neutral']).default('keep'),
  maxBytes: z.number().int().min(10_000).optional(),
  /** Longest side in pixels. */
  maxDimension: z.number().int().min(64).max(30_000).optional(),
  /** same = the input's type; otherwise convert (upload fields that accept only one kind). */
  output: z.enum(['same', 'jpeg', 'png', 'webp', 'pdf']).default('same'),
  pdf: PdfOptionsSchema.prefault({}),
  /** Opens a PDF protected with a password; used for this job only, never stored. */
  password: z.string().max(1024).optional(),
  /** Boxes burned into the pixels (black) before the watermark. */
  redact: z.array(RedactionSchema).max(100).default([]),
  /** JPEG/WebP encoder quality. */
  quality: z.number().min(0.5).max(1).default(0.92),
  /** Language of the default purpose line and of messages. */
  lang: z.enum(LANGS).default('en'),
  /** A whole job (a 200-page PDF included) stops with a clear error after this. */
  timeoutMs: z.number().int().min(1000).max(600_000).default(120_000),
});

export type WatermarkOptions = z.infer<typeof WatermarkOptionsSchema>;
export type StampOptions = z.infer<typeof StampOptionsSchema>;
export type StampOptionsInput = z.input<typeof StampOptionsSchema>;

export function parseOptions(raw: unknown): StampOptions {
  const r = StampOptionsSchema.refine((o) => o.mode !== 'trace' || o.trace, { message: "mode 'trace' needs trace.key", path: ['trace'] }).safeParse(raw ?? {});
  if (r.success) return r.data;
  const detail = r.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ');
  throw new StampError('invalid-options', { detail });
}
