// The upload guard on local test sites that report what their own code received: the person
// picks or drops an ID photo, the prompt appears, and the page gets what the person chose.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, waitForFrame, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import { en } from '../../src/i18n/messages.ts';
import { DEFAULT_FIXTURES_DIR as img } from '../fixtures/make-fixtures.ts';
import { DEFAULT_PDF_FIXTURES_DIR as pdfs } from '../fixtures/make-pdf-fixtures.ts';
import { exiftool, leftovers } from '../helpers/exiftool.ts';
import { qpdfCheck } from '../helpers/pdf.ts';
import { changedFractions, uprightRgb } from '../helpers/pixels.ts';
import { promptFinder } from '../helpers/prompt.ts';
import { startSite, type Site } from './site-server.ts';

interface Received {
  via: string;
  name: string;
  type: string;
  size: number;
  base64: string;
}

const out = mkdtempSync(join(tmpdir(), 'idstamp-guard-'));
let browser: ExtensionBrowser;
let site: Site;
let widgetSite: Site;
const requests: string[] = [];

beforeAll(async () => {
  [site, widgetSite] = await Promise.all([startSite('127.0.0.1'), startSite('localhost')]);
  browser = await launchWithExtension();
  browser.context.on('request', (r) => requests.push(r.url()));
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([site?.close(), widgetSite?.close()]);
});

const PHOTO = join(img, 'photo.jpg');

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${site.origin}/${path}`);
  return page;
}

// The prompt as the person sees it: in a frame of the page (or of a widget in it), or in a
// window of its own where a framed prompt moves when it cannot confirm it is seen (a loaded
// machine); answering a windowed prompt closes it, perhaps before the click returns.
const { shownPrompt, answer } = promptFinder(() => browser);
const promptIn = (page: Page) => shownPrompt(page);

async function received(frame: Page | Frame, count = 1): Promise<Received[]> {
  await frame.waitForFunction((n) => (window as unknown as { __received: unknown[] }).__received?.length >= n, count, { timeout: 60_000 });
  return frame.evaluate(() => (window as unknown as { __received: Received[] }).__received);
}

function save(r: Received): string {
  const path = join(out, `${Math.random().toString(36).slice(2)}-${r.name}`);
  writeFileSync(path, Buffer.from(r.base64, 'base64'));
  return path;
}

/** What the page got is a stamped, clean copy of `original`. */
async function expectStamped(r: Received, original: string): Promise<void> {
  const path = save(r);
  expect(leftovers(exiftool(path))).toEqual([]);
  const d = changedFractions(await uprightRgb(original), await uprightRgb(path));
  for (const f of d.cells) expect(f).toBeGreaterThan(0.003);
}

describe('upload guard (Chromium)', () => {
  it('plain input: prompt, "Stamp and use", the page’s handler gets the stamped clean file', async () => {
    const page = await open('plain.html');
    await page.locator('#doc').setInputFiles(PHOTO);
    const prompt = await promptIn(page);
    expect(await prompt.inputValue('#purpose')).toBe('Only for 127.0.0.1 identity verification');
    expect(await page.evaluate(() => (document.getElementById('doc') as HTMLInputElement).files!.length)).toBe(0); // held back meanwhile
    await answer(prompt, '#go');
    const [r] = await received(page);
    expect(r).toMatchObject({ via: 'change', name: 'photo-stamped.jpg', type: 'image/jpeg' });
    await expectStamped(r!, PHOTO);
    expect(await page.evaluate(() => (window as unknown as { __events: number }).__events)).toBe(1); // one change event, not two
    await page.close();
  });

  it('"Use original" gives the original; "Cancel" gives nothing', async () => {
    const page = await open('plain.html');
    await page.locator('#doc').setInputFiles(PHOTO);
    await answer(await promptIn(page), '#original');
    const [r] = await received(page);
    expect(Buffer.from(r!.base64, 'base64').equals(readFileSync(PHOTO))).toBe(true);
    await page.waitForFunction(() => !document.querySelector('idstamp-prompt')); // the old prompt is gone

    await page.locator('#doc').setInputFiles(join(img, 'photo.png'));
    await answer(await promptIn(page), '#cancel');
    await page.waitForTimeout(500);
    expect((await page.evaluate(() => (window as unknown as { __received: unknown[] }).__received)).length).toBe(1);
    expect(await page.evaluate(() => (document.getElementById('doc') as HTMLInputElement).files!.length)).toBe(0);
    expect(page.frames().some((f) => f.url().includes('prompt.html'))).toBe(false);
    await page.close();
  });

  it('several files, a PDF among them, and a non-document passing untouched', async () => {
    const page = await open('plain.html');
    await page.locator('#doc').setInputFiles([PHOTO, join(pdfs, 'statement.pdf')]);
    const prompt = await promptIn(page);
    expect(await prompt.locator('#files li').count()).toBe(2);
    await answer(prompt, '#go');
    const [photo, doc] = await received(page, 2);
    await expectStamped(photo!, PHOTO);
    expect(doc).toMatchObject({ name: 'statement-stamped.pdf', type: 'application/pdf' });
    expect(qpdfCheck(save(doc!)).ok).toBe(true);

    await page.locator('#other').setInputFiles(join(img, 'notes.txt'));
    const [, , text] = await received(page, 3);
    expect(text).toMatchObject({ via: 'other', name: 'notes.txt' });
    await page.close();
  });

  it('React-controlled input: React’s onChange sees the stamped file', async () => {
    const page = await open('react.html');
    await page.locator('#doc').setInputFiles(PHOTO);
    await answer(await promptIn(page), '#go');
    const [r] = await received(page);
    expect(r!.via).toBe('react');
    await expectStamped(r!, PHOTO);
    await page.locator('#names li', { hasText: 'photo-stamped.jpg' }).waitFor();
    await page.close();
  });

  it('drop zone: a dropped file is held, stamped, and dropped again on the same target', async () => {
    const page = await open('drop.html');
    const box = (await page.locator('#zone').boundingBox())!;
    const cdp = await browser.context.newCDPSession(page);
    const data = { items: [], files: [resolve(PHOTO)], dragOperationsMask: 1 };
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
    await answer(await promptIn(page), '#go');
    const [r] = await received(page);
    expect(r!.via).toBe('drop');
    await expectStamped(r!, PHOTO);
    await page.close();
  });

  it('input in an open shadow root', async () => {
    const page = await open('shadow.html');
    await page.locator('id-uploader input').setInputFiles(PHOTO);
    await answer(await promptIn(page), '#go');
    const [r] = await received(page);
    expect(r!.via).toBe('shadow');
    await expectStamped(r!, PHOTO);
    await page.close();
  });

  it('detached input that a script creates and clicks', async () => {
    const page = await browser.newPage();
    // File-dialog interception starts with the first listener: before the page, not before the click.
    const chooser = page.waitForEvent('filechooser');
    await page.goto(`${site.origin}/detached.html`);
    await page.click('#pick');
    await (await chooser).setFiles(PHOTO);
    await answer(await promptIn(page), '#go');
    const [r] = await received(page);
    expect(r!.via).toBe('detached');
    await expectStamped(r!, PHOTO);
    await page.close();
  });

  it('cross-origin iframe widget: the prompt runs in the widget, the purpose names the host site', async () => {
    const page = await open(`host.html?widget=${encodeURIComponent(`${widgetSite.origin}/widget.html`)}`);
    const widget = await waitForFrame(
      () => page.frames(),
      (u) => u.startsWith(widgetSite.origin),
      '#w',
    );
    await widget.locator('#w').setInputFiles(PHOTO);
    const prompt = await promptIn(page); // page.frames() holds the widget's frames too
    expect(await prompt.inputValue('#purpose')).toBe('Only for 127.0.0.1 identity verification');
    await answer(prompt, '#go');
    const [r] = await received(widget);
    expect(r!.via).toBe('widget');
    await expectStamped(r!, PHOTO);
    await page.close();
  });

  it('page with a strict Content-Security-Policy', async () => {
    const page = await open('csp.html');
    await page.locator('#doc').setInputFiles(PHOTO);
    await answer(await promptIn(page), '#go');
    await expectStamped((await received(page))[0]!, PHOTO);
    await page.close();
  });

  it('converts to what the field accepts and meets the size it states', async () => {
    const page = await open('jpeg-only.html');
    await page.locator('#doc').setInputFiles(join(img, 'photo.png'));
    const prompt = await promptIn(page);
    expect(await prompt.textContent('body')).toContain('JPEG');
    await answer(prompt, '#go');
    const [r] = await received(page);
    expect(r).toMatchObject({ type: 'image/jpeg', name: 'photo-stamped.jpg' });
    expect(r!.size).toBeLessThanOrEqual(200 * 1024);
    expect(leftovers(exiftool(save(r!)))).toEqual([]);
    await page.close();
  });

  it('warns about a page that poses as a known brand on another domain', async () => {
    const page = await open('lookalike.html');
    await page.locator('#doc').setInputFiles(PHOTO);
    const prompt = await promptIn(page);
    const alert = prompt.locator('#lookalike[role=alert]');
    expect(await alert.textContent()).toContain('OKX');
    expect(await alert.textContent()).toContain('okx.com');
    await answer(prompt, '#cancel');
    await page.close();
  });

  it('page scripts cannot approve: forged messages, clicks and events do nothing', async () => {
    const page = await open('plain.html');
    // A script-made change event is not a person's choice: it passes untouched, no prompt.
    await page.evaluate(() => {
      const input = document.getElementById('doc') as HTMLInputElement;
      const dt = new DataTransfer();
      dt.items.add(new File(['x'], 'fake.jpg', { type: 'image/jpeg' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect((await received(page))[0]!.name).toBe('fake.jpg');
    expect(page.frames().some((f) => f.url().includes('prompt.html'))).toBe(false);

    await page.locator('#doc').setInputFiles(PHOTO);
    const prompt = await promptIn(page);
    const tried = await page.evaluate(() => {
      const host = document.querySelector('idstamp-prompt')!;
      const results = { shadow: host.shadowRoot === null, frames: window.frames.length };
      // Forge the content script's init and a "use" answer, and click the host.
      for (let i = 0; i < window.frames.length; i++) {
        const ch = new MessageChannel();
        window.frames[i]!.postMessage({ type: 'idstamp:init', nonce: 'guess', mode: 'ask', files: [], page: {}, accept: '' }, '*', [ch.port2]);
        window.frames[i]!.postMessage({ type: 'use', files: [] }, '*');
      }
      host.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      window.postMessage({ type: 'use', files: [] }, '*');
      return results;
    });
    expect(tried.shadow).toBe(true); // the prompt's shadow root is closed
    await page.waitForTimeout(800);
    expect((await page.evaluate(() => (window as unknown as { __received: unknown[] }).__received)).length).toBe(1);
    expect(await prompt.locator('#go').isEnabled()).toBe(true); // still waiting for the person
    await answer(prompt, '#cancel');
    await page.close();
  });

  it('leaves ordinary uploads alone (not a verification page)', async () => {
    const page = await open('avatar.html');
    await page.locator('#pic').setInputFiles(PHOTO);
    const [r] = await received(page);
    expect(Buffer.from(r!.base64, 'base64').equals(readFileSync(PHOTO))).toBe(true);
    expect(page.frames().some((f) => f.url().includes('prompt.html'))).toBe(false);
    await page.close();
  });

  it('silent mode removes metadata from every image upload, without a prompt', async () => {
    const options = await browser.open('options.html');
    await options.check('#silent-strip');
    await options.locator('#saved', { hasText: en.savedNote }).waitFor();
    const page = await open('avatar.html');
    await page.locator('#pic').setInputFiles(PHOTO);
    const [r] = await received(page);
    const path = save(r!);
    expect(leftovers(exiftool(path), { allowOrientation: true })).toEqual([]);
    expect(changedFractions(await uprightRgb(PHOTO), await uprightRgb(path)).overall).toBe(0);
    await options.uncheck('#silent-strip');
    await options.locator('#saved', { hasText: en.savedNote }).waitFor();
    await Promise.all([page.close(), options.close()]);
  });

  it('made no network request of its own', () => {
    const allowed = [site.origin, widgetSite.origin, `chrome-extension://${browser.extensionId}/`, 'data:', 'blob:'];
    // The prompt's session address (use_dynamic_url) is the extension too.
    const foreign = requests.filter((u) => !allowed.some((a) => u.startsWith(a)) && !/^chrome-extension:\/\/[0-9a-f-]{36}\/prompt\.html$/.test(u));
    expect(requests.length).toBeGreaterThan(10);
    expect(foreign).toEqual([]);
  });
});
