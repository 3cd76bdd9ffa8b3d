// A PDF locked with a password, in the stamping page as a person uses it: the page asks for the
// password, says when it is wrong, and saves a copy that has no password and no metadata.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import { fill } from '../../src/core/fill.ts';
import { en } from '../../src/i18n/messages.ts';
import { DEFAULT_PDF_FIXTURES_DIR as pdf } from '../fixtures/make-pdf-fixtures.ts';
import { exiftool, leftovers } from '../helpers/exiftool.ts';
import { qpdfCheck } from '../helpers/pdf.ts';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension();
});
afterAll(() => browser?.close());

describe('password-protected PDF in the stamping page', () => {
  it('asks for the password, says when it is wrong, saves an unlocked clean copy', { timeout: 180_000, retry: 1 }, async () => {
    const page = await browser.open('stamp.html?site=bank.example');
    await page.locator('#files').setInputFiles([join(pdf, 'user-password.pdf')]);
    await page.locator('#stamp:not([disabled])').waitFor({ timeout: 30_000 });
    await page.click('#stamp');
    const dialog = page.locator('#pdf-password-dialog');
    await dialog.waitFor({ timeout: 30_000 });
    expect(await dialog.textContent()).toContain(fill(en.passwordAsk, { file: 'user-password.pdf' }));
    await page.fill('#pdf-password', 'wrong');
    await page.keyboard.press('Enter');
    await page.locator('#pdf-password-dialog .error').waitFor({ timeout: 30_000 });
    expect(await page.locator('#pdf-password-dialog .error').textContent()).toBe(en.passwordWrong);
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.fill('#pdf-password', 'secret');
    await page.keyboard.press('Enter');
    const file = join(mkdtempSync(join(tmpdir(), 'idstamp-pw-')), 'out.pdf');
    await (await download).saveAs(file);
    expect(qpdfCheck(file).ok).toBe(true);
    expect(execFileSync('qpdf', ['--show-encryption', file], { encoding: 'utf8' })).toContain('File is not encrypted');
    expect(leftovers(exiftool(file))).toEqual([]);
    // The password is nowhere in the extension's storage.
    const stored = await page.evaluate(async () =>
      JSON.stringify(await (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<unknown> } } } }).chrome.storage.local.get(null)),
    );
    expect(stored).not.toContain('secret');
    await page.close();
  });
});
