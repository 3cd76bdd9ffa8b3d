// "Which copy leaked?" as a person uses it: a copy saved from the stamping page, then shrunk and
// re-saved by someone else, is identified by its invisible trace code in the settings' history
// and on the stamping page; on a second browser profile only after its key was imported there.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill } from '../../src/core/fill.ts';
import { en } from '../../src/i18n/messages.ts';
import { launchWithExtension, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import { DEFAULT_FIXTURES_DIR as img } from '../fixtures/make-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'idstamp-trace-'));
let a: ExtensionBrowser;
let b: ExtensionBrowser;

beforeAll(async () => {
  [a, b] = await Promise.all([launchWithExtension(), launchWithExtension()]);
});
afterAll(async () => Promise.all([a?.close(), b?.close()]));

async function saved(d: Download, name: string): Promise<string> {
  const path = join(dir, name);
  await d.saveAs(path);
  return path;
}

/** Chooses a found file for "Which copy is this?" and returns the answer once it is final. */
async function whichCopy(page: Page, file: string): Promise<string> {
  // A field given the same file again fires no change: empty it first, and forget the last answer.
  await page.setInputFiles('#which-file', []);
  await page.evaluate(() => void (document.querySelector('#which-answer')!.textContent = ''));
  await page.setInputFiles('#which-file', file);
  const answer = page.locator('#which-answer');
  await page.waitForFunction(
    () => {
      const t = document.querySelector('#which-answer')?.textContent ?? '';
      return t !== '' && !/…$/.test(t.trim());
    },
    undefined,
    { timeout: 60_000 },
  );
  return (await answer.textContent()) ?? '';
}

describe('the invisible trace, end to end', () => {
  it('identifies a shrunk, re-saved copy here, and on another profile after importing the key', { timeout: 240_000 }, async () => {
    // Stamp and save a photo for okx.com from the stamping page.
    const page = await a.open('stamp.html?site=okx.com');
    await page.locator('#files').setInputFiles(join(img, 'phone.jpg'));
    await page.locator('#preview-img:not([hidden])').waitFor({ timeout: 60_000 });
    const download = page.waitForEvent('download');
    await page.click('#stamp');
    const copy = await saved(await download, 'copy.jpg');
    await page.locator('#results .code').waitFor({ timeout: 60_000 });
    const code = (await page.locator('#results .code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    // Someone shrinks it and saves it again as a low-quality JPEG: no longer the same bytes.
    const meta = await sharp(copy).metadata();
    const found = join(dir, 'found.jpg');
    await sharp(copy)
      .resize({ width: Math.round(meta.width! * 0.6) })
      .jpeg({ quality: 60 })
      .toFile(found);

    // The settings' history finds the upload it came from by the invisible code.
    const options = await a.open('options.html');
    const here = await whichCopy(options, found);
    expect(here).toContain(fill(en.whichFoundTrace, { code, count: 1 }).split(';')[0]);
    expect(here).toContain('okx.com');
    // So does the stamping page.
    await page.click('details.which-page > summary');
    expect(await whichCopy(page, found)).toContain(code);
    // An unmarked photo gives no code at all.
    expect(await whichCopy(options, join(img, 'photo.jpg'))).toBe(en.whichNoTrace);

    // Export the key as a file.
    const keyDownload = options.waitForEvent('download');
    await options.click('#trace-key-export');
    const key = readFileSync(await saved(await keyDownload, 'key.txt'), 'utf8').trim();
    expect(key).toMatch(/^IDSTK-/);

    // A second profile has its own key: it reads nothing from the copy until the key is imported.
    const other = await b.open('options.html');
    expect(await whichCopy(other, found)).toBe(en.whichNoTrace);
    await other.fill('#trace-key-input', key.slice(0, 20) + (key[20] === 'A' ? 'B' : 'A') + key.slice(21));
    await other.click('#trace-key-import');
    await other.locator('#trace-key-status', { hasText: en.traceKeyBad }).waitFor();
    await other.fill('#trace-key-input', key);
    await other.click('#trace-key-import');
    await other.locator('#trace-key-status', { hasText: en.traceKeyImported }).waitFor();
    // Not in this profile's history, but the code is read and shown.
    expect(await whichCopy(other, found)).toBe(fill(en.whichTraceElsewhere, { code }));
  });
});
