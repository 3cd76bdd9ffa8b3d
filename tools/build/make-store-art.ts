// The store's small promo tile (440×280), from the icon and two lines of text.
// Run after editing the icon: npx tsx tools/build/make-store-art.ts
import { readFileSync } from 'node:fs';
import sharp from 'sharp';

const icon = readFileSync('assets/icon.svg', 'utf8')
  .replace(/^<svg[^>]*>/, '')
  .replace(/<\/svg>\s*$/, '');
const tile = `<svg xmlns="http://www.w3.org/2000/svg" width="440" height="280" viewBox="0 0 440 280">
  <rect width="440" height="280" fill="#0b3f7a"/>
  <g transform="translate(20 76) scale(1.0)">${icon}</g>
  <text x="168" y="118" font-family="Noto Sans, sans-serif" font-weight="700" font-size="40" fill="#ffffff">IDStamp</text>
  <text font-family="Noto Sans, sans-serif" font-size="17" fill="#dbe9f8">
    <tspan x="170" y="152">Watermark and clean your ID</tspan>
    <tspan x="170" y="176">before you upload it.</tspan>
    <tspan x="170" y="210" fill="#f5b942">On your device. Nothing leaves.</tspan>
  </text>
</svg>`;
await sharp(Buffer.from(tile)).png().toFile('store/promo-440x280.png');
