// The upload guard's prompt as a person uses it (issue 13, 15, 16): files picked through the
// real file chooser on local pages, the prompt answered with the mouse and the keyboard,
// wherever it shows (framed in the page, or in a window of its own on a loaded machine).
// Oracles: the pixels of the preview and of what the page received (sharp), the settings and
// history as stored, the page's DOM as the browser has it (closed shadow roots included, CDP).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import { MIN_FRAME } from '../../src/guard/content/frame.ts';
import { fill } from '../../src/core/fill.ts';
import { en } from '../../src/i18n/messages.ts';
import { renderDocument, SAMPLE_FIELDS } from '../fixtures/documents.ts';
import { DEFAULT_FIXTURES_DIR as img } from '../fixtures/make-fixtures.ts';
import { exiftool, leftovers } from '../helpers/exiftool.ts';
import { changedFractions, darkShare, resizedLike, uprightRgb, type Raw } from '../helpers/pixels.ts';
import { promptFinder } from '../helpers/prompt.ts';
import { shownPreview } from '../helpers/preview.ts';
import { startSite, type Site } from './site-server.ts';

interface Received {
  via: string;
  name: string;
  type: string;
  size: number;
  base64: string;
}
interface Stored {
  settings?: { sites?: Record<string, { rule?: string; copy?: string; purposeLang?: string; purpose?: string }> } & Record<string, unknown>;
  history?: { code: string; purpose: string; site: string }[];
}

const dir = mkdtempSync(join(tmpdir(), 'idstamp-prompt-'));
const PHOTO = join(img, 'photo.jpg');
const passport = join(dir, 'passport.jpg');
/** A sheet of paper: the mark on it can be read back by OCR. */
const paper = join(dir, 'paper.jpg');
let browser: ExtensionBrowser;
let site: Site;
let other: Site;
const { shownPrompt, choose, promptGone, answer } = promptFinder(() => browser);

beforeAll(async () => {
  [site, other, browser] = await Promise.all([startSite('127.0.0.1'), startSite('localhost'), launchWithExtension()]);
  await sharp((await renderDocument('passport', SAMPLE_FIELDS.passport)).png)
    .jpeg({ quality: 92 })
    .toFile(passport);
  await sharp({ create: { width: 1600, height: 1100, channels: 3, background: '#f4f1ea' } })
    .jpeg({ quality: 92 })
    .toFile(paper);
});

/** The mark's text as tesseract reads it: the picture turned level (the mark's default angle is -30°), ink against paper. */
async function ocr(picture: Buffer): Promise<string> {
  const level = join(dir, `ocr-${Math.random().toString(36).slice(2)}.png`);
  await sharp(picture).rotate(30, { background: '#f4f1ea' }).greyscale().resize({ width: 2100 }).threshold(225).toFile(level);
  return execFileSync('tesseract', [level, '-', '--psm', '11'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/\s+/g, ' ');
}
afterAll(async () => {
  await browser?.close();
  await Promise.all([site?.close(), other?.close()]);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const worker = async () => browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
type Chrome = { chrome: { storage: { local: { get(k: null): Promise<Stored>; set(v: object): Promise<void> } } } };
const stored = async (): Promise<Stored> => (await worker()).evaluate(() => (globalThis as unknown as Chrome).chrome.storage.local.get(null));
/** Site entries as the test needs them (the rest of the settings as they are). */
async function setSites(sites: Record<string, object>): Promise<void> {
  const s = (await stored()).settings;
  if (!s && !Object.keys(sites).length) return;
  await (await worker()).evaluate((v) => (globalThis as unknown as Chrome).chrome.storage.local.set({ settings: v }), { ...(s ?? { schemaVersion: 3 }), sites });
}
beforeEach(() => setSites({}));

async function open(path: string, origin = site.origin): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${origin}/${path}`);
  return page;
}
/** The person clicks the page's field and picks files in the browser's file chooser. */
async function pick(page: Page, files: string | string[], selector = '#doc'): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.click(selector);
  await (await chooser).setFiles(files);
}
const got = (page: Page) => page.evaluate(() => (window as unknown as { __received: Received[] }).__received);
async function received(page: Page, n = 1): Promise<Received[]> {
  await page.waitForFunction((k) => (window as unknown as { __received: unknown[] }).__received.length >= k, n, { timeout: 60_000 });
  return got(page);
}
const save = (r: Received) => {
  const path = join(dir, `${Math.random().toString(36).slice(2)}-${r.name}`);
  writeFileSync(path, Buffer.from(r.base64, 'base64'));
  return path;
};

/**
 * "Stamp and use" (or "Clean and use"): clicked on the prompt the person sees, again if a
 * not-yet-armed prompt let the click pass; resolves with the prompt showing its confirmation.
 */
async function go(page: Page): Promise<Frame> {
  for (let tries = 0; tries < 4; tries++) {
    const p = await shownPrompt(page, 45_000, '[data-armed] #go:enabled');
    await answer(p, '#go');
    await sleep(1500);
    // Taken: the buttons are off while it works, then the confirmation replaces them.
    const taken = await p
      .locator('#go:disabled, #done')
      .count()
      .catch(() => 0);
    if (!taken) continue;
    await p.locator('#done').waitFor({ timeout: 90_000 });
    return p;
  }
  throw new Error('"Stamp and use" was never taken');
}

const preview = shownPreview;
/** The original at the preview's size: what a preview without a mark looks like. */
const originalAt = resizedLike;

/** The text of IDStamp's notice on the page, read through the closed shadow root (CDP pierces it). */
async function toastText(page: Page): Promise<string | undefined> {
  const cdp = await browser.context.newCDPSession(page);
  type DomNode = { nodeName: string; nodeType: number; nodeValue: string; children?: DomNode[]; shadowRoots?: DomNode[] };
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  let text: string | undefined;
  const walk = (n: DomNode, inToast: boolean, parent: string) => {
    if (inToast && n.nodeType === 3 && parent === 'DIV') text = (text ?? '') + n.nodeValue;
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c, inToast || n.nodeName === 'IDSTAMP-TOAST', n.nodeName);
  };
  walk(root, false, '');
  await cdp.detach();
  return text;
}
async function waitForToast(page: Page): Promise<string> {
  for (let end = Date.now() + 15_000; Date.now() < end; await sleep(100)) {
    const t = await toastText(page);
    if (t) return t;
  }
  throw new Error('no toast');
}

describe('the prompt shows what the page will get', () => {
  it('preview follows the purpose, the mode and the black boxes; a short confirmation; a toast that tells nothing private', { timeout: 240_000 }, async () => {
    const page = await open('plain.html');
    await pick(page, paper);
    const p = await shownPrompt(page);
    let shot = await preview(p);
    const plain = await originalAt(paper, shot.rgb);
    expect(await ocr(shot.bytes)).not.toContain('QUARTZ');

    // The purpose line is drawn as typed (read back from the preview by OCR).
    await p.fill('#purpose', 'ZEBRA QUARTZ JUMPS');
    shot = await preview(p, shot.src);
    expect(await ocr(shot.bytes)).toContain('ZEBRA QUARTZ JUMPS');
    const inkStamped = changedFractions(plain, shot.rgb);
    for (const c of inkStamped.cells) expect(c).toBeGreaterThan(0.003); // marked everywhere

    // "A cleaned copy without watermark": the preview carries no mark, the purpose is off.
    await p.click('#what-clean');
    shot = await preview(p, shot.src);
    const inkClean = changedFractions(plain, shot.rgb).overall;
    console.log(`preview pixels changed from the original: stamped ${inkStamped.overall.toFixed(3)}, clean ${inkClean.toFixed(3)}`);
    expect(inkClean).toBeLessThan(Math.min(0.01, inkStamped.overall / 5));
    expect(await ocr(shot.bytes)).not.toContain('QUARTZ');
    expect(await p.locator('#purpose').isDisabled()).toBe(true);
    expect(await p.textContent('#go')).toBe(en.cleanUse);
    await p.click('#what-stamp');
    shot = await preview(p, shot.src);
    expect(await p.textContent('#go')).toBe(en.stampUse);

    // A black box drawn with the mouse is in the preview itself.
    const canvas = (await p.locator('.redact canvas').boundingBox())!;
    const mouse = p.page().mouse;
    await mouse.move(canvas.x + canvas.width * 0.1, canvas.y + canvas.height * 0.1);
    await mouse.down();
    await mouse.move(canvas.x + canvas.width * 0.25, canvas.y + canvas.height * 0.25, { steps: 4 });
    await mouse.move(canvas.x + canvas.width * 0.4, canvas.y + canvas.height * 0.4, { steps: 4 });
    await mouse.up();
    shot = await preview(p, shot.src);
    expect(darkShare(shot.rgb, { x: 0.15, y: 0.15, w: 0.2, h: 0.2 })).toBeGreaterThan(0.8);
    expect(darkShare(plain, { x: 0.15, y: 0.15, w: 0.2, h: 0.2 })).toBeLessThan(0.5);

    // Stamp and use: the page gets its copy at once; the prompt says what it handed over.
    const done = await go(page);
    // The confirmation, read while it shows (it closes by itself after a few seconds).
    expect(await done.evaluate(() => document.activeElement?.id)).toBe('close');
    expect(await done.textContent('#done')).toBe(fill(en.confirmStamped, { site: '127.0.0.1' }));
    expect(await done.textContent('#results .title')).toBe('paper.jpg → paper-stamped.jpg');
    const results = (await done.textContent('#results'))!;
    expect(results).toContain(en.resultHanded);
    expect(results).toMatch(/KB|MB/);
    const code = (await done.textContent('#results .code'))!;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // The page has its copy while the confirmation still shows.
    await received(page);
    expect(await done.locator('#done').count()).toBe(1);
    await answer(done, '#close');
    // Closed by the person: the prompt goes, the page shows IDStamp's notice.
    for (const end = Date.now() + 15_000; Date.now() < end && !(await promptGone(page)());) await sleep(100);
    expect(await promptGone(page)()).toBe(true);
    const toast = await waitForToast(page);
    expect(toast).toBe(en.toastStamped);
    // The page can neither read it nor find anything private in its own DOM.
    const seen = await page.evaluate(() => ({ shadow: document.querySelector('idstamp-toast')?.shadowRoot, text: document.documentElement.innerText + document.documentElement.outerHTML }));
    expect(seen.shadow).toBeNull();
    expect(seen.text).not.toContain(code);
    expect(seen.text).not.toContain('QUARTZ');

    // The page got its copy at once: stamped with the purpose typed and the black box.
    const [r] = await received(page);
    expect(r).toMatchObject({ name: 'paper-stamped.jpg', type: 'image/jpeg' });
    expect(leftovers(exiftool(save(r!)))).toEqual([]);
    expect(await ocr(Buffer.from(r!.base64, 'base64'))).toContain('QUARTZ');
    expect(darkShare(await uprightRgb(Buffer.from(r!.base64, 'base64')), { x: 0.15, y: 0.15, w: 0.2, h: 0.2 })).toBeGreaterThan(0.8);
    const history = (await stored()).history!;
    expect(history.at(-1)).toMatchObject({ code, purpose: 'ZEBRA QUARTZ JUMPS', site: '127.0.0.1' });
    await page.close();
  });

  it('one decision: the preview, the purpose line and the main button in view without scrolling; the page gets the copy previewed', { timeout: 180_000 }, async () => {
    const page = await open('plain.html');
    await pick(page, PHOTO);
    const p = await shownPrompt(page);
    const shown = await preview(p);
    const view = await p.evaluate(() => {
      const rect = (s: string) => document.querySelector(s)!.getBoundingClientRect().toJSON() as { top: number; bottom: number; height: number };
      return {
        scrollY,
        height: innerHeight,
        bar: document.querySelector('.actions.sticky')!.getBoundingClientRect().top,
        rects: { '#preview-img': rect('#preview-img'), '#purpose': rect('#purpose'), '#go': rect('#go') },
      };
    });
    expect(view.scrollY).toBe(0);
    for (const s of ['#preview-img', '#purpose', '#go'] as const) {
      expect(view.rects[s].top, s).toBeGreaterThanOrEqual(0);
      expect(view.rects[s].bottom, s).toBeLessThanOrEqual(view.height);
      expect(view.rects[s].height, s).toBeGreaterThan(0);
    }
    expect(view.rects['#preview-img'].bottom).toBeLessThanOrEqual(view.bar);
    expect(view.rects['#preview-img'].height).toBeGreaterThanOrEqual(150);
    // The copy handed over carries the code the preview showed.
    expect(shown.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const done = await go(page);
    expect(await done.locator('#results .code').textContent()).toBe(shown.code);
    await answer(done, '#close');
    await page.close();
  });

  it('in a window of its own (the page faded the prompt): the confirmation stays there until the person closes it', { timeout: 180_000 }, async () => {
    const page = await open('hostile.html?a=fade');
    await pick(page, PHOTO);
    const done = await go(page);
    expect(done.page()).not.toBe(page); // the window, not a frame of the page
    const [r] = await received(page);
    expect(r).toMatchObject({ name: 'photo-stamped.jpg' });
    expect(await done.textContent('#done')).toBe(fill(en.confirmStamped, { site: '127.0.0.1' }));
    // The page's notice shows at once: the person is looking at the window.
    expect(await waitForToast(page)).toBe(en.toastStamped);
    await answer(done, '#close');
    for (const end = Date.now() + 10_000; Date.now() < end && !(await promptGone(page)());) await sleep(100);
    expect(await promptGone(page)()).toBe(true);
    await page.close();
  });

  it('the purpose line’s language is chosen in the prompt and remembered for the site', { timeout: 180_000 }, async () => {
    const page = await open('plain.html');
    await pick(page, PHOTO);
    let p = await shownPrompt(page);
    expect(await p.inputValue('#purpose')).toBe('Only for 127.0.0.1 identity verification');
    const before = await preview(p);
    // The purpose language and the site's rules are one click away: open them, as a person would.
    await p.click('#more-toggle');
    await p.selectOption('#purpose-lang', 'zh_CN');
    await p.waitForFunction(() => (document.getElementById('purpose') as HTMLInputElement).value === '仅用于127.0.0.1身份认证');
    await preview(p, before.src);
    expect((await stored()).settings?.sites?.['127.0.0.1']?.purposeLang).toBe('zh_CN');
    await choose(page, '#cancel', promptGone(page));

    await pick(page, PHOTO);
    p = await shownPrompt(page);
    expect(await p.inputValue('#purpose-lang')).toBe('zh_CN');
    expect(await p.inputValue('#purpose')).toBe('仅用于127.0.0.1身份认证');
    await choose(page, '#cancel', promptGone(page));
    expect(await got(page)).toEqual([]);
    await page.close();
  });
});

describe('the prompt keeps its buttons and the keyboard', () => {
  it('at the smallest frame, with a look-alike warning and two files, every button is in view; Tab and Shift+Tab stay inside', { timeout: 180_000 }, async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: MIN_FRAME.width + 16, height: MIN_FRAME.height + 16 });
    await page.goto(`${site.origin}/lookalike.html`);
    await pick(page, [PHOTO, join(img, 'photo.png')]);
    const p = await shownPrompt(page);
    const framed = p.page() === page;
    // A prompt that moved to a window of its own is given the same small size.
    if (!framed) await p.page().setViewportSize(MIN_FRAME);
    expect(await p.evaluate(() => [innerWidth, innerHeight])).toEqual([MIN_FRAME.width, MIN_FRAME.height]);
    expect(await p.locator('#lookalike').isVisible()).toBe(true);
    expect(await p.locator('#files li').count()).toBe(2);
    for (const id of ['go', 'original', 'cancel']) {
      const seen = await p.evaluate((i) => {
        const el = document.getElementById(i)!;
        const r = el.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return { inside: r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth, onTop: top === el || el.contains(top) };
      }, id);
      expect(seen, id).toEqual({ inside: true, onTop: true });
    }

    // A look-alike: the first focus is the safe choice. Then the keyboard walks round and round.
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('cancel');
    // The purpose language and the site's rules are one click away: open them, as a person would.
    await p.click('#more-toggle');
    const keyboard = p.page().keyboard;
    const walk = async (key: string) => {
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        await keyboard.press(key);
        ids.push(await p.evaluate(() => (document.hasFocus() && document.activeElement !== document.body ? document.activeElement!.id || document.activeElement!.tagName : 'OUT')));
        if (framed) expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('IDSTAMP-PROMPT');
      }
      return ids;
    };
    const forward = await walk('Tab');
    expect(forward).not.toContain('OUT');
    for (const id of ['purpose', 'purpose-lang', 'site-rule', 'site-clean', 'go', 'original']) expect(forward).toContain(id);
    // Cycled: after the last (Cancel) comes the first again, more than once in 30 steps.
    expect(forward.filter((id) => id === 'cancel').length).toBeGreaterThanOrEqual(2);
    await p.focus('#cancel');
    const back = await walk('Shift+Tab');
    expect(back).not.toContain('OUT');
    expect(back.filter((id) => id === 'cancel').length).toBeGreaterThanOrEqual(2);
    expect(back.slice(0, 2)).toEqual(['original', 'go']);
    await choose(page, '#cancel', promptGone(page));
    await page.close();
  });

  it('"never" and "always" on this site, chosen with the keyboard, change what the next pick does', { timeout: 180_000 }, async () => {
    const page = await open('plain.html', other.origin);
    await pick(page, PHOTO);
    let p = await shownPrompt(page);
    await p.click('#more-toggle');
    await p.focus('#site-rule');
    await p.page().keyboard.press('ArrowDown');
    await p.page().keyboard.press('ArrowDown');
    await p.locator('#site-saved', { hasText: en.savedNote }).waitFor();
    await p.waitForFunction(() => (document.getElementById('site-rule') as HTMLSelectElement).value === 'never');
    for (let end = Date.now() + 5000; Date.now() < end && (await stored()).settings?.sites?.localhost?.rule !== 'never';) await sleep(100);
    expect((await stored()).settings?.sites?.localhost?.rule).toBe('never');
    await choose(page, '#cancel', promptGone(page));
    expect(await got(page)).toEqual([]);

    // Never: the next pick reaches the page untouched, no prompt.
    await pick(page, PHOTO);
    const [orig] = await received(page);
    expect(Buffer.from(orig!.base64, 'base64').equals(readFileSync(PHOTO))).toBe(true);
    expect(page.frames().some((f) => f.url().includes('prompt.html'))).toBe(false);

    // Back to asking (as the settings page would), then "always" from the prompt.
    await setSites({ localhost: { rule: 'ask' } });
    await pick(page, join(img, 'photo.png')); // another file: the field still holds the last one
    p = await shownPrompt(page);
    await p.click('#more-toggle');
    await p.focus('#site-rule');
    await p.page().keyboard.press('ArrowDown');
    await p.locator('#site-saved', { hasText: en.savedNote }).waitFor();
    expect((await stored()).settings?.sites?.localhost?.rule).toBe('always');
    await choose(page, '#cancel', promptGone(page));

    // Always: stamped without a question, and the page's notice says so.
    await pick(page, PHOTO);
    const [, stamped] = await received(page, 2);
    expect(stamped).toMatchObject({ name: 'photo-stamped.jpg' });
    for (const c of changedFractions(await uprightRgb(PHOTO), await uprightRgb(save(stamped!))).cells) expect(c).toBeGreaterThan(0.003);
    expect(await waitForToast(page)).toBe(en.toastStamped);
    await page.close();
  });
});

describe('sites that decline watermarks', () => {
  it('an English page that says so: the prompt defaults to a clean copy and says why; the page gets no mark', { timeout: 180_000 }, async () => {
    const page = await open('no-watermark.html');
    await pick(page, PHOTO);
    const p = await shownPrompt(page);
    expect(await p.isChecked('#what-clean')).toBe(true);
    expect(await p.textContent('#declines-note')).toBe(en.declinesPage);
    expect(await p.locator('#declines-note').isVisible()).toBe(true);
    expect(await p.textContent('#go')).toBe(en.cleanUse);
    const shot = await preview(p);
    expect(changedFractions(await originalAt(PHOTO, shot.rgb), shot.rgb).overall).toBeLessThan(0.03);

    const done = await go(page);
    const [r] = await received(page);
    expect(r).toMatchObject({ name: 'photo-clean.jpg', type: 'image/jpeg' });
    const path = save(r!);
    expect(leftovers(exiftool(path), { allowOrientation: true })).toEqual([]);
    expect(changedFractions(await uprightRgb(PHOTO), await uprightRgb(path)).overall).toBeLessThan(0.005);
    expect(await done.textContent('#done')).toBe(fill(en.confirmCleaned, { site: '127.0.0.1' }));
    expect(await done.locator('#results .code').count()).toBe(0); // nothing printed, no code
    await answer(done, '#close');
    expect(await waitForToast(page)).toBe(en.toastCleaned);
    await page.close();
  });

  it('a Chinese page that says so; "always give it a clean copy" is remembered, and "always" then delivers clean copies', { timeout: 180_000 }, async () => {
    const page = await open('no-watermark-zh.html');
    await pick(page, PHOTO);
    const p = await shownPrompt(page);
    expect(await p.isChecked('#what-clean')).toBe(true);
    expect(await p.textContent('#declines-note')).toBe(en.declinesPage);
    await p.click('#more-toggle');
    await p.click('#site-clean');
    await p.locator('#site-saved', { hasText: en.savedNote }).waitFor();
    expect((await stored()).settings?.sites?.['127.0.0.1']?.copy).toBe('clean');
    expect(await p.textContent('#declines-note')).toBe(fill(en.declinesSite, { site: '127.0.0.1' }));
    await choose(page, '#cancel', promptGone(page));

    // A page of the same site that says nothing about watermarks: the site's rule still applies.
    const plain = await open('plain.html');
    await pick(plain, PHOTO);
    const q = await shownPrompt(plain);
    expect(await q.isChecked('#what-clean')).toBe(true);
    await choose(plain, '#cancel', promptGone(plain));
    // "Always" on such a site: a clean copy, without a question.
    const s = (await stored()).settings!.sites!;
    await setSites({ ...s, '127.0.0.1': { ...s['127.0.0.1'], rule: 'always' } });
    await pick(plain, PHOTO);
    const [r] = await received(plain);
    expect(r).toMatchObject({ name: 'photo-clean.jpg' });
    expect(changedFractions(await uprightRgb(PHOTO), await uprightRgb(save(r!))).overall).toBeLessThan(0.005);
    expect(await waitForToast(plain)).toBe(en.toastCleaned);
    await Promise.all([page.close(), plain.close()]);
  });
});

describe('a page cannot talk itself into an unmarked copy', () => {
  it('"always" on a site the person did not mark: a page saying "no watermarks" still gets a stamped copy', { timeout: 180_000 }, async () => {
    await setSites({ '127.0.0.1': { rule: 'always' } });
    const page = await open('no-watermark.html');
    await pick(page, PHOTO);
    const [r] = await received(page);
    expect(r).toMatchObject({ name: 'photo-stamped.jpg' });
    expect(changedFractions(await uprightRgb(PHOTO), await uprightRgb(save(r!))).overall).toBeGreaterThan(0.02);
    await setSites({});
    await page.close();
  });
});

describe('the machine-readable zone in the prompt', () => {
  it('a passport photo: name as printed before, "still machine-readable" after; nothing of it stored or on the page', { timeout: 240_000 }, async () => {
    const page = await open('plain.html');
    await pick(page, passport);
    const p = await shownPrompt(page);
    // The reading is a short line that opens: open it, as a person would.
    await p.click('#mrz-toggle', { timeout: 90_000 });
    await p.locator('#mrz-name').waitFor();
    expect(await p.textContent('#mrz-name')).toBe(fill(en.mrzName, { surname: 'ERIKSSON', given: 'ANNA MARIA' }));
    expect(await p.textContent('#mrz-number')).toContain('L898902C3');
    const done = await go(page);
    await done.locator('#mrz-after').waitFor({ timeout: 60_000 });
    expect([en.mrzStillReads, en.mrzLightened]).toContain(await done.textContent('#mrz-after'));
    const [r] = await received(page);
    expect(r!.name).toBe('passport-stamped.jpg');
    const everything = JSON.stringify(await stored());
    for (const s of ['ERIKSSON', 'L898902C3', 'ANNA']) expect(everything).not.toContain(s);
    await answer(done, '#close');
    const toast = await waitForToast(page);
    for (const s of ['ERIKSSON', 'L898902C3']) expect(toast).not.toContain(s);
    await page.close();
  });

  it('the popup shows the card too', { timeout: 120_000 }, async () => {
    const popup = await browser.open('popup.html?site=okx.com');
    await popup.locator('#files').setInputFiles(passport);
    // The reading is a short line that opens: open it, as a person would.
    await popup.click('#mrz-toggle', { timeout: 90_000 });
    await popup.locator('#mrz-name').waitFor();
    expect(await popup.textContent('#mrz-name')).toBe(fill(en.mrzName, { surname: 'ERIKSSON', given: 'ANNA MARIA' }));
    await popup.close();
  });
});
