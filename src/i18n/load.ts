// A language's UI messages loaded on demand, for the settings' language override (the
// browser's i18n API always answers in the browser's language). Each file is its own chunk.
import type { Lang } from '../core/lang.ts';
import { en, zh_CN, type MessageKey } from './messages.ts';

type Messages = Record<MessageKey, string>;
const LOADERS: Record<Lang, () => Promise<Messages>> = {
  en: async () => en,
  zh_CN: async () => zh_CN,
  zh_TW: () => import('./locales/zh_TW.ts').then((m) => m.default),
  ja: () => import('./locales/ja.ts').then((m) => m.default),
  ko: () => import('./locales/ko.ts').then((m) => m.default),
  vi: () => import('./locales/vi.ts').then((m) => m.default),
  id: () => import('./locales/id.ts').then((m) => m.default),
  th: () => import('./locales/th.ts').then((m) => m.default),
  tr: () => import('./locales/tr.ts').then((m) => m.default),
  ru: () => import('./locales/ru.ts').then((m) => m.default),
  uk: () => import('./locales/uk.ts').then((m) => m.default),
  es: () => import('./locales/es.ts').then((m) => m.default),
  pt_BR: () => import('./locales/pt_BR.ts').then((m) => m.default),
  fr: () => import('./locales/fr.ts').then((m) => m.default),
  de: () => import('./locales/de.ts').then((m) => m.default),
  ar: () => import('./locales/ar.ts').then((m) => m.default),
  hi: () => import('./locales/hi.ts').then((m) => m.default),
};

export const loadMessages = (lang: Lang): Promise<Messages> => LOADERS[lang]();
