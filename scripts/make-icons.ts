// Renders assets/icon.svg to the PNG sizes the manifests use (public/icon/<size>.png).
// Run after editing the SVG: npx tsx scripts/make-icons.ts
import { mkdirSync } from 'node:fs';
import sharp from 'sharp';

mkdirSync('public/icon', { recursive: true });
for (const size of [16, 32, 48, 96, 128]) {
  await sharp('assets/icon.svg', { density: 300 }).resize(size, size).png().toFile(`public/icon/${size}.png`);
}
