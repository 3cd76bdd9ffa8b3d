// Build-time plugins (wxt.config.ts): keep remote and eval'd code out of the bundle, so that
// nothing could ever load code from elsewhere and Firefox's linter finds nothing to warn about.
import type { WxtViteConfig } from 'wxt';

// WXT bundles its own Vite; take the plugin type from it, not from the root's (vitest's) Vite.
type Plugin = Extract<NonNullable<WxtViteConfig['plugins']>[number], { name: string }>;

/** browser-image-compression's unused worker (useWebWorker is false) would load from a CDN. */
export const noCdn = (): Plugin => ({
  name: 'idstamp:no-cdn',
  transform(code, id) {
    if (!id.includes('browser-image-compression')) return null;
    return { code: code.replace(/https:\/\/cdn\.jsdelivr\.net\/[^"'`]*/g, ''), map: null };
  },
});

/**
 * pdf.js paths we never take, made impossible: compiling PostScript functions with `new
 * Function` (we pass isEvalSupported: false), a "fake worker" or a JS decoder fallback loaded by
 * dynamic import, and a CDN worker wrapper. Each patch must match, so an upgrade that moves the
 * code fails the build instead of shipping it.
 */
export const pdfjsNoDynamicCode = (): Plugin => ({
  name: 'idstamp:pdfjs-no-dynamic-code',
  transform(code, id) {
    const file = /pdfjs-dist[\\/]build[\\/](pdf(?:\.worker)?)\.mjs$/.exec(id)?.[1];
    if (!file) return null;
    const patches: [RegExp, string, number][] = [
      [/new Function\(/g, '(() => { throw new Error("IDStamp: no eval"); })(', file === 'pdf' ? 1 : 2],
      [/await import\(\s*\/\*webpackIgnore: true\*\/\s*\/\*@vite-ignore\*\/\s*(?:this\.workerSrc|path)\)/g, 'await Promise.reject(new Error("IDStamp: no dynamic import"))', 1],
      ...(file === 'pdf' ? ([[/const wrapper = `await import\("\$\{url\}"\);`;/g, 'throw new Error("IDStamp: no CDN worker");', 1]] as [RegExp, string, number][]) : []),
    ];
    let out = code;
    for (const [re, replacement, expected] of patches) {
      const found = out.match(re)?.length ?? 0;
      if (found !== expected) throw new Error(`${id}: expected ${expected} match(es) of ${re}, found ${found}; review the pdf.js patch`);
      out = out.replace(re, replacement);
    }
    return { code: out, map: null };
  },
});
