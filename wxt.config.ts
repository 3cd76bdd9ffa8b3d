import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { noCdn, pdfjsNoDynamicCode } from './tools/build/vite-plugins.ts';
import { LANGS } from './src/core/lang.ts';
import { toMessagesJson, type Messages } from './src/i18n/messages.ts';

// pdf.js's data files, shipped with the extension: standard fonts, CMaps (CJK), decoders
// (JBIG2/JPEG 2000 scans) and ICC profiles. pdf.js loads them from /pdfjs/.
const PDFJS_DATA = ['cmaps', 'standard_fonts', 'wasm', 'iccs'];
const pdfjsAssets = () =>
  PDFJS_DATA.flatMap((dir) =>
    readdirSync(resolve('node_modules/pdfjs-dist', dir)).map((file) => ({
      absoluteSrc: resolve('node_modules/pdfjs-dist', dir, file),
      relativeDest: `pdfjs/${dir}/${file}`,
    })),
  );

// Files are processed in extension pages only; downloads use <a download>, so the `downloads`
// permission is not needed. Each permission is justified in the README ("Permissions").
export default defineConfig({
  imports: false,
  vite: () => ({
    plugins: [noCdn(), pdfjsNoDynamicCode()],
    // pdf.js's worker is bundled as a module worker and patched like the rest.
    worker: { format: 'es', plugins: () => [pdfjsNoDynamicCode()] },
  }),
  // Firefox reviewers rebuild from the sources zip: generated files stay out of it.
  zip: { excludeSources: ['tests/fixtures/out/**', 'stamped/**', '.ci/**'] },
  hooks: {
    'build:publicAssets': (_, files) => {
      files.push(...pdfjsAssets());
      // Licences of the bundled decoders: libheif (LGPL-3.0, with libde265), UTIF (MIT); and of
      // libdeflate (MIT), the compressor of palette pictures.
      files.push(
        { absoluteSrc: resolve('node_modules/libheif-js/libheif-wasm/LICENSE'), relativeDest: 'licenses/libheif.txt' },
        { absoluteSrc: resolve('node_modules/utif2/LICENSE'), relativeDest: 'licenses/utif.txt' },
        { absoluteSrc: resolve('vendor/libdeflate/COPYING'), relativeDest: 'licenses/libdeflate.txt' },
      );
      // UI strings live in the translation tree (src/locales/<lang>.json → ui); the browser
      // reads them from here. langCode tells the pages which locale the browser picked (uiLang()).
      for (const lang of LANGS) {
        const { ui } = JSON.parse(readFileSync(resolve('src/locales', `${lang}.json`), 'utf8')) as { ui: Messages };
        files.push({ relativeDest: `_locales/${lang}/messages.json`, contents: JSON.stringify({ ...toMessagesJson(ui), langCode: { message: lang } }, null, 1) });
      }
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: settings and history, on this device only. activeTab: read the current tab's
    // address when the toolbar button is clicked, to prefill the site in the purpose line.
    permissions: ['storage', 'activeTab'],
    // The upload guard's prompt is framed into pages; nothing else is reachable from them. In
    // Chrome only under an address that changes every session (use_dynamic_url), so pages
    // cannot probe for IDStamp or frame the prompt themselves.
    web_accessible_resources: [{ resources: ['prompt.html'], matches: ['<all_urls>'], ...(browser === 'firefox' ? {} : { use_dynamic_url: true }) }],
    ...(browser === 'firefox'
      ? {
          // Firefox MV2's default policy forbids WebAssembly, which pdf.js uses to decode scans.
          content_security_policy: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
          browser_specific_settings: {
            gecko: {
              id: 'idstamp@idstamp.app',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          // Chrome's default policy for extension pages has no 'wasm-unsafe-eval': the bundled
          // HEIC decoder (libheif) and pdf.js's scan decoders are WebAssembly. Still no eval,
          // and only the extension's own files ('self').
          content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" },
        }),
  }),
});
