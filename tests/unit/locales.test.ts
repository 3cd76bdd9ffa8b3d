// Every language is really in that language, and the code reads it: the pages' messages
// (loaded on demand too), the core's errors, warnings and purpose lines, the command line's.
// That every language has every message with the English {fields}: translations.test.ts.
import { describe, expect, it } from 'vitest';
import type { CliErrorCode, CliTextCode, StampErrorCode, WarningCode } from '../../src/core/codes.ts';
import { formatMessage } from '../../src/core/errors.ts';
import { bcp47, isRtl, LANG_NAMES, LANGS, matchLang } from '../../src/core/lang.ts';
import { message } from '../../src/core/messages.ts';
import { warningMessage } from '../../src/core/warnings.ts';
import { defaultPurpose } from '../../src/core/watermark/template.ts';
import { loadMessages } from '../../src/i18n/load.ts';
import { en } from '../../src/i18n/messages.ts';
import { readTree } from '../helpers/locales.ts';

const fieldPlaceholders = (s: string) => [...new Set(s.match(/\{\w+\}/g) ?? [])].sort();
const keys = Object.keys(en).sort();
const english = readTree('en');

/** The script most of a language's strings must be written in (Latin languages: none). */
const SCRIPT: Partial<Record<(typeof LANGS)[number], RegExp>> = {
  zh_CN: /[\u4e00-\u9fff]/,
  zh_TW: /[\u4e00-\u9fff]/,
  ja: /[\u3040-\u30ff\u4e00-\u9fff]/,
  ko: /[\uac00-\ud7af]/,
  th: /[\u0e00-\u0e7f]/,
  ru: /[\u0400-\u04ff]/,
  uk: /[\u0400-\u04ff]/,
  ar: /[\u0600-\u06ff]/,
  hi: /[\u0900-\u097f]/,
};

describe.each(LANGS)('UI messages: %s', (lang) => {
  const messages = readTree(lang).ui;

  it.runIf(lang !== 'en')('is translated: no sentence left in English, written in its own script', () => {
    // Sentences and labels; '2026-11-21 (ISO)' is the same in every language.
    const sentences = keys.filter((k) => en[k as keyof typeof en].length > 14 && k !== 'dateIso');
    const same = sentences.filter((k) => messages[k as keyof typeof en] === en[k as keyof typeof en]);
    expect(same).toEqual([]);
    const script = SCRIPT[lang];
    if (script) {
      const off = sentences.filter((k) => !script.test(messages[k as keyof typeof en]));
      expect(off).toEqual([]);
    }
  });

  it('loads on demand (the settings override) with the same messages', async () => {
    expect(await loadMessages(lang)).toEqual(messages);
  });
});

describe('core messages', () => {
  const codes = Object.keys(english.errors) as StampErrorCode[];
  const warnings = Object.keys(english.warnings) as WarningCode[];

  it.each(LANGS)('%s: every error keeps the English {fields}, every warning exists, in its script', (lang) => {
    const script = SCRIPT[lang];
    for (const code of codes) {
      const text = formatMessage(code, {}, lang);
      expect(text.trim(), code).not.toBe('');
      expect(fieldPlaceholders(text!), `${lang} ${code}`).toEqual(fieldPlaceholders(formatMessage(code, {}, 'en')));
      if (lang !== 'en') expect(text, code).not.toBe(formatMessage(code, {}, 'en'));
      if (script) expect(text, code).toMatch(script);
    }
    for (const w of warnings) {
      const text = warningMessage(w, lang);
      expect(text.trim(), w).not.toBe('');
      if (lang !== 'en') expect(text).not.toBe(warningMessage(w, 'en'));
      if (script) expect(text, w).toMatch(script);
    }
  });

  it('fills the fields in every language', () => {
    for (const lang of LANGS) expect(formatMessage('too-large-file', { size: 250, limit: 200 }, lang)).toMatch(/250[\s\S]*200|200[\s\S]*250/);
  });

  it.each(LANGS)('%s: a default purpose line naming the site once, and one without a site', (lang) => {
    const withSite = defaultPurpose('okx.com', lang);
    expect(withSite.split('okx.com')).toHaveLength(2);
    expect(withSite).not.toContain('{site}');
    const none = defaultPurpose('', lang);
    expect(none).not.toContain('{site}');
    expect(none.length).toBeGreaterThan(3);
    if (SCRIPT[lang]) expect(withSite).toMatch(SCRIPT[lang]!);
  });

  it('gives each language its own purpose line', () => {
    const lines = LANGS.map((l) => defaultPurpose('okx.com', l));
    expect(new Set(lines).size).toBe(LANGS.length);
    expect(defaultPurpose('okx.com', 'en')).toBe('Only for okx.com identity verification');
    expect(defaultPurpose('okx.com', 'zh_CN')).toBe('仅用于okx.com身份认证');
  });
});

describe('command-line messages', () => {
  it.each(LANGS)('%s: every CLI line keeps the English {fields}, is translated, in its script', (lang) => {
    for (const code of Object.keys(english.cli) as (CliErrorCode | CliTextCode)[]) {
      const text = message(code, lang);
      expect(fieldPlaceholders(text), `${lang} ${code}`).toEqual(fieldPlaceholders(message(code, 'en')));
      if (lang !== 'en') expect(text, code).not.toBe(message(code, 'en'));
      if (SCRIPT[lang]) expect(text, code).toMatch(SCRIPT[lang]!);
    }
  });
});

describe('language codes', () => {
  it('names every language in itself, marks Arabic right to left', () => {
    expect(Object.keys(LANG_NAMES).sort()).toEqual([...LANGS].sort());
    expect(LANGS.filter(isRtl)).toEqual(['ar']);
    expect(bcp47('pt_BR')).toBe('pt-BR');
    expect(readTree('zh_CN').ui.extName).not.toBe(en.extName);
  });

  it.each([
    ['en-US', 'en'],
    ['zh-CN', 'zh_CN'],
    ['zh-Hans-SG', 'zh_CN'],
    ['zh-TW', 'zh_TW'],
    ['zh_HK', 'zh_TW'],
    ['zh-Hant', 'zh_TW'],
    ['pt-PT', 'pt_BR'],
    ['pt_BR', 'pt_BR'],
    ['es-419', 'es'],
    ['ja_JP.UTF-8', 'ja'],
    ['in', 'id'],
    ['ar-EG', 'ar'],
    ['nl-NL', undefined],
    ['', undefined],
  ])('%s → %s', (locale, lang) => {
    expect(matchLang(locale)).toBe(lang);
  });
});
