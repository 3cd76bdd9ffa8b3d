// The languages IDStamp speaks, by their Chrome locale codes (also the _locales folder names).
// Pure: the core, the pages, the CLI and the build share this one list.

export const LANGS = ['en', 'zh_CN', 'zh_TW', 'ja', 'ko', 'vi', 'id', 'th', 'tr', 'ru', 'uk', 'es', 'pt_BR', 'fr', 'de', 'ar', 'hi'] as const;
export type Lang = (typeof LANGS)[number];

/** Each language's name in itself, for language menus. */
export const LANG_NAMES: Record<Lang, string> = {
  en: 'English',
  zh_CN: '简体中文',
  zh_TW: '繁體中文',
  ja: '日本語',
  ko: '한국어',
  vi: 'Tiếng Việt',
  id: 'Bahasa Indonesia',
  th: 'ไทย',
  tr: 'Türkçe',
  ru: 'Русский',
  uk: 'Українська',
  es: 'Español',
  pt_BR: 'Português (Brasil)',
  fr: 'Français',
  de: 'Deutsch',
  ar: 'العربية',
  hi: 'हिन्दी',
};

export const isLang = (v: unknown): v is Lang => typeof v === 'string' && (LANGS as readonly string[]).includes(v);

/** Right-to-left languages: pages get dir="rtl". */
export const isRtl = (lang: Lang): boolean => lang === 'ar';

/** BCP 47 tag for <html lang> and Intl: zh_CN → zh-CN. */
export const bcp47 = (lang: Lang): string => lang.replace('_', '-');

/**
 * A locale as browsers and command lines spell it (pt-BR, zh-Hant-TW, zh_HK, es-419, ja_JP.UTF-8)
 * → our closest language, or undefined when we have none for it.
 */
export function matchLang(locale: string): Lang | undefined {
  const tag = locale.trim().split('.')[0]!.replace(/_/g, '-').toLowerCase();
  if (!tag) return undefined;
  const [base] = tag.split('-');
  if (base === 'zh') return /-(hant|tw|hk|mo)\b/.test(tag) ? 'zh_TW' : 'zh_CN';
  if (base === 'pt') return 'pt_BR';
  if (base === 'in') return 'id'; // Java's old code for Indonesian
  return LANGS.find((l) => l.toLowerCase() === base);
}
