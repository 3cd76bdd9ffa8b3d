import { readFileSync, readdirSync } from 'node:fs';
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate, parseSettings } from '../../src/settings/parse.ts';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, SettingsSchema } from '../../src/settings/schema.ts';
import { loadSettings, saveSettings, settingsItem, updateSettings, watchSettings } from '../../src/settings/store.ts';
import { formatDate, purposeFor, stampOptionsFor } from '../../src/settings/to-options.ts';
import { parseOptions } from '../../src/core/options.ts';

const FIXTURES = 'tests/fixtures/settings';

describe('settings versions', () => {
  it('has a fixture for every version up to the current one, and each reads back intact', () => {
    const files = readdirSync(FIXTURES).filter((f) => /^v\d+\.json$/.test(f));
    expect(files.map((f) => Number(f.slice(1, -5))).sort()).toEqual(Array.from({ length: SETTINGS_VERSION }, (_, i) => i + 1));
    for (const f of files) {
      const raw = JSON.parse(readFileSync(`${FIXTURES}/${f}`, 'utf8'));
      const s = parseSettings(raw);
      expect(SettingsSchema.safeParse(s).success, f).toBe(true);
      expect(s).not.toEqual(DEFAULT_SETTINGS); // the fixture's choices survive
      expect(s.sites['okx.com']).toEqual({ rule: 'always', purpose: '仅用于OKX身份认证' });
      expect(s.output).toMatchObject({ naming: 'neutral', maxBytes: 5_000_000, pdfMode: 'keep-text' });
    }
  });

  it('migrates an unversioned or older value to the current version', () => {
    expect(migrate({ preset: 'strict' })).toEqual({ preset: 'strict', language: { ui: 'auto', purpose: 'ui' }, schemaVersion: SETTINGS_VERSION });
  });

  it('v1 → v2: the language follows the browser, as version 1 did; v2 keeps its language choices', () => {
    const v1 = parseSettings(JSON.parse(readFileSync(`${FIXTURES}/v1.json`, 'utf8')));
    expect(v1.language).toEqual({ ui: 'auto', purpose: 'ui' });
    expect(v1.schemaVersion).toBe(3);
    // A stray value where v2 keeps the language is replaced by the migration, not trusted.
    expect(parseSettings({ schemaVersion: 1, language: { ui: 'ar', purpose: 'ar' } }).language).toEqual({ ui: 'auto', purpose: 'ui' });
    const v2 = parseSettings(JSON.parse(readFileSync(`${FIXTURES}/v2.json`, 'utf8')));
    expect(v2.language).toEqual({ ui: 'zh_CN', purpose: 'ja' });
    expect(v2.sites['kraken.com']).toEqual({ rule: 'ask', purposeLang: 'en' });
  });

  it('v2 → v3: sites keep getting stamped copies; v3 keeps a site that gets clean copies', () => {
    const v2 = parseSettings(JSON.parse(readFileSync(`${FIXTURES}/v2.json`, 'utf8')));
    expect(v2.schemaVersion).toBe(3);
    expect(Object.values(v2.sites).every((s) => s.copy === undefined)).toBe(true);
    // A stray value in a version-2 store is dropped, not trusted.
    expect(parseSettings({ schemaVersion: 2, sites: { 'a.com': { rule: 'ask', copy: 'clean' } } }).sites['a.com']).toEqual({ rule: 'ask' });
    const v3 = parseSettings(JSON.parse(readFileSync(`${FIXTURES}/v3.json`, 'utf8')));
    expect(v3.sites['binance.com']).toEqual({ rule: 'ask', copy: 'clean' });
    expect(v3.sites['okx.com']!.purpose).toBe('仅用于OKX身份认证');
  });

  it('drops an unknown language, keeping the rest', () => {
    const s = parseSettings({ schemaVersion: 2, language: { ui: 'klingon' }, guard: { mode: 'off' } });
    expect(s.language).toEqual(DEFAULT_SETTINGS.language);
    expect(s.guard.mode).toBe('off');
  });
});

describe('parseSettings never crashes and keeps what it can', () => {
  it.each([undefined, null, 42, 'corrupt', [], [1, 2], true])('falls back to defaults for %j', (raw) => {
    expect(parseSettings(raw)).toEqual(DEFAULT_SETTINGS);
  });

  it('fills missing fields from defaults', () => {
    const s = parseSettings({ output: { naming: 'neutral' } });
    expect(s.output).toEqual({ ...DEFAULT_SETTINGS.output, naming: 'neutral' });
    expect(s.watermark).toEqual(DEFAULT_SETTINGS.watermark);
  });

  it('drops only the damaged section', () => {
    const s = parseSettings({ watermark: { color: 'not a colour' }, guard: { mode: 'everywhere' }, history: 'yes' });
    expect(s.watermark).toEqual(DEFAULT_SETTINGS.watermark);
    expect(s.guard.mode).toBe('everywhere');
    expect(s.history).toEqual(DEFAULT_SETTINGS.history);
  });

  it('reads a foreign object (another extension, a newer version) as far as it fits', () => {
    const s = parseSettings({ schemaVersion: 99, theme: 'dark', guard: { mode: 'off' } });
    expect(s.guard.mode).toBe('off');
    expect(s).not.toHaveProperty('theme');
  });
});

describe('settings store (fakeBrowser)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('saves, loads and survives a corrupt stored value', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    await updateSettings((s) => void (s.preset = 'strict'));
    expect((await loadSettings()).preset).toBe('strict');
    await fakeBrowser.storage.local.set({ settings: '{{{ corrupt' });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps both of two quick changes (neither write undoes the other)', async () => {
    await Promise.all([updateSettings((s) => void (s.watermark.opacity = 1)), updateSettings((s) => void (s.watermark.size = 0.08))]);
    expect((await loadSettings()).watermark).toMatchObject({ opacity: 1, size: 0.08 });
  });

  it('tells other pages about changes', async () => {
    const seen: string[] = [];
    const stop = watchSettings((s) => seen.push(s.guard.mode));
    await saveSettings({ ...DEFAULT_SETTINGS, guard: { mode: 'off', silentStrip: false } });
    await new Promise((r) => setTimeout(r, 10));
    stop();
    expect(seen).toEqual(['off']);
  });

  it('refuses to store an invalid value', async () => {
    await expect(saveSettings({ ...DEFAULT_SETTINGS, preset: 'loud' as never })).rejects.toThrow();
    expect(await settingsItem.getValue()).toBeNull();
  });
});

describe('settings → stamp options', () => {
  const now = new Date(2026, 10, 21, 10, 0);
  it('builds valid core options with the site, date and purpose', () => {
    const o = parseOptions(stampOptionsFor(DEFAULT_SETTINGS, { site: 'okx.com', mode: 'stamp', lang: 'en', now }));
    expect(o.watermark).toMatchObject({ purpose: 'Only for okx.com identity verification', site: 'okx.com', date: '2026-11-21' });
    expect(o).toMatchObject({ naming: 'suffix', output: 'same', pdf: { mode: 'flatten' } });
    expect(o.maxBytes).toBeUndefined();
  });

  it('uses what a person typed, then the site’s remembered purpose, then the custom default', () => {
    const s = parseSettings(JSON.parse(readFileSync(`${FIXTURES}/v1.json`, 'utf8')));
    expect(purposeFor(s, 'okx.com', 'en')).toBe('仅用于OKX身份认证');
    expect(purposeFor(s, 'example.com', 'en')).toBe('Only for example.com KYC');
    expect(purposeFor(DEFAULT_SETTINGS, 'okx.com', 'zh_CN')).toBe('仅用于okx.com身份认证');
    const o = parseOptions(stampOptionsFor(s, { site: 'okx.com', purpose: 'typed', mode: 'strip', lang: 'zh_CN', now }));
    expect(o).toMatchObject({ mode: 'strip', naming: 'neutral', output: 'jpeg', maxBytes: 5_000_000, maxDimension: 3000, pdf: { mode: 'keep-text' } });
    expect(o.watermark).toMatchObject({ purpose: 'typed', color: '#aa0000', opacity: 0.5, angle: -45, date: formatDate(now, 'local', 'zh_CN') });
  });

  it('writes the purpose line in the site’s language, else the chosen one, else the interface’s', () => {
    const s = parseSettings({ sites: { 'kraken.com': { rule: 'ask', purposeLang: 'en' } } });
    // A Chinese interface stamping an English purpose for an English-speaking site.
    expect(purposeFor(s, 'kraken.com', 'zh_CN')).toBe('Only for kraken.com identity verification');
    expect(purposeFor(s, 'okx.com', 'zh_CN')).toBe('仅用于okx.com身份认证');
    expect(purposeFor(s, 'okx.com', 'ja')).toBe('okx.comの本人確認専用');
    const fixed = { ...s, language: { ui: 'auto' as const, purpose: 'de' as const } };
    expect(purposeFor(fixed, 'okx.com', 'zh_CN')).toBe('Nur zur Identitätsprüfung bei okx.com');
    expect(purposeFor(fixed, 'kraken.com', 'zh_CN')).toBe('Only for kraken.com identity verification');
    // The date next to it follows the purpose line's language too.
    const local = { ...fixed, watermark: { ...fixed.watermark, dateFormat: 'local' as const } };
    const o = parseOptions(stampOptionsFor(local, { site: 'okx.com', mode: 'stamp', lang: 'zh_CN', now }));
    expect(o.lang).toBe('de');
    expect(o.watermark.date).toBe(now.toLocaleDateString('de'));
    expect(o.watermark.purpose).toBe('Nur zur Identitätsprüfung bei okx.com');
  });

  it('leaves the date out when asked', () => {
    const s = { ...DEFAULT_SETTINGS, watermark: { ...DEFAULT_SETTINGS.watermark, dateFormat: 'none' as const } };
    const o = parseOptions(stampOptionsFor(s, { site: '', mode: 'stamp', lang: 'en', now }));
    expect(o.watermark.template).not.toContain('{date}');
  });
});
