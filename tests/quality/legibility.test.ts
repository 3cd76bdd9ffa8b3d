// The watermark must not make a verification fail: on a synthetic ID card, the data under the
// mark keeps most of its contrast, and the machine-readable zone is left clear.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openStampPage, stampInPage, type ExtensionBrowser } from '../../scripts/chromium.ts';
import type { Page } from 'playwright-core';
import { uprightRgb, type Raw } from '../helpers/pixels.ts';
import { cardSvg } from './make-cards.ts';

// A flat scan of the card at 20 px/mm on white paper, card at (100, 100).
const SCALE = 2;
const AT = 100;
const box = (x: number, y: number, w: number, h: number) => ({ x: AT + x * SCALE, y: AT + y * SCALE, w: w * SCALE, h: h * SCALE });
/** The MRZ's two lines and the name field, in card units (see cardSvg). */
const MRZ_BOX = box(24, 412, 810, 100);
const NAME_BOX = box(246, 195, 300, 32);

let browser: ExtensionBrowser;
let page: Page;
let scan: Buffer;
const dir = mkdtempSync(join(tmpdir(), 'idstamp-legibility-'));

beforeAll(async () => {
  const card = await sharp(Buffer.from(cardSvg()), { density: 72 * SCALE }).resize(856 * SCALE).png().toBuffer();
  scan = await sharp({ create: { width: 856 * SCALE + 2 * AT, height: 540 * SCALE + 2 * AT, channels: 3, background: '#fbfbf8' } })
    .composite([{ input: card, left: AT, top: AT }])
    .jpeg({ quality: 95 })
    .toBuffer();
  browser = await launchWithExtension();
  page = await openStampPage(browser);
});
afterAll(() => browser?.close());

/** Spread of brightness in a box: the 95th minus the 5th percentile (text vs its background). */
function contrast(img: Raw, b: { x: number; y: number; w: number; h: number }): number {
  const values: number[] = [];
  for (let y = Math.round(b.y); y < b.y + b.h; y++)
    for (let x = Math.round(b.x); x < b.x + b.w; x++) {
      const i = (y * img.width + x) * 3;
      values.push(0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!);
    }
  values.sort((a, c) => a - c);
  return values[Math.floor(values.length * 0.95)]! - values[Math.floor(values.length * 0.05)]!;
}

async function stamped(options: unknown) {
  const r = await stampInPage(page, 'card.jpg', scan, options);
  if (!r.ok) throw new Error(r.error.message);
  const path = join(dir, `${Math.random()}.jpg`);
  writeFileSync(path, Buffer.from(r.base64, 'base64'));
  return { report: r.report, img: await uprightRgb(path) };
}

describe('legibility', () => {
  it('finds the machine-readable zone and keeps the mark off it', async () => {
    const original = await uprightRgb(scan);
    const { report, img } = await stamped({ watermark: { jitter: false } });
    const mrz = report.watermark!.mrz!;
    expect(mrz, 'MRZ found').toBeDefined();
    // The band found holds the real MRZ (within a few pixels).
    expect(mrz.x).toBeLessThanOrEqual(MRZ_BOX.x + 8);
    expect(mrz.y).toBeLessThanOrEqual(MRZ_BOX.y + 8);
    expect(mrz.x + mrz.w).toBeGreaterThanOrEqual(MRZ_BOX.x + MRZ_BOX.w - 60);
    expect(mrz.y + mrz.h).toBeGreaterThanOrEqual(MRZ_BOX.y + MRZ_BOX.h - 8);
    const before = contrast(original, MRZ_BOX);
    const after = contrast(img, MRZ_BOX);
    console.log(`MRZ contrast: ${before.toFixed(1)} → ${after.toFixed(1)}`);
    expect(Math.abs(after - before) / before).toBeLessThanOrEqual(0.05);
  });

  it('without the guard the mark would cross the MRZ (the guard is what keeps it clear)', async () => {
    const original = await uprightRgb(scan);
    const guarded = await stamped({ watermark: { jitter: false } });
    const open = await stamped({ watermark: { jitter: false, protectMrz: false, density: 1 } });
    const changed = (img: Raw) => {
      let n = 0;
      let all = 0;
      for (let y = MRZ_BOX.y; y < MRZ_BOX.y + MRZ_BOX.h; y++)
        for (let x = MRZ_BOX.x; x < MRZ_BOX.x + MRZ_BOX.w; x++, all++) {
          const i = (y * img.width + x) * 3;
          if (Math.abs(img.data[i]! - original.data[i]!) + Math.abs(img.data[i + 1]! - original.data[i + 1]!) + Math.abs(img.data[i + 2]! - original.data[i + 2]!) > 60) n++;
        }
      return n / all;
    };
    console.log(`MRZ pixels changed: guarded ${(changed(guarded.img) * 100).toFixed(2)} %, unguarded ${(changed(open.img) * 100).toFixed(2)} %`);
    expect(changed(guarded.img)).toBeLessThan(0.002);
    expect(changed(open.img)).toBeGreaterThan(0.01);
  });

  it('keeps the data under the mark readable: most of the name field’s contrast remains', async () => {
    const original = await uprightRgb(scan);
    for (const preset of [{}, { opacity: 0.42, density: 0.85, size: 0.032 }]) {
      const { img } = await stamped({ watermark: { jitter: false, protectMrz: false, ...preset } });
      const ratio = contrast(img, NAME_BOX) / contrast(original, NAME_BOX);
      console.log(`name field contrast kept: ${(ratio * 100).toFixed(1)} % (${JSON.stringify(preset)})`);
      expect(ratio).toBeGreaterThanOrEqual(0.8);
    }
  });
});
