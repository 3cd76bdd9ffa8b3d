// Store screenshots (1280×800) of the real extension, in English and Chinese: the stamping
// panel with a passport photo, the guard's prompt on a verification page, the result, the
// settings. Written to store/screenshots/ (ignored by git: they carry the day's date). Each is
// taken once every preview has rendered; one that shows a placeholder fails the test.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, waitForPrompt } from '../../tools/harness/chromium.ts';
import { en } from '../../src/i18n/messages.ts';
import { photographDocument, renderDocument } from '../fixtures/documents.ts';
import { readTree } from '../helpers/locales.ts';
import { shootFinished } from '../helpers/screens.ts';
import { startSite, type Site } from './site-server.ts';

const OUT = join(import.meta.dirname, '..', '..', 'store', 'screenshots');
let site: Site;
let passport: string;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  site = await startSite();
  // A generated specimen passport page (no real data), photographed on a desk at a tilt.
  const photo = await photographDocument(await renderDocument('passport'), { seed: 7, angle: 6, background: 'wood' });
  passport = join(OUT, 'specimen-passport.jpg');
  await sharp(photo.jpeg).toFile(passport);
});
afterAll(() => site?.close());

/** What a page shows while a preview is not ready yet, in both languages. */
const PLACEHOLDERS = [en.previewWorking, readTree('zh_CN').ui.previewWorking];

const isShot = async (path: string) => {
  const m = await sharp(path).metadata();
  expect([m.width, m.height], path).toEqual([1280, 800]);
};

describe.each([
  ['en', 'en'],
  ['zh-CN', 'zh_CN'],
] as const)('store screenshots (%s)', (lang, tag) => {
  it('stamping panel, result, guard prompt and settings at 1280×800', { timeout: 180_000 }, async () => {
    const b = await launchWithExtension(undefined, { lang });
    try {
      const page = await b.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`chrome-extension://${b.extensionId}/stamp.html?site=okx.com`);
      await page.locator('#files').setInputFiles(passport);
      await page.locator('#preview-img:not([hidden])').waitFor({ timeout: 60_000 });
      await shootFinished(page, join(OUT, `${tag}-1-stamping.png`), PLACEHOLDERS);
      const download = page.waitForEvent('download');
      await page.click('#stamp');
      await download;
      await page.locator('#results li.result').waitFor({ timeout: 60_000 });
      await page.locator('#results').scrollIntoViewIfNeeded();
      await shootFinished(page, join(OUT, `${tag}-2-result.png`), PLACEHOLDERS);

      const kyc = await b.newPage();
      await kyc.setViewportSize({ width: 1280, height: 800 });
      await kyc.goto(`${site.origin}/plain.html`);
      await kyc.locator('#doc').setInputFiles(passport);
      await waitForPrompt(kyc);
      await shootFinished(kyc, join(OUT, `${tag}-3-prompt.png`), PLACEHOLDERS);

      const options = await b.newPage();
      await options.setViewportSize({ width: 1280, height: 800 });
      await options.goto(`chrome-extension://${b.extensionId}/options.html`);
      await options.locator('#history-enabled').waitFor();
      await shootFinished(options, join(OUT, `${tag}-4-settings.png`), PLACEHOLDERS);
      for (const n of ['1-stamping', '2-result', '3-prompt', '4-settings']) await isShot(join(OUT, `${tag}-${n}.png`));
    } finally {
      await b.close();
    }
  });
});
