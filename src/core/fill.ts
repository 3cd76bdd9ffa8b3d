// The one placeholder style of every message (src/locales/<lang>.json): named {fields}.
// Imports nothing, so the pages' UI text (src/i18n) and the core's messages share it.

export type Params = Readonly<Record<string, string | number>>;

/** Fills {name} fields from params; a field without a value stays as written ("Use {site}"). */
export const fill = (text: string, params: Params = {}): string => text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));

/** A message's {field} names, each once, in the order they first appear. */
export const fieldsOf = (text: string): string[] => [...new Set(Array.from(text.matchAll(/\{(\w+)\}/g), (m) => m[1]!))];
