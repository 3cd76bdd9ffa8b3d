// The popup as a person uses it, in Chromium with the built extension: choose, preview, one
// click, a download that exiftool and pixels say is right; settings and history across pages.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import { fill } from '../../src/core/fill.ts';
import { en } from '../../src/i18n/messages.ts';
import { readTree } from '../helpers/locales.ts';
import { DEFAULT_FIXTURES_DIR as img } from '../fixtures/make-fixtures.ts';
import { DEFAULT_PDF_FIXTURES_DIR as pdf } from '../fixtures/make-pdf-fixtures.ts';
import { exiftool, leftovers } from '../helpers/exiftool.ts';
import { pdftotext, qpdfCheck } from '../helpers/pdf.ts';
import { changedFractions, markCorrelation, resizedLike, storedRgba, uprightRgb, type Raw } from '../helpers/pixels.ts';
import { shownPreview } from '../helpers/preview.ts';
import { untilInPage } from '../helpers/until.ts';

const zh_CN = readTree('zh_CN').ui;

/** The extension API inside its pages, as the functions sent there use it. */
declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };

const out = mkdtempSync(join(tmpdir(), 'idstamp-e2e-'));
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension();
});
afterAll(() => browser?.close());

async function popup(site = 'www.okx.com'): Promise<Page> {
  const page = await browser.open(`popup.html?site=${site}`);
  await page.locator('#stamp').waitFor();
  return page;
}

async function saveDownload(d: Download): Promise<string> {
  const path = join(out, `${Date.now()}-${d.suggestedFilename()}`);
  await d.saveAs(path);
  return path;
}

/** Chooses files, waits for the preview, clicks a button, returns the saved downloads. */
async function stampFiles(page: Page, files: string[], button = '#stamp'): Promise<string[]> {
  await page.locator('#files').setInputFiles(files);
  await page.locator('#preview-img:not([hidden])').waitFor({ timeout: 30_000 });
  const downloads: Promise<Download>[] = [];
  const listener = (d: Download) => downloads.push(Promise.resolve(d));
  page.on('download', listener);
  await page.click(button);
  await page.locator('#status', { hasText: fill(en.saved, { done: String(files.length), total: String(files.length) }) }).waitFor({ timeout: 60_000 });
  page.off('download', listener);
  return Promise.all((await Promise.all(downloads)).map(saveDownload));
}

describe('popup', () => {
  it('prefills the purpose for the site and previews the watermark on the first file', async () => {
    const page = await popup();
    expect(await page.inputValue('#purpose')).toBe('Only for okx.com identity verification');
    expect(await page.inputValue('#site')).toBe('okx.com');
    await page.locator('#files').setInputFiles([join(img, 'photo.jpg')]);
    const preview = page.locator('#preview-img:not([hidden])');
    await preview.waitFor({ timeout: 30_000 });
    expect(await preview.getAttribute('alt')).toBe('Preview of photo.jpg');
    expect(await preview.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(100);
    await page.close();
  });

  it('fits: the main action stays visible in the 600-px popup and at 1280×800; bad files are marked', async () => {
    /** The button is inside the viewport and is what a click at its centre lands on. */
    const reachable = (page: Page, sel: string) =>
      page.evaluate((s) => {
        const el = document.querySelector(s)!;
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return r.bottom <= innerHeight && r.top >= 0 && (hit === el || el.contains(hit));
      }, sel);
    for (const [path, width, height] of [
      ['popup.html?site=okx.com', 400, 600],
      ['stamp.html?site=okx.com', 1280, 800],
    ] as const) {
      const page = await browser.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
      await page.locator('#files').setInputFiles([join(img, 'photo.jpg'), join(img, 'empty.jpg'), join(img, 'phone.jpg')]);
      await page.locator('#preview-img:not([hidden])').waitFor({ timeout: 30_000 });
      // The empty file is marked with its reason; the others are still usable.
      await page.locator('#file-list li.bad', { hasText: 'empty.jpg' }).waitFor({ timeout: 30_000 });
      expect(await page.textContent('#file-list li.bad')).toContain('The file is empty');
      expect(await page.isEnabled('#stamp')).toBe(true);
      expect(await reachable(page, '#stamp'), path).toBe(true);
      expect(await reachable(page, '#clean'), path).toBe(true);
      // Body text is the type scale's 15 px, not Chrome's 75 % default for extension pages.
      expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('15px');
      // Click to enlarge.
      await page.click('#zoom');
      await page.locator('dialog.zoom[open] img').waitFor();
      await page.keyboard.press('Escape');
      await page.locator('dialog.zoom').waitFor({ state: 'detached' });
      await page.close();
    }
    // Only a bad file: nothing to save.
    const page = await popup();
    await page.locator('#files').setInputFiles([join(img, 'empty.jpg')]);
    await page.locator('#file-list li.bad').waitFor({ timeout: 30_000 });
    expect(await page.isDisabled('#stamp')).toBe(true);
    await page.close();
  });

  it('one decision: with a photo chosen, its preview, the purpose line and the main button are in view at 400×600', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 400, height: 600 });
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html?site=okx.com`);
    await page.locator('#stamp').waitFor();
    await page.locator('#files').setInputFiles([join(img, 'photo.jpg')]);
    await page.locator('#preview-img:not([hidden])').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => (document.getElementById('preview-img') as HTMLImageElement).complete);
    const boxes = await page.evaluate(() => {
      const bar = document.querySelector('.actions.sticky')!.getBoundingClientRect();
      const rect = (s: string) => document.querySelector(s)!.getBoundingClientRect().toJSON() as { top: number; bottom: number; height: number };
      return { scrollY, bar: bar.top, rects: { '#preview-img': rect('#preview-img'), '#purpose': rect('#purpose'), '#stamp': rect('#stamp') } };
    });
    expect(boxes.scrollY).toBe(0);
    for (const s of ['#preview-img', '#purpose', '#stamp'] as const) {
      const r = boxes.rects[s];
      expect(r.top, s).toBeGreaterThanOrEqual(0);
      expect(r.bottom, s).toBeLessThanOrEqual(600);
      expect(r.height, s).toBeGreaterThan(0);
    }
    // The preview is not under the sticky buttons, and big enough to judge the mark.
    expect(boxes.rects['#preview-img'].bottom).toBeLessThanOrEqual(boxes.bar);
    expect(boxes.rects['#preview-img'].height).toBeGreaterThanOrEqual(150);
    await page.close();
  });

  it('saves the copy it previewed: the same trace code and the same mark, at full size', async () => {
    const page = await popup('www.binance.com');
    await page.locator('#files').setInputFiles([join(img, 'photo.jpg')]);
    let shown = await shownPreview(page);
    // A new purpose line: a new preview; the save must match this last one.
    await page.fill('#purpose', 'Only for OKX, December');
    shown = await shownPreview(page, shown.src);
    expect(shown.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await page.textContent('#preview-code')).toBe(shown.code);
    const download = page.waitForEvent('download');
    await page.click('#stamp');
    const saved = await saveDownload(await download);
    expect(await page.locator('#results .code').textContent()).toBe(shown.code);
    // What the mark changed from the unstamped photo, compared at a fifth of the preview's
    // size (the tile pattern, not single strokes that resampling blurs).
    const small = { width: Math.round(shown.rgb.width / 5), height: Math.round(shown.rgb.height / 5) } as Raw;
    const original = await resizedLike(join(img, 'photo.jpg'), small);
    const savedSmall = await resizedLike(saved, small);
    const same = markCorrelation(await resizedLike(shown.bytes, small), savedSmall, original);
    // The next copy gets its own code and layout: its preview no longer matches the saved file.
    const next = await shownPreview(page, shown.src);
    expect(next.code).not.toBe(shown.code);
    // And the two after it (saving each copy in turn): a layout is a random draw, and one in
    // about ten lands close to the saved copy's (0.35 once in CI, 0.25 against a limit of 0.26
    // in another run); three such draws in a row are rare.
    const later = [next];
    while (later.length < 3) {
      const last = later[later.length - 1]!;
      const saving = page.waitForEvent('download');
      await page.click('#stamp');
      await saving;
      await expect.poll(() => page.locator('#results .code').first().textContent()).toBe(last.code);
      // The preview may change more than once before the following copy's is shown.
      let after = await shownPreview(page, last.src);
      while (after.code === last.code) after = await shownPreview(page, after.src);
      expect(after.code).not.toBe(shown.code);
      later.push(after);
    }
    const others = later.map(async (p) => markCorrelation(await resizedLike(p.bytes, small), savedSmall, original));
    const other = Math.min(...(await Promise.all(others)));
    console.log(`mark correlation, preview vs saved copy: ${same.toFixed(2)}; later previews vs saved copy: ${other.toFixed(2)} (the lowest of three)`);
    // Measured: 0.47–0.56 for the saved copy, 0.11–0.24 for another copy's layout in most runs
    // (the same photo, text and look; only the code and the small random shift differ).
    expect(same).toBeGreaterThan(0.35);
    expect(other).toBeLessThan(same / 2);
    await page.close();
  });

  it('shows a result card per file: new name, sizes, what was removed, the trace code, where it went', async () => {
    const page = await popup();
    await stampFiles(page, [join(img, 'phone.jpg')]);
    const card = page.locator('#results li.result').first();
    const text = (await card.textContent())!;
    expect(text).toContain('phone.jpg → phone-stamped.jpg');
    expect(text).toMatch(/\d+(\.\d+)? [KM]B → \d+(\.\d+)? [KM]B/);
    expect(text).toContain('GPS location');
    expect(await card.locator('.code').textContent()).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(text).toContain(en.resultDownloads);
    await page.close();
  });

  it("shows the guard's state for the site and switches it in one click", async () => {
    const page = await popup();
    const state = page.locator('#guard-state');
    expect(await state.getAttribute('data-state')).toBe('asks-verification');
    expect(await state.textContent()).toContain(fill(en.guardStateVerification, { site: 'okx.com' }));
    await page.click('#guard-toggle');
    await page.locator('#guard-state[data-state="off-here"]').waitFor();
    const rule = () => page.evaluate(async () => ((await chrome.storage.local.get('settings')) as { settings?: { sites?: Record<string, { rule: string }> } }).settings?.sites?.['okx.com']?.rule);
    expect(await rule()).toBe('never');
    await page.click('#guard-toggle');
    await page.locator('#guard-state[data-state="asks-every"]').waitFor();
    expect(await rule()).toBe('ask');
    expect(await state.textContent()).toContain(fill(en.guardStateEvery, { site: 'okx.com' }));
    await page.close();
  });

  it('stamps a photo in one click: upright, watermarked, clean', async () => {
    const page = await popup();
    const [file] = await stampFiles(page, [join(img, 'phone.jpg')]);
    expect(file).toMatch(/phone-stamped\.jpg$/);
    expect(leftovers(exiftool(file!))).toEqual([]);
    const before = await uprightRgb(join(img, 'phone.jpg'));
    const after = await uprightRgb(file!);
    expect([after.width, after.height]).toEqual([3024, 4032]);
    const d = changedFractions(before, after);
    for (const f of d.cells) expect(f).toBeGreaterThan(0.003);
    expect(await page.locator('#results li').first().textContent()).toContain('GPS location');
    await page.close();
  });

  it('stamps a PDF and several files at once', async () => {
    const page = await popup();
    const files = await stampFiles(page, [join(pdf, 'statement.pdf'), join(img, 'photo.png'), join(img, 'photo.webp')]);
    expect(files.map((f) => f.replace(/^.*\d-/, ''))).toEqual(['statement-stamped.pdf', 'photo-stamped.png', 'photo-stamped.webp']);
    expect(qpdfCheck(files[0]!).ok).toBe(true);
    expect(pdftotext(files[0]!).trim()).toBe('');
    for (const f of files) expect(leftovers(exiftool(f)), f).toEqual([]);
    await page.close();
  });

  it('cleans only, losslessly, in one click (with the invisible trace unticked)', async () => {
    const page = await popup();
    // The clean copy carries the invisible trace by default; the lossless strip that keeps every
    // pixel is one untick away.
    await page.click('#more-toggle');
    await page.uncheck('#trace-clean');
    const [file] = await stampFiles(page, [join(img, 'photo.jpg')], '#clean');
    expect(leftovers(exiftool(file!), { allowOrientation: true })).toEqual([]);
    expect((await storedRgba(file!)).data.equals((await storedRgba(join(img, 'photo.jpg'))).data)).toBe(true);
    await page.close();
  });

  it('copies a stamped image to the clipboard', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await popup();
    await page.locator('#files').setInputFiles([join(img, 'photo.jpg')]);
    await page.locator('#preview-img:not([hidden])').waitFor({ timeout: 30_000 });
    await page.click('#copy');
    await page.locator('#status', { hasText: en.copied }).waitFor();
    const size = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const blob = await item!.getType('image/png');
      const bmp = await createImageBitmap(blob);
      return [bmp.width, bmp.height];
    });
    expect(size).toEqual([1200, 800]);
    await page.close();
  });

  it('works by keyboard alone', async () => {
    const page = await popup();
    await page.bringToFront(); // keys and the file dialog's user activation go to the front tab
    // Playwright turns file-dialog interception on when the first listener is added; do it early.
    const chooser = page.waitForEvent('filechooser');
    // The purpose language, site and preset are one click away: open them, as a person would.
    await page.click('#more-toggle');
    await page.focus('#purpose');
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id ?? ''));
    }
    // With no file chosen the action buttons are disabled, so focus moves on to the footer.
    expect(order).toEqual(['purpose-lang', 'site', 'preset', 'trace-clean', 'choose', 'open-tab']);
    await page.focus('#choose');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(join(img, 'photo.png'));
    await page.locator('#preview-img:not([hidden])').waitFor({ timeout: 30_000 });
    const download = page.waitForEvent('download');
    await page.focus('#stamp');
    await page.keyboard.press('Enter');
    const file = await saveDownload(await download);
    expect(leftovers(exiftool(file))).toEqual([]);
    await page.close();
  });
});

describe('settings and history', () => {
  it('persist across reloads, reach the popup, and record every stamp', async () => {
    const options = await browser.open('options.html');
    await options.selectOption('#naming', 'neutral');
    await options.selectOption('#preset', 'strict');
    // Both changes are in storage before the reload.
    await untilInPage(options, async () => {
      const { settings } = (await chrome.storage.local.get('settings')) as { settings?: { preset?: string; output?: { naming?: string } } };
      return settings?.preset === 'strict' && settings.output?.naming === 'neutral';
    });
    await options.reload();
    expect(await options.inputValue('#naming')).toBe('neutral');
    expect(await options.inputValue('#preset')).toBe('strict');

    const page = await popup('verify.kraken.com');
    expect(await page.inputValue('#preset')).toBe('strict');
    await page.fill('#purpose', 'Only for Kraken account verification');
    const [file] = await stampFiles(page, [join(img, 'photo.jpg')]);
    expect(file).toMatch(/document-[0-9A-Z]{8}\.jpg$/);
    const sha = execFileSync('sha256sum', [file!], { encoding: 'utf8' }).split(' ')[0];

    // The history lists it (live, without reload), with the download's fingerprint.
    const row = options.locator('#history tbody tr', { hasText: sha! });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('kraken.com');
    expect(await row.textContent()).toContain('Only for Kraken account verification');
    expect(await row.locator('td.file').textContent()).toBe(basename(file!).replace(/^\d+-/, ''));

    // "Which copy is this?": the saved file is matched by its hash, a typed code (any case, no
    // dash) by the code, and a file that was never saved here matches nothing: not by its hash,
    // and no invisible trace code is read from it.
    await options.setInputFiles('#which-file', file!);
    await options.locator('#which-answer', { hasText: en.whichFoundFile.replace(' ({count}):', '') }).waitFor();
    expect(await options.textContent('#which-answer')).toContain('Only for Kraken account verification');
    const code = (await row.locator('td.code').textContent())!;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await options.fill('#which-code', code.replace('-', ' ').toLowerCase());
    await options.click('#which-find');
    await options.locator('#which-answer', { hasText: en.whichFoundCode.replace(' ({count}):', '') }).waitFor();
    expect(await options.textContent('#which-answer')).toContain('kraken.com');
    await options.setInputFiles('#which-file', join(img, 'photo.jpg'));
    await options.locator('#which-answer', { hasText: en.whichNoTrace }).waitFor({ timeout: 30_000 });
    // The purpose is remembered for the site.
    await options.reload();
    expect(await options.inputValue('#sites tbody tr:has-text("kraken.com") input[type=text]')).toBe('Only for Kraken account verification');
    const again = await popup('kraken.com');
    expect(await again.inputValue('#purpose')).toBe('Only for Kraken account verification');

    // Search, export, clear.
    await options.fill('#history-search', 'kraken');
    expect(await options.locator('#history tbody tr').count()).toBe(1);
    const csv = options.waitForEvent('download');
    await options.click('#export-csv');
    const csvText = readFileSync(await saveDownload(await csv), 'utf8');
    expect(csvText).toContain(sha!);
    expect(csvText.split('\r\n')[0]).toBe('\uFEFFat,name,site,purpose,code,mode,type,pages,sha256');
    options.once('dialog', (d) => d.accept());
    await options.click('#clear-history');
    await options.locator('#history-count', { hasText: en.historyEmpty }).waitFor();
    // An empty history shows no table and nothing to export or clear.
    expect(await options.locator('#history').count()).toBe(0);
    expect(await options.isDisabled('#export-csv')).toBe(true);
    expect(await options.isDisabled('#clear-history')).toBe(true);

    // History off: nothing is recorded.
    await options.uncheck('#history-enabled');
    await untilInPage(options, async () => ((await chrome.storage.local.get('settings')) as { settings?: { history?: { enabled?: boolean } } }).settings?.history?.enabled === false);
    await stampFiles(again, [join(img, 'photo.png')]);
    await options.reload();
    expect(await options.locator('#history tbody tr').count()).toBe(0);

    // Back to defaults for the other tests.
    options.once('dialog', (d) => d.accept());
    await options.click('#reset');
    await options.waitForFunction(() => (document.getElementById('naming') as HTMLSelectElement | null)?.value === 'suffix');
    await Promise.all([options.close(), page.close(), again.close()]);
  });
});

describe('in Chinese', () => {
  it('follows the browser language', async () => {
    const zh = await launchWithExtension(undefined, { lang: 'zh-CN' });
    try {
      const page = await zh.open('popup.html?site=okx.com');
      await page.locator('#stamp').waitFor();
      expect(await page.textContent('#stamp')).toBe(zh_CN.stampSave);
      expect(await page.inputValue('#purpose')).toBe('仅用于okx.com身份认证');
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      const options = await zh.open('options.html');
      // The page's module goes on after the load event (it awaits the settings, and the
      // messages when it loads them itself): its controls are there once it has localized.
      await options.locator('#ui-lang').waitFor();
      expect(await options.textContent('h1')).toBe(zh_CN.optionsTitle);
    } finally {
      await zh.close();
    }
  });
});
