// The MRZ card as a person sees it in the stamping page: a passport photo's name as printed,
// number and expiry before the upload; an expired one warned about; after "Stamp and save",
// the stamped copy read again ("still machine-readable ✓"); a zone in another face, its unsure
// fields shown as "could not be read reliably".
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import { fill } from '../../src/core/fill.ts';
import { en } from '../../src/i18n/messages.ts';
import { photographDocument, renderDocument, SAMPLE_FIELDS } from '../fixtures/documents.ts';

const dir = mkdtempSync(join(tmpdir(), 'idstamp-mrz-card-'));
let browser: ExtensionBrowser;
const valid = join(dir, 'passport.jpg');
const expired = join(dir, 'expired.jpg');
const otherFace = join(dir, 'other-face.jpg');

beforeAll(async () => {
  browser = await launchWithExtension();
  // The card is what is tested here (read rates on tilted photos: tests/mrz/read.test.ts): a
  // level scan of the passport page, and an expired one photographed on a desk.
  await sharp((await renderDocument('passport', SAMPLE_FIELDS.passport)).png)
    .jpeg({ quality: 92 })
    .toFile(valid);
  const photo = await photographDocument(await renderDocument('passport', { ...SAMPLE_FIELDS.passport, expiry: '240101' }), { seed: 4, angle: 5, background: 'wood' });
  await sharp(photo.jpeg).toFile(expired);
  // A zone printed in another monospaced face than OCR-B, photographed at 6° (tests/mrz/faces.ts).
  const other = await photographDocument(await renderDocument('passport', SAMPLE_FIELDS.passport, { mrzFont: 'Noto Mono' }), { seed: 6, angle: 6, perspective: 0.02, background: 'wood' });
  await sharp(other.jpeg).toFile(otherFace);
});
afterAll(() => browser?.close());

describe('MRZ card (stamping page)', () => {
  it('shows the name as printed, the number and the expiry, and that the stamped copy still reads', async () => {
    const page = await browser.open('stamp.html?site=okx.com');
    await page.locator('#files').setInputFiles(valid);
    // The reading is a short line that opens: open it, as a person would.
    await page.click('#mrz-toggle', { timeout: 60_000 });
    await page.locator('#mrz-name').waitFor();
    expect(await page.textContent('#mrz-name')).toBe(fill(en.mrzName, { surname: 'ERIKSSON', given: 'ANNA MARIA' }));
    expect(await page.textContent('#mrz-number')).toContain('L898902C3');
    expect(await page.textContent('#mrz-expiry')).toContain('2034');
    expect(await page.locator('#mrz [data-mrz="expired"]').count()).toBe(0);
    const download = page.waitForEvent('download');
    await page.click('#stamp');
    await download;
    await page.locator('#mrz-after').waitFor({ timeout: 60_000 });
    expect([en.mrzStillReads, en.mrzLightened]).toContain(await page.textContent('#mrz-after'));
    await page.close();
  });

  it('shows what it could not read reliably as such, never as a value to type (a zone not in OCR-B)', async () => {
    const page = await browser.open('stamp.html?site=okx.com');
    await page.locator('#files').setInputFiles(otherFace);
    await page.locator('#mrz-name').waitFor({ timeout: 60_000 });
    const unsure = await page.locator('#mrz [data-unsure]').count();
    expect(unsure, 'this zone has fields the reader is unsure of').toBeGreaterThan(0);
    // Each line says the right value or that it could not be read reliably: nothing else.
    expect([fill(en.mrzName, { surname: 'ERIKSSON', given: 'ANNA MARIA' }), en.mrzNameUnsure]).toContain(await page.textContent('#mrz-name'));
    expect([fill(en.mrzNumber, { number: 'L898902C3' }), fill(en.mrzNumber, { number: en.mrzUnsure })]).toContain(await page.textContent('#mrz-number'));
    expect([fill(en.mrzDocument, { document: en.mrzPassport, country: 'UTO' }), fill(en.mrzDocumentUnsure, { document: en.mrzPassport })]).toContain(await page.textContent('#mrz-document'));
    if ((await page.textContent('#mrz-name')) === en.mrzNameUnsure) expect(await page.locator('#mrz').textContent()).not.toContain(en.mrzNameHint);
    await page.close();
  });

  it('warns when the document has expired', async () => {
    const page = await browser.open('stamp.html?site=okx.com');
    await page.locator('#files').setInputFiles(expired);
    await page.locator('#mrz [data-mrz="expired"]').waitFor({ timeout: 60_000 });
    expect(await page.textContent('#mrz [data-mrz="expired"]')).toBe(en.mrzExpired);
    await page.close();
  });
});
