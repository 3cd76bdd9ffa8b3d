// The translation tree (src/locales/<lang>.json) is complete: every language has every message
// of the English file, with the same {fields}, none empty, and no message English lacks.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../src/core/fill.ts';
import { LANGS } from '../../src/core/lang.ts';
import { readTree } from '../helpers/locales.ts';

/** Every message of a tree by its path ("ui.saved", "errors.corrupt", "purpose.site"). */
function flatten(node: unknown, path = ''): Map<string, unknown> {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return new Map([[path, node]]);
  return new Map(Object.entries(node).flatMap(([k, v]) => [...flatten(v, path ? `${path}.${k}` : k)]));
}

const english = flatten(readTree('en'));
const fields = (text: unknown) => (typeof text === 'string' ? fieldsOf(text).sort() : []);

describe('the translation tree', () => {
  it('has one file per language, and nothing else', () => {
    const files = readdirSync(new URL('../../src/locales/', import.meta.url)).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(LANGS.map((l) => `${l}.json`).sort());
  });

  it('English has messages in every section', () => {
    expect(english.size).toBeGreaterThan(250);
    for (const section of ['ui', 'errors', 'warnings', 'purpose', 'cli'])
      expect(
        [...english.keys()].some((k) => k.startsWith(`${section}.`)),
        section,
      ).toBe(true);
  });

  it('names each error, warning and command-line code once (message() looks them up together)', () => {
    const { errors, warnings, cli } = readTree('en');
    const codes = [...Object.keys(errors), ...Object.keys(warnings), ...Object.keys(cli)];
    expect(codes.length).toBe(new Set(codes).size);
  });

  describe.each(LANGS)('%s', (lang) => {
    const messages = flatten(readTree(lang));

    it('has every message of the English file, and none it lacks', () => {
      expect(
        [...english.keys()].filter((k) => !messages.has(k)),
        'missing',
      ).toEqual([]);
      expect(
        [...messages.keys()].filter((k) => !english.has(k)),
        'not in English',
      ).toEqual([]);
    });

    it('has no empty message: each is a non-blank string', () => {
      const bad = [...messages].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
      expect(bad).toEqual([]);
    });

    it('keeps the {fields} of the English in every message', () => {
      const differ = [...english]
        .filter(([k, v]) => messages.has(k) && fields(messages.get(k)).join() !== fields(v).join())
        .map(([k, v]) => `${k}: ${fields(messages.get(k)).join()} ≠ ${fields(v).join()}`);
      expect(differ).toEqual([]);
    });

    // The command line's --help and usage errors were English in every language once; a copied
    // English sentence would pass every check above.
    it.skipIf(lang === 'en')('translates the command line’s --help and usage errors (no English copies)', () => {
      const copies = [...english].filter(([k, v]) => /^cli\.(help|usage)-/.test(k) && messages.get(k) === v).map(([k]) => k);
      expect(copies).toEqual([]);
    });

    it('uses {name} fields only: no $1, no %s', () => {
      const old = [...messages].filter(([, v]) => typeof v === 'string' && /\$\d|%[sd]/.test(v)).map(([k]) => k);
      expect(old).toEqual([]);
    });
  });
});
