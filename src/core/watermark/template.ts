// Watermark text: template fields, default purpose lines, trace codes, line wrapping.
import type { Lang } from '../lang.ts';
import { purposeLine } from '../messages.ts';

export interface TemplateFields {
  purpose: string;
  site: string;
  date: string;
  code: string;
}

/** The standard purpose line (src/locales/<lang>.json → purpose), naming the site if any. */
export const defaultPurpose = (site: string, lang: Lang): string => purposeLine(site, lang);

/** Fills {purpose} {site} {date} {code}; unknown fields stay as typed. Returns non-empty lines. */
export function renderTemplate(template: string, f: TemplateFields): string[] {
  const filled = template.replace(/\{(purpose|site|date|code)\}/g, (_, k: keyof TemplateFields) => f[k]);
  return filled
    .split(/\r?\n/)
    .map((l) =>
      l
        .replace(/[ \t]+/g, ' ')
        // A field left empty must not leave a dangling separator: "a ·  · b" → "a · b".
        .replace(/(\s*[·|•-]\s*)+$/u, '')
        .replace(/^(\s*[·|•-]\s*)+/u, '')
        .replace(/(\s[·|•]\s)(\s*[·|•]\s)+/gu, '$1')
        .trim(),
    )
    .filter((l) => l.length > 0);
}

/**
 * A line's base direction from its first strong letter (Unicode bidi rules P2–P3): an Arabic
 * purpose line is laid out right to left, so "…لدى okx.com فقط" keeps its words in order.
 */
export function textDirection(line: string): 'ltr' | 'rtl' {
  const first = /\p{L}/u.exec(line)?.[0];
  return first && /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u.test(first) ? 'rtl' : 'ltr';
}

/** Local calendar date as YYYY-MM-DD: unambiguous in every language. */
export function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

// Crockford base32 without I, L, O, U: readable aloud and over the phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short random trace code like "7KQ2-M9XD" (40 bits), to tell stamped copies apart. */
export function traceCode(randomBytes: (n: number) => Uint8Array = cryptoBytes): string {
  const r = randomBytes(8);
  let s = '';
  for (let i = 0; i < 8; i++) s += ALPHABET[r[i]! & 31];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

const cryptoBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));

const graphemes = (s: string): string[] =>
  typeof Intl !== 'undefined' && 'Segmenter' in Intl ? [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].map((x) => x.segment) : Array.from(s);

/**
 * Greedy wrap to maxWidth using `measure` (the canvas's measureText in the browser, a fake in
 * tests). Breaks at spaces; text without spaces (Chinese, Japanese) breaks between graphemes,
 * so emoji and combined characters are never split.
 */
export function wrapLine(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const out: string[] = [];
  let line = '';
  const push = () => {
    if (line.trim()) out.push(line.trim());
    line = '';
  };
  for (const token of text.split(/(\s+)/)) {
    if (!token) continue;
    const candidate = line + token;
    if (measure(candidate.trim()) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (/^\s+$/.test(token)) {
      push();
      continue;
    }
    if (line.trim()) push();
    if (measure(token) <= maxWidth) {
      line = token;
      continue;
    }
    for (const g of graphemes(token)) {
      if (line && measure(line + g) > maxWidth) push();
      line += g;
    }
  }
  push();
  return out;
}
