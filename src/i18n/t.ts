// UI text through the browser's i18n (it follows the browser's language), unless the settings
// choose another language: then that language's messages are loaded and used instead. Falls back
// to English where no browser API exists (unit tests).
import { browser } from 'wxt/browser';
import { bcp47, isLang, isRtl, type Lang } from '../core/lang.ts';
import { loadMessages } from './load.ts';
import { en, type MessageKey } from './messages.ts';

const fill = (text: string, subs: readonly string[]) => text.replace(/\$(\d)/g, (m, i: string) => subs[Number(i) - 1] ?? m);

let override: { lang: Lang; messages: Record<MessageKey, string> } | undefined;

/** 'auto' follows the browser; a language loads its messages for this page. */
export async function useLanguage(choice: Lang | 'auto'): Promise<void> {
  override = choice === 'auto' ? undefined : { lang: choice, messages: await loadMessages(choice) };
}

const browserMessage = (key: string, subs: string[] = []): string => {
  try {
    return browser.i18n.getMessage(key as Parameters<typeof browser.i18n.getMessage>[0], subs);
  } catch {
    return ''; // No extension context (unit tests, a plain page): English below.
  }
};

export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const s = subs.map(String);
  if (override) return fill(override.messages[key] || en[key], s);
  return browserMessage(key, s) || fill(en[key], s);
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
    for (const el of root.querySelectorAll<HTMLElement>(`[data-${attr === 'aria-label' ? 'i18n-aria-label' : `i18n-${attr}`}]`))
      el.setAttribute(attr, t(el.dataset[data] as MessageKey));
  if (root.documentElement) {
    const lang = uiLang();
    root.documentElement.lang = bcp47(lang);
    root.documentElement.dir = isRtl(lang) ? 'rtl' : 'ltr';
  }
}
