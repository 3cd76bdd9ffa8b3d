// Settings + the moment (site, purpose typed, mode) → the core's stamp options.
import { bcp47, type Lang } from '../core/lang.ts';
import type { StampOptionsInput } from '../core/options.ts';
import { defaultPurpose, isoDate } from '../core/watermark/template.ts';
import type { Settings } from './schema.ts';

export interface Moment {
  site: string;
  /** What the person typed; undefined: the site's remembered purpose, or the default. */
  purpose?: string;
  mode: 'stamp' | 'strip';
  /** The interface's language. */
  lang: Lang;
  now: Date;
  /** Overrides the settings' output format (e.g. what an upload field accepts). */
  output?: StampOptionsInput['output'];
}

/** The language of a site's standard purpose line: the site's own, the settings', or the UI's. */
export function purposeLangFor(settings: Settings, site: string, uiLang: Lang): Lang {
  const own = site ? settings.sites[site]?.purposeLang : undefined;
  return own ?? (settings.language.purpose === 'ui' ? uiLang : settings.language.purpose);
}

/** The purpose line shown for a site before the person edits it (`lang`: the UI's language). */
export function purposeFor(settings: Settings, site: string, lang: Lang): string {
  const remembered = site ? settings.sites[site]?.purpose : undefined;
  if (remembered) return remembered;
  const custom = settings.watermark.purpose.trim();
  return custom ? custom.replaceAll('{site}', site).replace(/\s+/g, ' ').trim() : defaultPurpose(site, purposeLangFor(settings, site, lang));
}

export function formatDate(now: Date, format: Settings['watermark']['dateFormat'], lang: Lang): string {
  if (format === 'local') return now.toLocaleDateString(bcp47(lang));
  return isoDate(now);
}

export function stampOptionsFor(settings: Settings, m: Moment): StampOptionsInput {
  const w = settings.watermark;
  const o = settings.output;
  // The mark speaks the purpose line's language, its date included.
  const markLang = purposeLangFor(settings, m.site, m.lang);
  return {
    mode: m.mode,
    lang: markLang,
    naming: o.naming,
    output: m.output ?? o.format,
    ...(o.maxBytes ? { maxBytes: o.maxBytes } : {}),
    ...(o.maxDimension ? { maxDimension: o.maxDimension } : {}),
    pdf: { mode: o.pdfMode },
    watermark: {
      template: w.dateFormat === 'none' ? w.template.replaceAll('{date}', '') : w.template,
      purpose: m.purpose ?? purposeFor(settings, m.site, m.lang),
      site: m.site,
      date: w.dateFormat === 'none' ? '' : formatDate(m.now, w.dateFormat, markLang),
      color: w.color,
      opacity: w.opacity,
      size: w.size,
      density: w.density,
      angle: w.angle,
    },
  };
}
