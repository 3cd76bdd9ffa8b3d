// A language's UI messages loaded on demand, for the settings' language override (the
// browser's i18n API always answers in the browser's language). Each language is its own chunk.
// The file is read as text ("?raw", a module of its own for the bundler): the core imports the
// same files' error and warning sections statically (src/core/messages.ts), so a plain import
// would put every language's whole file into every page that uses the core.
import type { Lang } from '../core/lang.ts';
import { en, type Messages } from './messages.ts';

// Untyped text; tests/unit/translations.test.ts checks that every file has every key.
const ui = (file: Promise<{ default: string }>): Promise<Messages> => file.then((m) => (JSON.parse(m.default) as { ui: Messages }).ui);

const LOADERS: Record<Lang, () => Promise<Messages>> = {
  en: async () => en,
  zh_CN: () => ui(import('../locales/zh_CN.json?raw')),
  zh_TW: () => ui(import('../locales/zh_TW.json?raw')),
  ja: () => ui(import('../locales/ja.json?raw')),
  ko: () => ui(import('../locales/ko.json?raw')),
  vi: () => ui(import('../locales/vi.json?raw')),
  id: () => ui(import('../locales/id.json?raw')),
  th: () => ui(import('../locales/th.json?raw')),
  tr: () => ui(import('../locales/tr.json?raw')),
  ru: () => ui(import('../locales/ru.json?raw')),
  uk: () => ui(import('../locales/uk.json?raw')),
  es: () => ui(import('../locales/es.json?raw')),
  pt_BR: () => ui(import('../locales/pt_BR.json?raw')),
  fr: () => ui(import('../locales/fr.json?raw')),
  de: () => ui(import('../locales/de.json?raw')),
  ar: () => ui(import('../locales/ar.json?raw')),
  hi: () => ui(import('../locales/hi.json?raw')),
};

export const loadMessages = (lang: Lang): Promise<Messages> => LOADERS[lang]();
