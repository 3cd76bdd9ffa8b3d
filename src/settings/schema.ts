// Settings: one zod schema, the single source of truth for every page. Each field has a default,
// so a partial or damaged value still parses (see parseSettings).
import { z } from 'zod';
import { LANGS } from '../core/lang.ts';

/**
 * 2: language choice (interface, purpose line) and a purpose language per site.
 * 3: per site, the copy it gets (`copy: 'clean'` for sites that decline watermarked photos).
 */
export const SETTINGS_VERSION = 3;

/** Watermark looks a person picks from, before fine-tuning. */
export const PRESETS = {
  /** Light mark; the document's data stays easy to read. */
  kyc: { opacity: 0.3, density: 0.5, size: 0.028, angle: -30 },
  /** Denser and darker: harder to crop or retouch around. */
  strict: { opacity: 0.42, density: 0.85, size: 0.032, angle: -30 },
} as const;
export type PresetName = keyof typeof PRESETS;

export const SiteRuleSchema = z.object({
  /** always = stamp without asking; ask = show the prompt; never = leave uploads alone. */
  rule: z.enum(['always', 'ask', 'never']).default('ask'),
  /** The purpose line last used on this site. */
  purpose: z.string().max(1000).optional(),
  /** Language of this site's standard purpose line (an English-speaking site from a Chinese UI). */
  purposeLang: z.enum(LANGS).optional(),
  /**
   * The copy this site gets: 'clean' = cleaned, without a watermark (the site declines
   * watermarked photos, as the person or the page's own text said); unset = stamped.
   */
  copy: z.enum(['stamped', 'clean']).optional(),
});

export const SettingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
  preset: z.enum(['kyc', 'strict', 'custom']).default('kyc'),
  watermark: z
    .object({
      /** The purpose line; {site} is the site's domain. Empty: the language's default. */
      purpose: z.string().max(1000).default(''),
      /** Fields: {purpose} {site} {date} {code}. */
      template: z.string().max(2000).default('{purpose}\n{date} · {code}'),
      color: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/)
        .default('#6b7280'),
      opacity: z.number().min(0.05).max(1).default(PRESETS.kyc.opacity),
      size: z.number().min(0.01).max(0.2).default(PRESETS.kyc.size),
      density: z.number().min(0).max(1).default(PRESETS.kyc.density),
      angle: z.number().min(-90).max(90).default(PRESETS.kyc.angle),
      /** iso: 2026-11-21; local: the browser language's short date; none: no date. */
      dateFormat: z.enum(['iso', 'local', 'none']).default('iso'),
    })
    .prefault({}),
  output: z
    .object({
      naming: z.enum(['suffix', 'keep', 'neutral']).default('suffix'),
      format: z.enum(['same', 'jpeg', 'png', 'pdf']).default('same'),
      /** Bytes; null: no limit. */
      maxBytes: z.number().int().min(50_000).max(100_000_000).nullable().default(null),
      maxDimension: z.number().int().min(200).max(30_000).nullable().default(null),
      pdfMode: z.enum(['flatten', 'keep-text']).default('flatten'),
    })
    .prefault({}),
  /** Keyed by registrable domain (okx.com). */
  sites: z.record(z.string().max(253), SiteRuleSchema).default({}),
  guard: z
    .object({
      /** Where the upload guard offers to stamp. */
      mode: z.enum(['verification', 'everywhere', 'off']).default('verification'),
      /** Strip metadata from every image uploaded anywhere, without asking. */
      silentStrip: z.boolean().default(false),
    })
    .prefault({}),
  history: z.object({ enabled: z.boolean().default(true) }).prefault({}),
  language: z
    .object({
      /** auto: the browser's language; else this language's messages, loaded by the pages. */
      ui: z.enum(['auto', ...LANGS]).default('auto'),
      /** The standard purpose line's language where a site has none of its own; ui: the interface's. */
      purpose: z.enum(['ui', ...LANGS]).default('ui'),
    })
    .prefault({}),
  /** Read passports' and ID cards' machine-readable zones before upload (shown, never stored). */
  mrz: z.object({ read: z.boolean().default(true) }).prefault({}),
  /** Official domains the person adds (for the lookalike warning): a known brand's or their own. */
  brands: z
    .array(z.object({ name: z.string().min(1).max(100), domains: z.array(z.string().max(253)).max(50) }))
    .max(200)
    .default([]),
});

export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
