// Before the upload: the photo check warns about a blurry photo and passes a good one, and
// boxes drawn on the preview are burned black into the output (pictures and PDF pages).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openStampPage, stampInPage, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import { fill } from '../../src/core/fill.ts';
import { en } from '../../src/i18n/messages.ts';
import { DEFAULT_FIXTURES_DIR as img } from '../fixtures/make-fixtures.ts';
import { DEFAULT_PDF_FIXTURES_DIR as pdfs } from '../fixtures/make-pdf-fixtures.ts';
import { exiftool, leftovers } from '../helpers/exiftool.ts';
import { renderPages } from '../helpers/pdf.ts';
import { darkShare, uprightRgb } from '../helpers/pixels.ts';
import { DEFAULT_CARDS_DIR as cards, makeCards } from '../quality/make-cards.ts';

const out = mkdtempSync(join(tmpdir(), 'idstamp-before-'));
let browser: ExtensionBrowser;

beforeAll(async () => {
  await makeCards();
  browser = await launchWithExtension();
});
afterAll(() => browser?.close());

async function stampPage(): Promise<Page> {
  const page = await browser.open('stamp.html?site=okx.com');
  await page.setViewportSize({ width: 900, height: 1400 });
  await page.locator('#stamp').waitFor();
  return page;
}

/** Share of dark pixels (luma < 60) inside a box given as fractions. */

describe('photo check', () => {
  it('warns about a blurry photo, with a tip, and passes a good one', async () => {
    const page = await stampPage();
    await page.locator('#files').setInputFiles(join(cards, 'blur-03.jpg'));
    const blur = page.locator('#quality li[data-check="blur"]');
    await blur.waitFor({ timeout: 20_000 });
    expect(await blur.textContent()).toContain(en.quality_blur);
    await page.locator('#files').setInputFiles(join(cards, 'good-05.jpg'));
    await page.locator('#quality', { hasText: en.qualityOk }).waitFor({ timeout: 20_000 });
    await page.locator('#files').setInputFiles(join(cards, 'glare-02.jpg'));
    await page.locator('#quality li[data-check="glare"]').waitFor({ timeout: 20_000 });
    await page.close();
  });

  it('a digital bank statement gets no warning, nor does a screenshot (no camera checks on born-digital pages)', async () => {
    // A fresh page each: the previous file's verdict cannot be read for this one's.
    for (const file of [join(pdfs, 'statement.pdf'), join(cards, 'digital-screenshot.png')]) {
      const page = await stampPage();
      await page.locator('#files').setInputFiles(file);
      await page.locator('#quality', { hasText: en.qualityOk }).waitFor({ timeout: 60_000 });
      expect(await page.locator('#quality li').count()).toBe(0);
      await page.close();
    }
    // The same check still warns about a tilted photo that runs off the frame.
    const page = await stampPage();
    await page.locator('#files').setInputFiles(join(cards, 'tilted-cut-00.jpg'));
    await page.locator('#quality li[data-check="cut"]').waitFor({ timeout: 20_000 });
    await page.close();
  });
});

describe('redaction', () => {
  it('burns a box drawn on the preview into the saved picture, before the watermark', async () => {
    const page = await stampPage();
    await page.locator('#files').setInputFiles(join(img, 'photo.jpg'));
    await page.locator('#preview-img:not([hidden])').waitFor({ timeout: 20_000 });
    const layer = (await page.locator('.redact canvas').boundingBox())!;
    const drag = async (x0: number, y0: number, x1: number, y1: number) => {
      await page.mouse.move(layer.x + layer.width * x0, layer.y + layer.height * y0);
      await page.mouse.down();
      await page.mouse.move(layer.x + layer.width * x1, layer.y + layer.height * y1, { steps: 4 });
      await page.mouse.up();
    };
    await drag(0.3, 0.3, 0.6, 0.5);
    await drag(0.05, 0.7, 0.2, 0.9);
    await page.click('#redact-undo'); // the second box is undone
    expect(await page.textContent('#redact-count')).toBe(fill(en.redactCount, { count: '1' }));
    const download = page.waitForEvent('download');
    await page.click('#stamp');
    const path = join(out, 'redacted.jpg');
    await (await download).saveAs(path);
    expect(leftovers(exiftool(path))).toEqual([]);
    const result = await uprightRgb(path);
    const original = await uprightRgb(join(img, 'photo.jpg'));
    // Inside the box: black but for the watermark drawn over it; the undone box is untouched.
    expect(darkShare(result, { x: 0.32, y: 0.32, w: 0.26, h: 0.16 })).toBeGreaterThan(0.8);
    expect(darkShare(original, { x: 0.32, y: 0.32, w: 0.26, h: 0.16 })).toBeLessThan(0.5);
    expect(darkShare(result, { x: 0.07, y: 0.72, w: 0.1, h: 0.15 })).toBeCloseTo(darkShare(original, { x: 0.07, y: 0.72, w: 0.1, h: 0.15 }), 1);
    await page.close();
  });

  it('draws, moves and resizes a box with the keyboard alone', async () => {
    const page = await stampPage();
    await page.locator('#files').setInputFiles(join(img, 'photo.jpg'));
    await page.locator('#preview-img:not([hidden])').waitFor({ timeout: 20_000 });
    await page.focus('.redact canvas');
    await page.keyboard.press('Enter'); // a box at x 0.35–0.65, y 0.45–0.55
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowUp'); // y 0.25–0.35
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowDown'); // y 0.25–0.45
    await page.keyboard.press('Enter'); // a second box…
    await page.keyboard.press('Delete'); // …removed
    expect(await page.textContent('#redact-count')).toBe(fill(en.redactCount, { count: '1' }));
    const download = page.waitForEvent('download');
    await page.click('#stamp');
    const path = join(out, 'redacted-keys.jpg');
    await (await download).saveAs(path);
    const result = await uprightRgb(path);
    const original = await uprightRgb(join(img, 'photo.jpg'));
    expect(darkShare(result, { x: 0.37, y: 0.27, w: 0.26, h: 0.16 })).toBeGreaterThan(0.8);
    // Where the box started and where the deleted one was: untouched.
    expect(darkShare(result, { x: 0.37, y: 0.47, w: 0.26, h: 0.06 })).toBeCloseTo(darkShare(original, { x: 0.37, y: 0.47, w: 0.26, h: 0.06 }), 1);
    await page.close();
  });

  it('blacks out a box on a PDF page by flattening it (even when keep-text was asked)', async () => {
    const page = await openStampPage(browser);
    const box = { page: 1, x: 0.05, y: 0.05, w: 0.6, h: 0.12 };
    const r = await stampInPage(page, 'statement.pdf', readFileSync(join(pdfs, 'statement.pdf')), { pdf: { mode: 'keep-text' }, redact: [box] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.report.pdfMode).toBe('flatten');
    expect(r.report.warnings).toContain('flattened-for-redaction');
    const path = join(out, 'redacted.pdf');
    writeFileSync(path, Buffer.from(r.base64, 'base64'));
    const [first, second] = renderPages(path, 40);
    expect(darkShare(await uprightRgb(first!), { x: 0.07, y: 0.07, w: 0.56, h: 0.08 })).toBeGreaterThan(0.8);
    expect(darkShare(await uprightRgb(second!), { x: 0.07, y: 0.07, w: 0.56, h: 0.08 })).toBeLessThan(0.3); // page 2 untouched
    await page.close();
  });
});
