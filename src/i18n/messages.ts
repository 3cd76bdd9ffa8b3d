// The UI's messages come from the translation tree (src/locales/<lang>.json → ui). English is
// the reference: it gives the keys their type and is the fallback; the build writes every
// language to _locales/<lang>/messages.json (wxt.config.ts) so the browser picks the language.
import { fieldsOf } from '../core/fill.ts';
import { ui as en } from '../locales/en.json';

export { en };
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

/**
 * The browser's i18n API takes substitutions by position: a message's fields are numbered in
 * the order they appear in the English text, the same in every language (a translation may put
 * them in another order).
 */
export const fieldOrder = (key: MessageKey): string[] => fieldsOf(en[key]);

type BrowserMessage = { message: string; placeholders?: Record<string, { content: string }> };

/** chrome.i18n's messages.json shape: {name} → $name$, declared as the English position $1, $2… */
export function toMessagesJson(messages: Messages): Record<string, BrowserMessage> {
  return Object.fromEntries(
    (Object.keys(en) as MessageKey[]).map((key) => {
      const order = fieldOrder(key);
      // '$' is the browser's placeholder sign: a literal one is written '$$'.
      const message = messages[key].replaceAll('$', '$$$$').replace(/\{(\w+)\}/g, (m, name: string) => (order.includes(name) ? `$${name}$` : m));
      const placeholders = Object.fromEntries(order.map((name, i) => [name, { content: `$${i + 1}` }]));
      return [key, order.length ? { message, placeholders } : { message }];
    }),
  );
}
