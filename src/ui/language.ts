// The page's language: the settings' override if any (its messages loaded here, since the
// browser's i18n API always answers in the browser's language), else the browser's.
import { LANG_NAMES, LANGS, bcp47 } from '../core/lang.ts';
import { localize, useLanguage } from '../i18n/t.ts';
import { loadSettings, settingsItem, type RawItem } from '../settings/store.ts';
import { h } from './dom.ts';

export async function localizePage(doc: Document, store: RawItem = settingsItem): Promise<void> {
  await useLanguage((await loadSettings(store)).language.ui);
  localize(doc);
}

/** <option>s naming each language in itself (with its lang, so screen readers say it right). */
export const languageOptions = (): HTMLOptionElement[] => LANGS.map((l) => h('option', { value: l, lang: bcp47(l) }, LANG_NAMES[l]));
