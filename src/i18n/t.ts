// UI text through the browser's i18n (it follows the browser's language); falls back to English
// where no browser API exists (unit tests).
import { browser } from 'wxt/browser';
import type { Lang } from '../core/errors.ts';
import { en, zh_CN, type MessageKey } from './messages.ts';

const fill = (text: string, subs: readonly string[]) => text.replace(/\$(\d)/g, (m, i: string) => subs[Number(i) - 1] ?? m);

export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const s = subs.map(String);
  let message = '';
  try {
    message = browser.i18n.getMessage(key as Parameters<typeof browser.i18n.getMessage>[0], s);
  } catch {
    // No extension context (unit tests, a plain page): English below.
  }
  return message || fill(en[key], s);
}

/** The language the browser chose for our messages (zh-TW without its own locale gets English). */
export function uiLang(): Lang {
  return t('extName') === zh_CN.extName ? 'zh_CN' : 'en';
}

/**
 * Fills [data-i18n] (text), [data-i18n-placeholder], [data-i18n-aria-label] and
 * [data-i18n-title] in a page, and sets <html lang>.
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
  if (root.documentElement) root.documentElement.lang = uiLang() === 'zh_CN' ? 'zh-CN' : 'en';
}
