// The settings page in the built extension, used with the mouse and the keyboard: a live
// preview stamped by the real pipeline that follows the sliders, the warning when the mark
// would cover the data (agreeing with tesseract), "Saved." next to the control that changed
// with the value really in storage, per-site purpose language and clean-only copies; axe in
// light and dark, English and Chinese.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { similarity } from '../../tools/bench/anchors.ts';
import { launchWithExtension, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import { en } from '../../src/i18n/messages.ts';
import { readTree } from '../helpers/locales.ts';
import { SPECIMEN_FIELDS } from '../../src/ui/specimen.ts';
import { audit } from '../helpers/axe.ts';
import { changedFractions, uprightRgb, type Raw } from '../helpers/pixels.ts';
import { untilInPage } from '../helpers/until.ts';

const zh_CN = readTree('zh_CN').ui;

/** The extension API inside its pages, as the functions sent there use it. */
declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
type Stored = { preset: string; watermark: { opacity: number; size: number }; output: { naming: string }; sites: Record<string, { rule: string; purposeLang?: string; copy?: string }> };

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension();
});
afterAll(() => browser?.close());

const stored = (page: Page): Promise<Stored> => page.evaluate(async () => (await chrome.storage.local.get('settings')).settings as Stored);

/** The settings page, from default settings (each test starts afresh). */
async function openOptions(): Promise<Page> {
  const page = await browser.open('options.html');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => (chrome.storage.local as unknown as { clear(): Promise<void> }).clear());
  await page.reload();
  await page.locator('#look-preview[data-drawn]').waitFor({ timeout: 30_000 });
  return page;
}

const drawn = async (page: Page) => Number(await page.getAttribute('#look-preview', 'data-drawn'));
/** Waits until the preview has drawn a look after `count`, and nothing more is pending. */
const redrawnAfter = (page: Page, count: number) =>
  page.waitForFunction(
    (n) => {
      const el = document.getElementById('look-preview')!;
      return Number(el.dataset.drawn) > n && !el.hasAttribute('aria-busy');
    },
    count,
    { timeout: 30_000 },
  );

/** The preview's picture as the page shows it, decoded by sharp (not by the browser). */
async function previewPixels(page: Page): Promise<Raw> {
  const bytes = await page.evaluate(async () => {
    const src = (document.getElementById('look-preview-img') as HTMLImageElement).src;
    return Array.from(new Uint8Array(await (await fetch(src)).arrayBuffer()));
  });
  return uprightRgb(new Uint8Array(bytes));
}

const meanGreen = (r: Raw) => {
  let sum = 0;
  for (let i = 1; i < r.data.length; i += 3) sum += r.data[i]!;
  return sum / (r.width * r.height);
};

describe('live preview', () => {
  it('follows the opacity slider while the mouse drags it, and saves only on release', async () => {
    const page = await openOptions();
    const before = await previewPixels(page);
    expect(before.width).toBe(960);
    const slider = (await page.locator('#opacity').boundingBox())!;
    const at = (v: number) => ({ x: slider.x + 8 + (slider.width - 16) * ((v - 0.05) / 0.95), y: slider.y + slider.height / 2 });
    const count = await drawn(page);
    await page.mouse.move(at(0.3).x, at(0.3).y);
    await page.mouse.down();
    await page.mouse.move(at(0.75).x, at(0.75).y, { steps: 8 });
    // Still holding the thumb: the preview has re-drawn, nothing is saved yet.
    await redrawnAfter(page, count);
    const moved = Number(await page.inputValue('#opacity'));
    expect(moved).toBeGreaterThan(0.6);
    expect((await stored(page))?.watermark?.opacity ?? 0.3).toBe(0.3);
    expect(await page.textContent('#opacity-saved')).toBe('');
    const darker = await previewPixels(page);
    // A darker mark: pixels moved across the card, and the picture got darker on the whole.
    expect(changedFractions(before, darker).overall).toBeGreaterThan(0.03);
    expect(meanGreen(darker)).toBeLessThan(meanGreen(before) - 1);

    await page.mouse.up();
    await page.locator('#opacity-saved', { hasText: en.savedNote }).waitFor();
    const s = await stored(page);
    expect(s.watermark.opacity).toBe(moved);
    expect(s.preset).toBe('custom');
    expect(await page.inputValue('#preset')).toBe('custom');

    // The same look gives the same pixels (no per-copy jitter, a fixed sample code): back at
    // 30 % with the keyboard, the preview is exactly the first one again.
    await page.locator('#opacity').focus();
    const back = Math.round((moved - 0.3) * 100);
    const again = await drawn(page);
    for (let i = 0; i < back; i++) await page.keyboard.press('ArrowLeft');
    expect(await page.inputValue('#opacity')).toBe('0.3');
    await redrawnAfter(page, again);
    expect(changedFractions(before, await previewPixels(page)).overall).toBe(0);
    expect((await stored(page)).watermark.opacity).toBe(0.3);
    await page.close();
  });

  it('stays on the page while a preset re-renders the settings around it', async () => {
    const page = await openOptions();
    // After every change to the page's tree (checked at each microtask checkpoint, so any
    // moment a script could see), the preview must still be in the document.
    await page.evaluate(() => {
      const w = window as unknown as { gone: number };
      w.gone = 0;
      new MutationObserver(() => {
        if (!document.getElementById('look-preview')) w.gone++;
      }).observe(document.body, { childList: true, subtree: true });
    });
    const count = await drawn(page);
    await page.selectOption('#preset', 'strict');
    await page.locator('#preset-saved', { hasText: en.savedNote }).waitFor();
    await redrawnAfter(page, count);
    expect(await page.evaluate(() => (window as unknown as { gone: number }).gone)).toBe(0);
    await page.close();
  });
});

describe('the cover-the-data warning', () => {
  const ocrFields = async (r: Raw): Promise<number> => {
    const dir = mkdtempSync(join(tmpdir(), 'idstamp-opt-ocr-'));
    try {
      const { x, y, w, h } = SPECIMEN_FIELDS;
      const file = join(dir, 'f.png');
      writeFileSync(
        file,
        await sharp(r.data, { raw: { width: r.width, height: r.height, channels: 3 } })
          .extract({ left: x, top: y, width: w, height: h })
          .png()
          .toBuffer(),
      );
      const text = execFileSync('tesseract', [file, 'stdout', '-l', 'eng', '--psm', '6'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
      const want = ['SURNAME SAMPLE', 'GIVEN NAMES ALEX', 'BORN 01 01 1990', 'NUMBER X0000000'];
      const lines = text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
      // As tests/quality/marks.test.ts scores fields: the best line per field, averaged.
      return want.map((f) => Math.max(0, ...lines.map((l) => similarity(l, f)))).reduce((a, b) => a + b) / want.length;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('is hidden at the default and strict presets, shown at full opacity and large text, and agrees with tesseract', async () => {
    const page = await openOptions();
    for (const preset of ['kyc', 'strict'] as const) {
      const count = await drawn(page);
      await page.selectOption('#preset', preset);
      await page.locator('#preset-saved', { hasText: en.savedNote }).waitFor();
      if (preset === 'strict') await redrawnAfter(page, count);
      expect(await page.locator('#cover-warning').isVisible(), `${preset}: ${await page.getAttribute('#look-preview', 'data-contrast')}`).toBe(false);
      // The specimen's fields read as well as unstamped (the bar of tests/quality/marks.test.ts)
      // under the default mark. The denser strict mark moves with the date it prints: on
      // 2026-12-06 it crossed one field and tesseract scored 0.967 on the last landed code too,
      // so strict is held to 0.95 (one character of the four fields).
      expect(await ocrFields(await previewPixels(page)), preset).toBeGreaterThanOrEqual(preset === 'kyc' ? 0.98 : 0.95);
    }
    // Keyboard: End takes each slider to its maximum.
    const count = await drawn(page);
    await page.locator('#opacity').press('End');
    await page.locator('#size').press('End');
    await redrawnAfter(page, count);
    await page.locator('#cover-warning').waitFor();
    expect(await page.textContent('#cover-warning')).toBe(en.coverWarning);
    expect(Number(await page.getAttribute('#look-preview', 'data-contrast'))).toBeLessThan(0.5);
    expect(await ocrFields(await previewPixels(page))).toBeLessThan(0.9);
    await page.close();
  });
});

describe('saved state and storage', () => {
  it('shows "Saved." next to the control that changed, and only there', async () => {
    const page = await openOptions();
    await page.selectOption('#naming', 'neutral');
    const note = page.locator('#naming-saved');
    await note.waitFor();
    expect(await note.textContent()).toBe(`✓ ${en.savedNote}`);
    expect(await page.textContent('#format-saved')).toBe('');
    expect((await stored(page)).output.naming).toBe('neutral');
    // Next to it: on the same line, just after the select's end.
    const select = (await page.locator('#naming').boundingBox())!;
    const box = (await note.boundingBox())!;
    expect(box.y).toBeLessThan(select.y + select.height);
    expect(box.y + box.height).toBeGreaterThan(select.y);
    expect(box.x).toBeGreaterThanOrEqual(select.x + select.width);
    expect(box.x).toBeLessThan(select.x + select.width + 40);
    await page.selectOption('#naming', 'suffix');
    await page.close();
  });

  it('the header and the content share one column', async () => {
    const page = await openOptions();
    const bar = (await page.locator('header.bar').boundingBox())!;
    const main = (await page.locator('main').boundingBox())!;
    expect(Math.abs(bar.x - main.x)).toBeLessThan(1);
    expect(Math.abs(bar.width - main.width)).toBeLessThan(1);
    await page.close();
  });
});

describe('per-site rules', () => {
  it('saves a site’s purpose language and "clean copy only", and shows them after a reload', async () => {
    const page = await openOptions();
    await page.locator('#new-site').fill('https://verify.kraken.com/start');
    await page.locator('#new-site').press('Enter');
    const lang = page.locator('[id="plang-kraken.com"]');
    await lang.waitFor();
    await lang.selectOption('de');
    await page.locator('[id="plang-kraken.com-saved"]', { hasText: en.savedNote }).waitFor();
    await page.locator('[id="copy-kraken.com"]').check();
    await page.locator('[id="copy-kraken.com-saved"]', { hasText: en.savedNote }).waitFor();
    expect((await stored(page)).sites['kraken.com']).toEqual({ rule: 'ask', purposeLang: 'de', copy: 'clean' });

    await page.reload();
    await page.locator('[id="plang-kraken.com"]').waitFor();
    expect(await page.inputValue('[id="plang-kraken.com"]')).toBe('de');
    expect(await page.isChecked('[id="copy-kraken.com"]')).toBe(true);

    // Back to the standard language and to stamped copies: the keys are gone, not blanked.
    await page.selectOption('[id="plang-kraken.com"]', '');
    await page.locator('[id="plang-kraken.com-saved"]', { hasText: en.savedNote }).waitFor();
    await page.locator('[id="copy-kraken.com"]').uncheck();
    await untilInPage(page, async () => !('copy' in ((await chrome.storage.local.get('settings')).settings as Stored).sites['kraken.com']!));
    expect((await stored(page)).sites['kraken.com']).toEqual({ rule: 'ask' });
    await page.close();
  });
});

describe('accessibility and translation', () => {
  /** A page with everything showing: a site row, the warning, a saved state. */
  async function full(page: Page): Promise<void> {
    if (!(await page.locator('#sites').count())) {
      await page.locator('#new-site').fill('okx.com');
      await page.locator('#new-site').press('Enter');
      await page.locator('#sites').waitFor();
    }
    const count = await drawn(page);
    await page.locator('#opacity').press('End');
    await redrawnAfter(page, count);
    await page.locator('#cover-warning').waitFor();
  }

  for (const lang of ['en', 'zh_CN'] as const)
    it.each(['light', 'dark'] as const)(`${lang}, %s: no axe violations, no string left untranslated`, async (scheme) => {
      const page = await openOptions();
      if (lang === 'zh_CN') {
        await Promise.all([page.waitForEvent('load'), page.selectOption('#ui-lang', 'zh_CN')]);
        await page.locator('#look-preview[data-drawn]').waitFor({ timeout: 30_000 });
      }
      await full(page);
      await page.emulateMedia({ colorScheme: scheme });
      expect(await audit(page)).toEqual([]);
      const messages = lang === 'en' ? en : zh_CN;
      expect(await page.textContent('#cover-warning')).toBe(messages.coverWarning);
      expect(await page.getAttribute('#brands', 'placeholder')).toBe(messages.brandsPlaceholder);
      if (lang === 'zh_CN') {
        // No English sentence anywhere on the page, placeholders and labels included.
        const text = await page.evaluate(() =>
          [
            document.body.innerText,
            ...[...document.querySelectorAll('[placeholder], [aria-label], [alt]')].map(
              (e) => `${e.getAttribute('placeholder') ?? ''} ${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('alt') ?? ''}`,
            ),
          ].join('\n'),
        );
        const english = Object.entries(en).filter(([k, v]) => v.length > 14 && v !== zh_CN[k as keyof typeof en] && k !== 'dateIso');
        expect(english.filter(([, v]) => text.includes(v.replace(/\$\d/g, '')))).toEqual([]);
        await Promise.all([page.waitForEvent('load'), page.selectOption('#ui-lang', 'auto')]);
      }
      await page.close();
    });
});
