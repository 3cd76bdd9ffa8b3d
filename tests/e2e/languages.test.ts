// The interface in the browser's language or the one chosen in the settings, and the purpose
// line in the language chosen for each site, in the built extension.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithBundle, launchWithExtension, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import { fill } from '../../src/core/fill.ts';
import { bcp47, matchLang } from '../../src/core/lang.ts';
import { defaultPurpose } from '../../src/core/watermark/template.ts';
import { DEFAULT_FIXTURES_DIR as img } from '../fixtures/make-fixtures.ts';
import { readTree } from '../helpers/locales.ts';

declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } }; i18n: { getMessage(key: string, subs: string[]): string } };
const stored = (page: Page, key: string) => page.evaluate((k) => chrome.storage.local.get(k).then((r) => r[k]), key) as Promise<any>;

describe.each(['ja', 'pt-BR'])('a browser in %s', (locale) => {
  // Up to ~90 s where the browser keeps starting without its messages (launchWithBundle).
  it('shows every page in that language, with its purpose line', { timeout: 120_000 }, async () => {
    const lang = matchLang(locale)!;
    const m = readTree(lang).ui;
    // The browser's own messages, for the check of the _locales the build wrote (below).
    const { browser: b, page } = await launchWithBundle(locale, 'stamp.html?site=okx.com');
    try {
      await page.locator('#stamp').waitFor();
      expect(await page.textContent('#stamp')).toBe(m.stampSave);
      expect(await page.textContent('.tagline')).toContain(m.tagline);
      expect(await page.inputValue('#purpose')).toBe(defaultPurpose('okx.com', lang));
      expect(await page.inputValue('#purpose-lang')).toBe(lang);
      expect(await page.getAttribute('html', 'lang')).toBe(bcp47(lang));
      expect(await page.getAttribute('html', 'dir')).toBe('ltr');
      expect(await page.title()).toBe(m.stampPageTitle);
      // Fields through the browser's own i18n (_locales built from the tree): by name, in the
      // order the language puts them (Japanese names the total first).
      expect(await page.evaluate(() => chrome.i18n.getMessage('saved', ['1', '2']))).toBe(fill(m.saved, { done: 1, total: 2 }));
      expect(await page.getAttribute('#file-list', 'aria-label')).toBe(fill(m.filesChosen, { count: '' }));
      const options = await b.open('options.html');
      await options.locator('#ui-lang').waitFor();
      expect(await options.textContent('h1')).toBe(m.optionsTitle);
      expect(await options.inputValue('#ui-lang')).toBe('auto');
    } finally {
      await b.close();
    }
  });
});

describe('chosen in the settings', () => {
  let b: ExtensionBrowser;
  beforeAll(async () => {
    b = await launchWithExtension(); // an English browser
  });
  afterAll(() => b?.close());

  it('overrides the browser’s language in every page, and goes back to it', async () => {
    const options = await b.open('options.html');
    await options.locator('#ui-lang').waitFor();
    expect(await options.textContent('h1')).toBe(readTree('en').ui.optionsTitle);
    await Promise.all([options.waitForEvent('load'), options.selectOption('#ui-lang', 'de')]);
    await options.locator('#ui-lang').waitFor();
    expect(await options.textContent('h1')).toBe(readTree('de').ui.optionsTitle);
    expect(await options.getAttribute('html', 'lang')).toBe('de');
    const page = await b.open('popup.html?site=okx.com');
    await page.locator('#stamp').waitFor();
    expect(await page.textContent('#stamp')).toBe(readTree('de').ui.stampSave);
    expect(await page.textContent('#open-settings')).toBe(readTree('de').ui.settings);
    expect(await page.inputValue('#purpose')).toBe('Nur zur Identitätsprüfung bei okx.com');
    await Promise.all([options.waitForEvent('load'), options.selectOption('#ui-lang', 'auto')]);
    await options.locator('#ui-lang').waitFor();
    expect(await options.textContent('h1')).toBe(readTree('en').ui.optionsTitle);
    await Promise.all([options.close(), page.close()]);
  });

  it('stamps an English purpose from a Chinese interface, remembered for that site only', async () => {
    const options = await b.open('options.html');
    await options.locator('#ui-lang').waitFor();
    await Promise.all([options.waitForEvent('load'), options.selectOption('#ui-lang', 'zh_CN')]);
    await options.close();

    const page = await b.open('stamp.html?site=kraken.com');
    await page.locator('#stamp').waitFor();
    expect(await page.textContent('#stamp')).toBe(readTree('zh_CN').ui.stampSave);
    expect(await page.inputValue('#purpose')).toBe('仅用于kraken.com身份认证');
    // The purpose language is one click away: open it, as a person would.
    await page.click('#more-toggle');
    await page.selectOption('#purpose-lang', 'en');
    await page.waitForFunction(() => (document.getElementById('purpose') as HTMLInputElement).value.startsWith('Only for'));
    expect(await page.inputValue('#purpose')).toBe('Only for kraken.com identity verification');
    await page.locator('#files').setInputFiles(join(img, 'photo.jpg'));
    await page.locator('#preview-img:not([hidden])').waitFor({ timeout: 30_000 });
    await page.click('#stamp');
    await page.locator('#results li').waitFor({ timeout: 30_000 });
    const history = (await stored(page, 'history')) as { site: string; purpose: string }[];
    expect(history.at(-1)).toMatchObject({ site: 'kraken.com', purpose: 'Only for kraken.com identity verification' });
    expect((await stored(page, 'settings')).sites['kraken.com']).toMatchObject({ purposeLang: 'en' });

    // Next time: English again for kraken.com, Chinese for any other site; the UI stays Chinese.
    const again = await b.open('stamp.html?site=kraken.com');
    await again.locator('#stamp').waitFor();
    expect(await again.inputValue('#purpose')).toBe('Only for kraken.com identity verification');
    expect(await again.inputValue('#purpose-lang')).toBe('en');
    expect(await again.textContent('#stamp')).toBe(readTree('zh_CN').ui.stampSave);
    const other = await b.open('stamp.html?site=okx.com');
    await other.locator('#stamp').waitFor();
    expect(await other.inputValue('#purpose')).toBe('仅用于okx.com身份认证');
    await Promise.all([page.close(), again.close(), other.close()]);
  });
});
