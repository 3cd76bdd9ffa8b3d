// The built extension as the stores see it: manifests, permissions, and no remote code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Record<string, any>;
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));

/**
 * URLs that libraries use as names, never fetched: XML namespaces (XMP, SVG, XFA, XSLT), JSON
 * schema ids (zod), licence and documentation links in messages, pdf-lib's default Producer
 * string (we never write it) and
 * examples in validation messages.
 */
const IDENTIFIER_HOSTS = ['ns.adobe.com', 'json-schema.org', 'www.w3.org', 'www.xfa.org', 'www.apache.org', 'github.com', 'wxt.dev', 'foo.bar', 'example.com'];

describe.each(['chrome-mv3', 'firefox-mv2'])('%s build', (target) => {
  const dir = join('.output', target);

  it('asks only for storage and activeTab (justified in the README), and no hosts', () => {
    const m = read(join(dir, 'manifest.json'));
    expect([...m.permissions].sort()).toEqual(['activeTab', 'storage']);
    const readme = readFileSync('README.md', 'utf8');
    for (const p of m.permissions) expect(readme).toMatch(new RegExp(`\\| \`${p}\` \\|`));
    expect(m.host_permissions).toBeUndefined();
    expect(m.optional_permissions).toBeUndefined();
  });

  it('names no remote code: no CDN, no script loaded from a URL, only identifier URLs', () => {
    for (const f of files(dir).filter((p) => /\.(js|html|json)$/.test(p))) {
      const text = readFileSync(f, 'utf8');
      // (Bare names are fine: the public suffix list names hosts such as googleapis.com.)
      expect(text, f).not.toMatch(/https?:\/\/[^\s"'`]*(cdn\.|jsdelivr|unpkg|googleapis|cdnjs)/i);
      const urls = text.match(/https?:\/\/[^\s"'`)<>]+/g) ?? [];
      // Hosts only: code that builds URLs (zod's validators: "http://[${e}]") names none.
      const hosts = urls.map((u) => /^https?:\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)+)/i.exec(u)?.[1]).filter(Boolean);
      for (const h of hosts) expect(IDENTIFIER_HOSTS, `${f}: ${h}`).toContain(h);
      // Nothing that loads code from a URL.
      expect(text, f).not.toMatch(/importScripts\(\s*["'`]https?:|import\(\s*["'`]https?:|src=["']https?:/);
    }
  });

  it('keeps the MRZ reader small: its worker loads no format walker and no error texts', () => {
    // 52.7 KB before it decoded large JPEGs shrunk; importing formats/jpeg.ts there once made it
    // 312 KB (the errors' texts in every language came with it). Its header is read by the page.
    const worker = files(dir).filter((p) => /[/\\]assets[/\\]mrz\.worker-[^/\\]+\.js$/.test(p));
    expect(worker).toHaveLength(1);
    const text = readFileSync(worker[0]!, 'utf8');
    expect(text.length).toBeLessThan(64 * 1024);
    expect(text).not.toMatch(/Exif/);
  });

  it('ships no script that nothing starts: each worker and chunk is named by another file', () => {
    const all = files(dir);
    const texts = all.filter((p) => /\.(js|html|json|css)$/.test(p)).map((p) => [p, readFileSync(p, 'utf8')] as const);
    // (A second, unminified copy of every worker, 3.8 MB, came from the background's build.)
    for (const f of all.filter((p) => /[/\\](assets|chunks)[/\\][^/\\]+\.js$/.test(p))) {
      const name = f.split(/[/\\]/).pop()!;
      expect(
        texts.some(([p, text]) => p !== f && text.includes(name)),
        name,
      ).toBe(true);
    }
  });
});

describe('languages in the build', () => {
  it.each(['chrome-mv3', 'firefox-mv2'])('%s: _locales for all 17 languages, every key, placeholders declared, langCode', async (target) => {
    const { LANGS } = await import('../src/core/lang.ts');
    const { en } = await import('../src/i18n/messages.ts');
    const dir = join('.output', target, '_locales');
    expect(readdirSync(dir).sort()).toEqual([...LANGS].sort());
    for (const lang of LANGS) {
      const m = read(join(dir, lang, 'messages.json')) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
      expect(Object.keys(m).sort(), lang).toEqual([...Object.keys(en), 'langCode'].sort());
      expect(m.langCode!.message).toBe(lang);
      for (const [key, { message, placeholders }] of Object.entries(m))
        for (const p of message.replaceAll('$$', '').match(/\$\w+\$/g) ?? []) expect(placeholders?.[p.slice(1, -1)], `${lang}.${key}`).toBeDefined();
    }
    expect(read(join('.output', target, 'manifest.json')).default_locale).toBe('en');
  });

  it.each(['chrome-mv3', 'firefox-mv2'])("%s: each language's page messages are in its own chunk only, loaded on demand", async (target) => {
    const { LANGS } = await import('../src/core/lang.ts');
    const { readTree } = await import('./helpers/locales.ts');
    const scripts = files(join('.output', target)).filter((p) => p.endsWith('.js'));
    for (const lang of LANGS.filter((l) => l !== 'en')) {
      // A sentence of the welcome page in this language (the core's errors are in every page).
      const sentence = readTree(lang).ui.welcomeLocal;
      const holding = scripts.filter((p) => readFileSync(p, 'utf8').includes(sentence));
      expect(
        holding.map((p) =>
          p
            .split('/')
            .pop()!
            .replace(/-[\w-]+\.js$/, ''),
        ),
        lang,
      ).toEqual([lang]);
      // Reached only by import(): a static import would load every language in every page.
      expectOnDemand(scripts, holding[0]!);
    }
  });
});

describe('PDF support in the build', () => {
  it.each(['chrome-mv3', 'firefox-mv2'])('%s: pdf.js and pdf-lib are in one chunk of their own, loaded on demand: no page loads them to start', (target) => {
    const dir = join('.output', target);
    // pdf.js's worker is a file of its own anyway (started by the PDF chunk).
    const scripts = files(dir).filter((p) => p.endsWith('.js') && !/\/pdf\.worker-[\w-]+\.js$/.test(p));
    // Strings of each library's own (its messages survive minification).
    const holding = (marker: string) => scripts.filter((p) => readFileSync(p, 'utf8').includes(marker));
    const pdfjs = holding('PasswordException');
    expect(pdfjs.length, 'chunks with pdf.js').toBe(1);
    expect(holding('No PDF header found'), 'pdf-lib is with pdf.js').toEqual(pdfjs);
    const chunk = pdfjs[0]!.split('/').pop()!;
    expectOnDemand(scripts, pdfjs[0]!);
    for (const html of files(dir).filter((p) => p.endsWith('.html'))) expect(readFileSync(html, 'utf8'), html).not.toContain(chunk);
  });
});

/** `chunk` (a path) is imported by no script with a static import, and by one at least with import(). */
function expectOnDemand(scripts: string[], path: string): void {
  const chunk = path.split('/').pop()!;
  const importers = scripts.filter((p) => new RegExp(`(from|import)\\s*["'][./\\w-]*${chunk.replace(/[.$]/g, '\\$&')}["']`).test(readFileSync(p, 'utf8')));
  expect(
    importers.map((p) => p.split('/').pop()),
    `${chunk} imported statically by`,
  ).toEqual([]);
  expect(
    scripts.some((p) => readFileSync(p, 'utf8').includes(`import("./${chunk}")`) || readFileSync(p, 'utf8').includes(`import('./${chunk}')`)),
    `${chunk} imported on demand`,
  ).toBe(true);
}

describe('what runs in every page', () => {
  it.each(['chrome-mv3', 'firefox-mv2'])('%s: the content scripts are small (≤ 10 KB gzipped together) and import nothing else', (target) => {
    const m = read(join('.output', target, 'manifest.json'));
    const scripts = (m.content_scripts as { js: string[] }[]).flatMap((c) => c.js);
    expect(scripts.sort()).toEqual(['content-scripts/guard-main.js', 'content-scripts/guard.js']);
    let gz = 0;
    for (const js of scripts) {
      const code = readFileSync(join('.output', target, js));
      gz += gzipSync(code, { level: 9 }).length;
      expect(code.toString(), js).not.toMatch(/\bimport\s*\(|importScripts/);
    }
    expect(gz).toBeLessThanOrEqual(10 * 1024);
  });
});

describe('firefox manifest', () => {
  it('has a gecko id and declares that no data is collected', () => {
    const m = read('.output/firefox-mv2/manifest.json');
    expect(m.browser_specific_settings.gecko.id).toMatch(/@/);
    expect(m.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });
});
