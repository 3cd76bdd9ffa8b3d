// The watermark must not make a verification fail: on a synthetic ID card, the data under the
// mark keeps most of its contrast, and the machine-readable zone is left clear.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PDFDocument } from 'pdf-lib';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openStampPage, stampInPage, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
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
  const card = await sharp(Buffer.from(cardSvg()), { density: 72 * SCALE })
    .resize(856 * SCALE)
    .png()
    .toBuffer();
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

/** Share of the MRZ's pixels that the stamping changed (by more than 60 levels, summed over r, g, b). */
function mrzChanged(original: Raw, img: Raw): number {
  let n = 0;
  let all = 0;
  for (let y = MRZ_BOX.y; y < MRZ_BOX.y + MRZ_BOX.h; y++)
    for (let x = MRZ_BOX.x; x < MRZ_BOX.x + MRZ_BOX.w; x++, all++) {
      const i = (y * img.width + x) * 3;
      const j = (y * original.width + x) * 3;
      if (Math.abs(img.data[i]! - original.data[j]!) + Math.abs(img.data[i + 1]! - original.data[j + 1]!) + Math.abs(img.data[i + 2]! - original.data[j + 2]!) > 60) n++;
    }
  return n / all;
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
    const open = await stamped({ watermark: { jitter: false, protectCodes: false, density: 1 } });
    console.log(`MRZ pixels changed: guarded ${(mrzChanged(original, guarded.img) * 100).toFixed(2)} %, unguarded ${(mrzChanged(original, open.img) * 100).toFixed(2)} %`);
    expect(mrzChanged(original, guarded.img)).toBeLessThan(0.002);
    expect(mrzChanged(original, open.img)).toBeGreaterThan(0.01);
  });

  it('a scan in a PDF: the flattened page keeps its MRZ clear too (and would not without the guard)', async () => {
    // One page showing the scan at 150 DPI, flattened at 150 DPI: the page's pixels are the scan's.
    const doc = await PDFDocument.create();
    const jpeg = await doc.embedJpg(scan);
    doc.addPage([(jpeg.width * 72) / 150, (jpeg.height * 72) / 150]).drawImage(jpeg, { x: 0, y: 0, width: (jpeg.width * 72) / 150, height: (jpeg.height * 72) / 150 });
    const pdf = await doc.save();
    const flattened = async (watermark: unknown) => {
      const r = await stampInPage(page, 'card.pdf', pdf, { watermark, pdf: { dpi: 150 } });
      if (!r.ok) throw new Error(r.error.message);
      const path = join(dir, `${Math.random()}.pdf`);
      writeFileSync(path, Buffer.from(r.base64, 'base64'));
      // The page's picture as poppler takes it out (its rendering resamples it by a fraction of a pixel).
      execFileSync('pdfimages', ['-j', path, path]);
      return uprightRgb(`${path}-000.jpg`);
    };
    const original = await uprightRgb(scan);
    const guarded = await flattened({ jitter: false });
    const open = await flattened({ jitter: false, protectCodes: false, density: 1 });
    // Pixel for pixel: no extra row or column from floating-point noise in the page's size
    // (917.76 × 614.4 pt at 150 DPI is 1912.0000000000002 px wide: it was 1913).
    expect(`${guarded.width}×${guarded.height}`).toBe(`${original.width}×${original.height}`);
    console.log(`PDF page, MRZ pixels changed: guarded ${(mrzChanged(original, guarded) * 100).toFixed(2)} %, unguarded ${(mrzChanged(original, open) * 100).toFixed(2)} %`);
    expect(mrzChanged(original, guarded)).toBeLessThan(0.002);
    expect(mrzChanged(original, open)).toBeGreaterThan(0.01);
  });

  it('keeps the data under the mark readable: most of the name field’s contrast remains', async () => {
    const original = await uprightRgb(scan);
    for (const preset of [{}, { opacity: 0.42, density: 0.85, size: 0.032 }]) {
      const { img } = await stamped({ watermark: { jitter: false, protectCodes: false, ...preset } });
      const ratio = contrast(img, NAME_BOX) / contrast(original, NAME_BOX);
      console.log(`name field contrast kept: ${(ratio * 100).toFixed(1)} % (${JSON.stringify(preset)})`);
      expect(ratio).toBeGreaterThanOrEqual(0.8);
    }
  });
});

describe('QR codes', () => {
  const QR_AT = { x: 640, y: 330, size: 280 };
  const payload = 'https://verify.utopia.example/id/X1234567?sig=9f3a2c';

  async function withQr(): Promise<Buffer> {
    const code = await QRCode.toBuffer(payload, { type: 'png', width: QR_AT.size, margin: 1, errorCorrectionLevel: 'M' });
    return sharp(scan)
      .composite([{ input: code, left: QR_AT.x, top: QR_AT.y }])
      .jpeg({ quality: 95 })
      .toBuffer();
  }

  /** Decodes the QR code in a region of a picture (jsQR), or undefined. */
  function readQr(im: Raw): string | undefined {
    const pad = 40;
    const x0 = QR_AT.x - pad;
    const y0 = QR_AT.y - pad;
    const size = QR_AT.size + 2 * pad;
    const rgba = new Uint8ClampedArray(size * size * 4);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const i = ((y0 + y) * im.width + x0 + x) * 3;
        rgba.set([im.data[i]!, im.data[i + 1]!, im.data[i + 2]!, 255], (y * size + x) * 4);
      }
    return jsQR(rgba, size, size, { inversionAttempts: 'dontInvert' })?.data;
  }

  async function stampScan(bytes: Buffer, options: unknown) {
    const r = await stampInPage(page, 'card.jpg', bytes, options);
    if (!r.ok) throw new Error(r.error.message);
    const path = join(dir, `${Math.random()}.jpg`);
    writeFileSync(path, Buffer.from(r.base64, 'base64'));
    return { report: r.report, img: await uprightRgb(path) };
  }

  it('finds a QR code, keeps the mark off it, and the code still scans', async () => {
    const input = await withQr();
    expect(readQr(await uprightRgb(input))).toBe(payload);
    const { report, img } = await stampScan(input, { watermark: { jitter: false, density: 1, opacity: 0.6 } });
    const codes = report.watermark!.codes ?? [];
    expect(codes.length).toBe(1);
    const c = codes[0]!;
    expect(c.x).toBeLessThanOrEqual(QR_AT.x + 4);
    expect(c.y).toBeLessThanOrEqual(QR_AT.y + 4);
    expect(c.x + c.w).toBeGreaterThanOrEqual(QR_AT.x + QR_AT.size - 4);
    expect(c.y + c.h).toBeGreaterThanOrEqual(QR_AT.y + QR_AT.size - 4);
    expect(readQr(img)).toBe(payload);
    // The code's pixels are untouched; unguarded, the same dense, dark mark would cross it.
    const original = await uprightRgb(input);
    const changed = (im: Raw) => {
      let n = 0;
      for (let y = QR_AT.y; y < QR_AT.y + QR_AT.size; y++)
        for (let x = QR_AT.x; x < QR_AT.x + QR_AT.size; x++) {
          const i = (y * im.width + x) * 3;
          if (Math.abs(im.data[i]! - original.data[i]!) + Math.abs(im.data[i + 1]! - original.data[i + 1]!) + Math.abs(im.data[i + 2]! - original.data[i + 2]!) > 60) n++;
        }
      return n / QR_AT.size ** 2;
    };
    const open = await stampScan(input, { watermark: { jitter: false, density: 1, opacity: 0.6, protectCodes: false } });
    console.log(`QR pixels changed: guarded ${(changed(img) * 100).toFixed(2)} %, unguarded ${(changed(open.img) * 100).toFixed(2)} %`);
    expect(changed(img)).toBeLessThan(0.002);
    expect(changed(open.img)).toBeGreaterThan(0.02);
  });

  it('finds no code where there is none', async () => {
    const { report } = await stampScan(scan, { watermark: { jitter: false } });
    expect(report.watermark!.codes).toEqual([]);
  });
});
