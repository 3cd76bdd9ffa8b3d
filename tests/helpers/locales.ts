// The translation tree read as files (src/locales/<lang>.json), for tests that compare a page
// with the messages of a language without loading it the way the extension does.
import { readFileSync } from 'node:fs';
import type { Lang } from '../../src/core/lang.ts';
import type enTree from '../../src/locales/en.json';

export type Tree = typeof enTree;

export const readTree = (lang: Lang): Tree => JSON.parse(readFileSync(new URL(`../../src/locales/${lang}.json`, import.meta.url), 'utf8')) as Tree;
