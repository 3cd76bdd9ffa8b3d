// A page's language when the settings say "auto": the browser's messages, and the browser's
// language loaded by the page itself when Chromium hands the extension an empty message bundle
// (src/i18n/t.ts). In unit tests wxt/browser is WXT's fake browser, whose i18n each test mocks.
import { afterEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { t, uiLang, useLanguage } from '../../src/i18n/t.ts';
import { readTree } from '../helpers/locales.ts';

const en = readTree('en').ui;
const zh = readTree('zh_CN').ui;

async function pageWith(messages: Record<string, string>, uiLanguage: string): Promise<void> {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => messages[key] ?? '');
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue(uiLanguage);
  await useLanguage('auto');
}

afterEach(() => vi.restoreAllMocks());

it('an empty bundle from the browser: the page loads the browser language itself', async () => {
  await pageWith({}, 'zh-CN');
  expect(uiLang()).toBe('zh_CN');
  expect(t('stampSave')).toBe(zh.stampSave);
});

it('a working bundle is used as the browser gives it', async () => {
  await pageWith({ langCode: 'ja', stampSave: 'from the browser' }, 'zh-CN');
  expect(uiLang()).toBe('ja');
  expect(t('stampSave')).toBe('from the browser');
});

it('an empty bundle and a browser language we have no messages for: English', async () => {
  await pageWith({}, 'nl-NL');
  expect(uiLang()).toBe('en');
  expect(t('stampSave')).toBe(en.stampSave);
});
