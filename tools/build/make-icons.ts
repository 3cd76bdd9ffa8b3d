// Renders the icon to the PNG sizes the manifests use (public/icon/<size>.png): a document with
// a stamp band and a shield ("protected document"). 16 and 32 px come from a simpler drawing on
// the pixel grid (assets/icon-small.svg), which stays legible in the toolbar.
// Run after editing an SVG: npx tsx tools/build/make-icons.ts
import { mkdirSync } from 'node:fs';
import sharp from 'sharp';

mkdirSync('public/icon', { recursive: true });
for (const size of [16, 32, 48, 96, 128]) {
  const src = size <= 32 ? 'assets/icon-small.svg' : 'assets/icon.svg';
  await sharp(src, { density: size <= 32 ? 600 : 300 })
    .resize(size, size)
    .png()
    .toFile(`public/icon/${size}.png`);
}
