// UI text through the browser's i18n (it follows the browser's language), unless the settings
// choose another language: then that language's messages are loaded and used instead. Falls back
// to English where no browser API exists (unit tests).
import { browser } from 'wxt/browser';
import { bcp47, isLang, isRtl, matchLang, type Lang } from '../core/lang.ts';
import { loadMessages } from './load.ts';
import { fill, type Params } from '../core/fill.ts';
import { en, fieldOrder, type MessageKey, type Messages } from './messages.ts';

let override: { lang: Lang; messages: Messages } | undefined;

const browserMessage = (key: string, subs: string[] = []): string => {
  try {
    return browser.i18n.getMessage(key as Parameters<typeof browser.i18n.getMessage>[0], subs);
  } catch {
    return ''; // No extension context (unit tests, a plain page): English below.
  }
};

/** 'auto' follows the browser; a language loads its messages for this page. */
export async function useLanguage(choice: Lang | 'auto'): Promise<void> {
  const lang = choice === 'auto' ? emptyBundleLang() : choice;
  override = lang ? { lang, messages: await loadMessages(lang) } : undefined;
}

/**
 * Chromium can give an extension's process an empty message bundle: every getMessage answers ''
 * for the process's whole life, while getUILanguage is right. Headless, on the test machine:
 * 2 of 60 and 8 of 70 zh-CN starts under load (2026-12-06); on 2026-12-07, idle, 3 of 4
 * starts without --lang (each page of a start alike, read at once and a second later). The page
 * then loads the browser language's messages itself, instead of falling back to English.
 * Undefined when the bundle works (or no browser).
 */
function emptyBundleLang(): Lang | undefined {
  if (browserMessage('langCode')) return undefined;
  try {
    return matchLang(browser.i18n.getUILanguage());
  } catch {
    return undefined;
  }
}

/** A UI message with its {fields} filled from params; a field not given stays as written. */
export function t(key: MessageKey, params: Params = {}): string {
  if (override) return fill(override.messages[key] || en[key], params);
  // The browser numbers the fields ($1, $2) in English order; one not given shows as {name}.
  const subs = fieldOrder(key).map((name) => (name in params ? String(params[name]) : `{${name}}`));
  return browserMessage(key, subs) || fill(en[key], params);
}

/**
 * The language our messages are in: the override, else the locale the browser chose from
 * _locales (the build adds its code as the message "langCode"; no match gives English).
 */
export function uiLang(): Lang {
  if (override) return override.lang;
  const code = browserMessage('langCode');
  return isLang(code) ? code : 'en';
}

/**
 * Fills [data-i18n] (text), [data-i18n-placeholder], [data-i18n-aria-label] and
 * [data-i18n-title] in a page, and sets <html lang> and dir (right to left for Arabic).
 */
export function localize(root: ParentNode & { documentElement?: HTMLElement }): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as MessageKey);
  for (const [attr, data] of [
    ['placeholder', 'i18nPlaceholder'],
    ['aria-label', 'i18nAriaLabel'],
    ['title', 'i18nTitle'],
  ] as const)
    for (const el of root.querySelectorAll<HTMLElement>(`[data-${attr === 'aria-label' ? 'i18n-aria-label' : `i18n-${attr}`}]`)) el.setAttribute(attr, t(el.dataset[data] as MessageKey));
  if (root.documentElement) {
    const lang = uiLang();
    root.documentElement.lang = bcp47(lang);
    root.documentElement.dir = isRtl(lang) ? 'rtl' : 'ltr';
  }
}
