import { defineConfig, type WxtViteConfig } from 'wxt';

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
  manifest: ({ browser }) => ({
    name: 'IDStamp',
    description:
      'Watermark and clean ID photos and documents on your device, before you upload them.',
    permissions: [],
    ...(browser === 'firefox'
      ? {
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
