// The Firefox build in Debian's Firefox ESR (headless, WebDriver BiDi): the popup sends the
// person to the stamping page in a tab, where a photo and a PDF are stamped and downloaded.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_UUID, launchFirefox, type FirefoxWithExtension } from '../../scripts/firefox.ts';
import { en } from '../../src/i18n/messages.ts';
import { DEFAULT_FIXTURES_DIR as img } from '../fixtures/make-fixtures.ts';
import { DEFAULT_PDF_FIXTURES_DIR as pdf } from '../fixtures/make-pdf-fixtures.ts';
import { exiftool, leftovers } from '../helpers/exiftool.ts';
import { pdfinfo, pdftotext, qpdfCheck } from '../helpers/pdf.ts';
import { changedFractions, uprightRgb } from '../helpers/pixels.ts';
import { startSite, type Site } from './site-server.ts';

let ff: FirefoxWithExtension;
let site: Site;

beforeAll(async () => {
  [ff, site] = await Promise.all([launchFirefox(), startSite()]);
});
afterAll(async () => {
  await ff?.close();
  await site?.close();
});

async function downloaded(name: string): Promise<string> {
  const path = join(ff.downloads, name);
  for (let i = 0; i < 100 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 100));
  // Firefox writes to a .part file first: wait until only the final file is there.
  for (let i = 0; i < 100 && readdirSync(ff.downloads).some((f) => f.endsWith('.part')); i++) await new Promise((r) => setTimeout(r, 100));
  return path;
}

describe('Firefox', () => {
  it('popup: file picking happens in a tab, which it opens', async () => {
    const popup = await ff.open('popup.html?site=www.okx.com', '#choose-in-tab');
    expect(await popup.$('#files')).toBeNull();
    const before = (await ff.browser.pages()).length;
    await popup.click('#choose-in-tab');
    // BiDi reports extension pages as about:blank: ask each page where it is.
    const opened = async () => {
      const pages = await ff.browser.pages();
      if (pages.length === before) return [];
      return Promise.all(pages.map((p) => p.evaluate(() => location.href).catch(() => '')));
    };
    let urls: string[] = [];
    for (let i = 0; i < 50 && !urls.some((u) => u.includes('stamp.html')); i++) {
      await new Promise((r) => setTimeout(r, 100));
      urls = await opened();
    }
    expect(urls).toContain(`moz-extension://${EXTENSION_UUID}/stamp.html?site=okx.com`);
  });

  it('stamping page: a photo and a PDF, stamped, clean, downloaded', async () => {
    const page = await ff.open('stamp.html?site=www.okx.com', '#stamp');
    expect(await page.$eval('#purpose', (el) => (el as HTMLInputElement).value)).toBe('Only for okx.com identity verification');
    const input = await page.$('input#files');
    await input!.uploadFile(join(img, 'phone.jpg'), join(pdf, 'statement.pdf'));
    await page.waitForSelector('#preview-img:not([hidden])', { timeout: 30_000 });
    await page.click('#stamp');
    await page.waitForFunction((text) => document.querySelector('#status')?.textContent === text, { timeout: 90_000 }, en.saved.replace('$1', '2').replace('$2', '2'));

    const photo = await downloaded('phone.jpg');
    expect(leftovers(exiftool(photo))).toEqual([]);
    const after = await uprightRgb(photo);
    expect([after.width, after.height]).toEqual([3024, 4032]);
    for (const f of changedFractions(await uprightRgb(join(img, 'phone.jpg')), after).cells) expect(f).toBeGreaterThan(0.003);

    const doc = await downloaded('statement.pdf');
    expect(qpdfCheck(doc).ok).toBe(true);
    expect(pdfinfo(doc).Pages).toBe('20');
    expect(pdftotext(doc).trim()).toBe('');
    expect(leftovers(exiftool(doc))).toEqual([]);
  });

  it('upload guard: a file chosen on a verification page is caught, stamped and swapped in', async () => {
    const page = await ff.browser.newPage();
    await page.goto(`${site.origin}/plain.html`);
    const input = await page.$('input#doc');
    await input!.uploadFile(resolve(img, 'photo.jpg'));
    // The page does not get the original while the prompt is open.
    await page.waitForFunction(() => document.querySelector('idstamp-prompt') !== null, { timeout: 10_000 });
    expect(await page.evaluate(() => (document.getElementById('doc') as HTMLInputElement).files!.length)).toBe(0);
    // The prompt puts the focus on "Stamp and use": the person presses Enter.
    await new Promise((r) => setTimeout(r, 1500));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { __received: unknown[] }).__received.length > 0, { timeout: 30_000 });
    const [r] = await page.evaluate(() => (window as unknown as { __received: { name: string; type: string; base64: string }[] }).__received);
    expect(r).toMatchObject({ name: 'photo.jpg', type: 'image/jpeg' });
    const path = join(ff.downloads, 'guarded.jpg');
    writeFileSync(path, Buffer.from(r!.base64, 'base64'));
    expect(leftovers(exiftool(path))).toEqual([]);
    for (const f of changedFractions(await uprightRgb(join(img, 'photo.jpg')), await uprightRgb(path)).cells) expect(f).toBeGreaterThan(0.003);
    await page.close();
  });
});
