import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type WxtViteConfig } from 'wxt';

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

// browser-image-compression's (unused: useWebWorker is false) worker would load its code from
// a CDN. Cut the URL out of the bundle, so no remote code is even named (tests/build.test.ts).
const noCdn: NonNullable<WxtViteConfig['plugins']>[number] = {
  name: 'idstamp:no-cdn',
  transform(code, id) {
    if (!id.includes('browser-image-compression')) return null;
    return { code: code.replace(/https:\/\/cdn\.jsdelivr\.net\/[^"'`]*/g, ''), map: null };
  },
};

// Manifest: no permissions yet. Everything runs in extension pages on files the user picks;
// downloads use <a download>, so not even `downloads` is needed. See README "Permissions".
export default defineConfig({
  imports: false,
  vite: () => ({ plugins: [noCdn] }),
  // Firefox reviewers rebuild from the sources zip: generated files stay out of it.
  zip: { excludeSources: ['tests/fixtures/out/**', 'stamped/**', '.ci/**'] },
  hooks: {
    'build:publicAssets': (_, files) => {
      files.push(...pdfjsAssets());
    },
  },
  manifest: ({ browser }) => ({
    name: 'IDStamp',
    description:
      'Watermark and clean ID photos and documents on your device, before you upload them.',
    permissions: [],
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
          },
        }
      : {}),
  }),
});
