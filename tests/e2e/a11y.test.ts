// axe-core audits of every extension page, in light and dark mode, with real content on them.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, waitForPrompt, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import sharp from 'sharp';
import { DEFAULT_FIXTURES_DIR as img } from '../fixtures/make-fixtures.ts';
import { startSite, type Site } from './site-server.ts';
import { audit } from '../helpers/axe.ts';

let browser: ExtensionBrowser;
let site: Site;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchWithExtension(), startSite()]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** A page with something in it: chosen files, a preview, a result, a history row. */
async function withContent(path: string, b: ExtensionBrowser = browser): Promise<Page> {
  const page = await b.open(path);
  if (path.startsWith('options')) {
    await page.locator('#history-enabled').waitFor();
    return page;
  }
  if (path.startsWith('welcome')) {
    await page.locator('.sample img').nth(1).waitFor({ timeout: 30_000 });
    return page;
  }
  await page.locator('#stamp').waitFor();
  await page.locator('#files').setInputFiles([join(img, 'photo.jpg'), join(img, 'empty.jpg')]);
  await page.locator('#preview-img:not([hidden])').waitFor({ timeout: 30_000 });
  await page.click('#stamp');
  await page.locator('#results li.error').waitFor({ timeout: 30_000 });
  return page;
}

/** The upload guard's prompt over a look-alike page (so its warning is audited too). */
async function promptFrame(b: ExtensionBrowser = browser): Promise<{ page: Page; frame: Frame }> {
  const page = await b.newPage();
  await page.goto(`${site.origin}/lookalike.html`);
  await page.locator('#doc').setInputFiles(join(img, 'photo.jpg'));
  return { page, frame: await waitForPrompt(page, '#preview-img:not([hidden])') };
}

describe.each(['light', 'dark'] as const)('accessibility (%s)', (scheme) => {
  it('the upload guard prompt has no axe violations, and Escape cancels', async () => {
    const { page, frame } = await promptFrame();
    await page.emulateMedia({ colorScheme: scheme });
    expect(await audit(frame)).toEqual([]);
    // A look-alike page: the first focus is on the safe choice.
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe('cancel');
    await frame.locator('#purpose').press('Escape');
    await page.waitForFunction(() => !document.querySelector('idstamp-prompt'));
    expect(await page.evaluate(() => (window as unknown as { __received: unknown[] }).__received.length)).toBe(0);
    await page.close();
  });

  it('the prompt’s confirmation after "Stamp and use" has no axe violations', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/plain.html`);
    await page.locator('#doc').setInputFiles(join(img, 'photo.jpg'));
    const frame = await waitForPrompt(page);
    await page.emulateMedia({ colorScheme: scheme });
    await frame.click('#go');
    // Audited while it shows (it closes by itself after a few seconds).
    await frame.locator('#done').waitFor({ timeout: 60_000 });
    expect(await audit(frame)).toEqual([]);
    await page.close();
  });

  it.each(['popup.html?site=okx.com', 'stamp.html?site=okx.com', 'options.html', 'welcome.html'])('%s has no axe violations', async (path) => {
    const page = await withContent(path);
    await page.emulateMedia({ colorScheme: scheme });
    expect(await audit(page)).toEqual([]);
    await page.close();
  });
});

/** Where the ink of a screenshot starts and ends, as margins from its left and right edges. */
async function inkMargins(png: Buffer): Promise<{ left: number; right: number }> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const bg = data[0]!;
  let first = info.width;
  let last = -1;
  for (let y = 0; y < info.height; y++)
    for (let x = 0; x < info.width; x++)
      if (Math.abs(data[y * info.width + x]! - bg) > 60) {
        first = Math.min(first, x);
        last = Math.max(last, x);
      }
  return { left: first, right: info.width - 1 - last };
}

describe('right to left (Arabic chosen in the settings)', () => {
  let rtl: ExtensionBrowser;
  const screens = join(img, 'screens'); // generated, ignored by git: for a person to look at
  beforeAll(async () => {
    rtl = await launchWithExtension();
    const options = await rtl.open('options.html');
    await options.locator('#ui-lang').waitFor();
    await Promise.all([options.waitForEvent('load'), options.selectOption('#ui-lang', 'ar')]);
    await options.locator('#ui-lang').waitFor();
    await options.close();
    mkdirSync(screens, { recursive: true });
  });
  afterAll(() => rtl?.close());

  it.each(['popup.html?site=okx.com', 'stamp.html?site=okx.com', 'options.html'])('%s: dir=rtl, no axe violations, laid out from the right', async (path) => {
    const page = await withContent(path, rtl);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await audit(page)).toEqual([]);
    // Nothing spills sideways, and the header starts at the right: the icon right of the title.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    const icon = (await page.locator('.bar img').first().boundingBox())!;
    const title = (await page.locator('.bar h1').first().boundingBox())!;
    expect(icon.x).toBeGreaterThan(title.x);
    // Screenshot check: a short label's text sits flush right, with room on its left.
    const label = path.startsWith('options') ? 'label[for="ui-lang"]' : 'label[for="purpose"]';
    const margins = await inkMargins(await page.locator(label).screenshot());
    expect(margins.right).toBeLessThan(8);
    expect(margins.left).toBeGreaterThan(margins.right + 40);
    await page.screenshot({ path: join(screens, `rtl-${path.replace(/\W.*$/, '')}.png`), fullPage: true });
    await page.close();
  });

  it('the guard prompt is right to left too, with no axe violations', async () => {
    const { page, frame } = await promptFrame(rtl);
    expect(await frame.getAttribute('html', 'dir')).toBe('rtl');
    expect(await frame.textContent('#title')).toMatch(/[\u0600-\u06ff]/);
    expect(await audit(frame)).toEqual([]);
    await page.screenshot({ path: join(screens, 'rtl-prompt.png') });
    await page.close();
  });

  it('control: the same label in English sits flush left', async () => {
    const page = await browser.open('popup.html?site=okx.com');
    await page.locator('#stamp').waitFor();
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    const margins = await inkMargins(await page.locator('label[for="purpose"]').screenshot());
    expect(margins.left).toBeLessThan(8);
    expect(margins.right).toBeGreaterThan(margins.left + 40);
    await page.close();
  });
});

it('the audit itself catches a violation (an unlabelled field, low contrast)', async () => {
  const page = await browser.open('options.html');
  await page.locator('#history-enabled').waitFor();
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'text';
    const p = document.createElement('p');
    p.textContent = 'faint';
    p.style.color = '#eeeeee';
    document.querySelector('main')!.append(input, p);
  });
  await page.emulateMedia({ colorScheme: 'light' });
  const violations = await audit(page);
  expect(violations.some((v) => v.startsWith('label'))).toBe(true);
  expect(violations.some((v) => v.startsWith('color-contrast'))).toBe(true);
  await page.close();
});
