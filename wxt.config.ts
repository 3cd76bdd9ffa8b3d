import { defineConfig } from 'wxt';

// Manifest: no permissions yet. Everything runs in extension pages on files the user picks;
// downloads use <a download>, so not even `downloads` is needed. See README "Permissions".
export default defineConfig({
  imports: false,
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
