// A phone: 360×740 CSS pixels, touch only. Every page fits the width with finger-sized targets,
// a box is drawn by touch, and the upload guard catches a photo from a `capture` (camera) input.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, waitForPrompt, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import { DEFAULT_FIXTURES_DIR as img } from '../fixtures/make-fixtures.ts';
import { exiftool, leftovers } from '../helpers/exiftool.ts';
import { changedFractions, darkShare, uprightRgb } from '../helpers/pixels.ts';
import { startSite, type Site } from './site-server.ts';

const PHOTO = join(img, 'photo.jpg');
const out = mkdtempSync(join(tmpdir(), 'idstamp-phone-'));
let phone: ExtensionBrowser;
let site: Site;

beforeAll(async () => {
  [phone, site] = await Promise.all([launchWithExtension(undefined, { phone: true }), startSite()]);
});
afterAll(async () => {
  await phone?.close();
  await site?.close();
});

/** Nothing wider than the screen; every visible control at least 44×44 CSS px (a checkbox or radio: its label). */
async function expectUsable(page: Page | Frame): Promise<void> {
  const m = await page.evaluate(() => {
    const controls = [...document.querySelectorAll<HTMLElement>('button, select, input, textarea, a[href]')]
      .map((el) => (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') ? (el.closest('label') ?? el) : el))
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.classList.contains('visually-hidden'));
    const small = controls
      .map((el) => ({ el: el.id || `${el.tagName.toLowerCase()}.${el.className}`, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 44 || r.height < 43.5)
      .map(({ el, r }) => `${el} ${Math.round(r.width)}×${Math.round(r.height)}`);
    return { small, count: controls.length, overflow: document.documentElement.scrollWidth - window.innerWidth, width: window.innerWidth };
  });
  expect(m.count).toBeGreaterThan(0);
  expect(m.small).toEqual([]);
  expect(m.overflow).toBeLessThanOrEqual(0);
}

describe('on a phone (360×740, touch)', () => {
  it('is a touch device at 360 px', async () => {
    const page = await phone.open('stamp.html');
    expect(await page.evaluate(() => [window.innerWidth, navigator.maxTouchPoints > 0, 'ontouchstart' in window])).toEqual([360, true, true]);
    await page.close();
  });

  it.each(['popup.html?site=okx.com', 'options.html'])('%s fits the screen, with finger-sized targets', async (path) => {
    const page = await phone.open(path);
    if (path.startsWith('options')) {
      await page.locator('#new-site').fill('okx.com');
      await page.locator('#add-site').tap();
      await page.locator('#sites').waitFor(); // the site table too
    } else await page.locator('#stamp').waitFor();
    await expectUsable(page);
    await page.close();
  });

  it('stamping page: choose by tapping, black out a box by touch, save', async () => {
    const page = await phone.open('stamp.html?site=okx.com');
    await page.locator('#stamp').waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#choose').tap();
    await (await chooser).setFiles(PHOTO);
    await page.locator('#preview-img:not([hidden])').waitFor({ timeout: 30_000 });
    await expectUsable(page);

    // A finger drags a box over the preview (trusted touch events through the DevTools protocol).
    await page.locator('.redact canvas').scrollIntoViewIfNeeded();
    const layer = (await page.locator('.redact canvas').boundingBox())!;
    const at = (fx: number, fy: number) => ({ x: layer.x + layer.width * fx, y: layer.y + layer.height * fy });
    const cdp = await phone.context.newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(0.3, 0.3)] });
    for (let i = 1; i <= 5; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(0.3 + 0.06 * i, 0.3 + 0.04 * i)] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForFunction(() => /1/.test(document.getElementById('redact-count')?.textContent ?? ''));

    const download = page.waitForEvent('download', { timeout: 90_000 }); // a 12 MP stamp on a loaded 2-core machine
    await page.waitForTimeout(600); // a tap right after the drag would count as a double tap
    await page.locator('#stamp').tap();
    // A tap the page did not take (nothing in the status line) is tapped again, as a person would.
    const took = await page
      .locator('#status')
      .filter({ hasText: /\S/ })
      .waitFor({ timeout: 10_000 })
      .then(
        () => true,
        () => false,
      );
    if (!took) await page.locator('#stamp').tap();
    const path = join(out, 'phone-redacted.jpg');
    await (await download).saveAs(path);
    expect(leftovers(exiftool(path))).toEqual([]);
    expect(darkShare(await uprightRgb(path), { x: 0.32, y: 0.32, w: 0.26, h: 0.16 })).toBeGreaterThan(0.8);
    expect(darkShare(await uprightRgb(PHOTO), { x: 0.32, y: 0.32, w: 0.26, h: 0.16 })).toBeLessThan(0.5);
    await page.close();
  });

  it('the guard catches a photo from a camera (capture) input; the prompt fits and works by touch', async () => {
    const page = await phone.newPage();
    await page.goto(`${site.origin}/capture.html`);
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#cam').tap();
    await (await chooser).setFiles(PHOTO);
    const prompt = await waitForPrompt(page, '#preview-img:not([hidden])');
    await expectUsable(prompt);
    expect(await page.evaluate(() => (document.getElementById('cam') as HTMLInputElement).files!.length)).toBe(0); // held back
    // A tap counts once the prompt has been seen for a moment (guard/prompt/visible.ts): an
    // earlier one, on a loaded machine before the frame was seen at all, moves the prompt to a
    // window of its own, where this test would wait for nothing.
    await prompt.locator('[data-armed] #go').waitFor();
    await prompt.locator('#go').tap();
    await page.waitForFunction(() => (window as unknown as { __received: unknown[] }).__received.length === 1, undefined, { timeout: 60_000 });
    const [r] = await page.evaluate(() => (window as unknown as { __received: { name: string; type: string; base64: string }[] }).__received);
    expect(r).toMatchObject({ name: 'photo-stamped.jpg', type: 'image/jpeg' });
    const path = join(out, 'from-camera.jpg');
    writeFileSync(path, Buffer.from(r!.base64, 'base64'));
    expect(leftovers(exiftool(path))).toEqual([]);
    const d = changedFractions(await uprightRgb(PHOTO), await uprightRgb(path));
    for (const f of d.cells) expect(f).toBeGreaterThan(0.003); // the watermark everywhere
    await page.close();
  });
});
