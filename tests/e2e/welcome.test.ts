// First run: installing the extension opens the welcome page, whose sample is stamped by the
// real pipeline and whose guard switch writes the settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { launchWithExtension, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import { en } from '../../src/i18n/messages.ts';
import { untilInPage } from '../helpers/until.ts';

declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension(undefined, { welcome: true });
});
afterAll(() => browser?.close());

async function welcomeTab(): Promise<Page> {
  for (let i = 0; i < 100; i++) {
    const page = browser.context.pages().find((p) => p.url().endsWith('/welcome.html'));
    if (page) return page;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the welcome page did not open on install');
}

describe('welcome page', () => {
  it('opens on install, shows a really stamped sample, the permissions, and sets the guard', async () => {
    const page = await welcomeTab();
    await page.locator('.sample img').nth(1).waitFor({ timeout: 30_000 });
    expect(await page.textContent('h1')).toBe(en.welcomeTitle);
    // The "after" picture is the specimen with a mark on it: same size, many pixels changed.
    const changed = await page.evaluate(async () => {
      const [a, b] = [...document.querySelectorAll<HTMLImageElement>('.sample img')];
      await Promise.all([a!.decode(), b!.decode()]);
      const pixels = (img: HTMLImageElement) => {
        const c = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        return g.getImageData(0, 0, c.width, c.height).data;
      };
      const [pa, pb] = [pixels(a!), pixels(b!)];
      if (pa.length !== pb.length) return -1;
      let n = 0;
      for (let i = 0; i < pa.length; i += 4) if (Math.abs(pa[i]! - pb[i]!) + Math.abs(pa[i + 1]! - pb[i + 1]!) + Math.abs(pa[i + 2]! - pb[i + 2]!) > 30) n++;
      return n / (pa.length / 4);
    });
    expect(changed).toBeGreaterThan(0.03);
    expect(changed).toBeLessThan(0.6);
    expect(await page.locator('#permissions tr').count()).toBe(3);

    await page.selectOption('#guard-mode', 'everywhere');
    await untilInPage(page, async () => ((await chrome.storage.local.get('settings')) as { settings?: { guard?: { mode?: string } } }).settings?.guard?.mode === 'everywhere');

    const opened = browser.context.waitForEvent('page');
    await page.click('#w-start');
    const stamper = await opened;
    await stamper.waitForURL(/\/stamp\.html$/);
    await stamper.locator('#stamp').waitFor();
  });
});

/** The welcome page's unstamped specimen ("as photographed"), as RGB pixels. */
async function specimenPixels(lang: string): Promise<{ dir: string; px: Buffer }> {
  const b = await launchWithExtension(undefined, { lang });
  try {
    const page = await b.open('welcome.html');
    await page.locator('.sample img').first().waitFor({ timeout: 30_000 });
    const { dir, png } = await page.evaluate(async () => {
      const img = document.querySelector<HTMLImageElement>('.sample img')!;
      await img.decode();
      const c = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
      c.getContext('2d')!.drawImage(img, 0, 0);
      const bytes = new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { dir: document.documentElement.dir, png: btoa(s) };
    });
    return { dir, px: await sharp(Buffer.from(png, 'base64')).removeAlpha().raw().toBuffer() };
  } finally {
    await b.close();
  }
}

describe('canvas drawings in a right-to-left interface', () => {
  // Canvas text inherits the page's direction: under dir=rtl the card's title was cut to "IMEN",
  // its field names lay over the portrait and the MRZ ran off the card.
  it('the specimen card is drawn the same under dir=rtl as under dir=ltr', { timeout: 120_000 }, async () => {
    const ltr = await specimenPixels('en');
    const rtl = await specimenPixels('ar');
    expect([ltr.dir, rtl.dir]).toEqual(['ltr', 'rtl']);
    expect(rtl.px.length).toBe(ltr.px.length);
    let diff = 0;
    for (let i = 0; i < ltr.px.length; i++) diff += Math.abs(ltr.px[i]! - rtl.px[i]!);
    expect(diff / ltr.px.length).toBeLessThan(0.5);
  });
});
