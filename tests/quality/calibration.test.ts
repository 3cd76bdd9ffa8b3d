// The quality checks, calibrated on synthetic ID photos in the real browser path (decode,
// downscale, checks): good photos pass, each kind of bad photo is told apart. Prints the table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openStampPage, type ExtensionBrowser } from '../../scripts/chromium.ts';
import type { Check } from '../../src/core/quality/checks.ts';
import { CLASSES, DEFAULT_CARDS_DIR as dir, makeCards, type CardClass, type CardManifest } from './make-cards.ts';

let browser: ExtensionBrowser;
let page: Page;
let manifest: CardManifest;
const results: { name: string; truth: CardClass; checks: Check[] }[] = [];

beforeAll(async () => {
  manifest = await makeCards();
  browser = await launchWithExtension();
  page = await openStampPage(browser);
  for (const [name, e] of Object.entries(manifest.files)) {
    const checks = await page.evaluate(
      async ([n, b64]) => (await window.idstamp!.quality(new File([window.idstamp!.fromBase64(b64) as BlobPart], n)))!,
      [name, readFileSync(join(dir, name)).toString('base64')] as const,
    );
    results.push({ name, truth: e.class, checks });
  }
}, 180_000);
afterAll(() => browser?.close());

/** What the checks say: good, or the worst problem (fail before warn, in a fixed order). */
function verdict(checks: Check[]): CardClass {
  const order: Check['id'][] = ['small', 'dark', 'blur', 'glare', 'cut', 'contrast'];
  const pick = (level: Check['level']) => order.find((id) => checks.find((c) => c.id === id)?.level === level);
  const id = pick('fail') ?? pick('warn');
  return !id ? 'good' : id === 'contrast' ? 'dark' : (id as CardClass);
}

describe('quality checks on synthetic ID photos', () => {
  it('separate good photos from bad ones in at least 95 % of cases, and name the problem', () => {
    const table = Object.fromEntries(CLASSES.map((t) => [t, Object.fromEntries(CLASSES.map((p) => [p, 0]))])) as Record<CardClass, Record<CardClass, number>>;
    for (const r of results) table[r.truth][verdict(r.checks)]++;
    console.log(`\nconfusion (rows: truth, columns: verdict)\n${['', ...CLASSES].map((c) => c.padStart(7)).join('')}\n${CLASSES.map((t) => [t, ...CLASSES.map((p) => table[t][p])].map((v) => String(v).padStart(7)).join('')).join('\n')}`);
    // The measured ranges per class: where the thresholds (src/core/quality/checks.ts) sit.
    for (const id of ['blur', 'glare', 'dark', 'contrast', 'cut'] as const) {
      const range = (cls: CardClass) => {
        const v = results.filter((r) => r.truth === cls).map((r) => r.checks.find((c) => c.id === id)!.value);
        return `${cls} ${Math.min(...v).toFixed(3)}–${Math.max(...v).toFixed(3)}`;
      };
      console.log(`${id}: ${CLASSES.map(range).join(' | ')}`);
    }
    const separated = results.filter((r) => (r.truth === 'good') === (verdict(r.checks) === 'good')).length;
    const named = results.filter((r) => r.truth === verdict(r.checks)).length;
    console.log(`good/bad separated: ${separated}/${results.length}; problem named: ${named}/${results.length}`);
    expect(separated / results.length).toBeGreaterThanOrEqual(0.95);
    expect(named / results.length).toBeGreaterThanOrEqual(0.9);
  });

  it('gives every check a value, and never blocks (it only reports)', () => {
    for (const r of results) expect(r.checks.map((c) => c.id).sort()).toEqual(['blur', 'contrast', 'cut', 'dark', 'glare', 'small']);
  });
});

describe('quality checks on a PDF', () => {
  it('look at every page (of a short scan) and report the worst', async () => {
    const doc = await PDFDocument.create();
    for (const name of ['good-01.jpg', 'blur-01.jpg']) {
      const jpg = await doc.embedJpg(readFileSync(join(dir, name)));
      doc.addPage([800, 600]).drawImage(jpg, { x: 0, y: 0, width: 800, height: 600 });
    }
    const b64 = Buffer.from(await doc.save()).toString('base64');
    const checks = await page.evaluate(async (b) => (await window.idstamp!.quality(new File([window.idstamp!.fromBase64(b) as BlobPart], 'scan.pdf')))!, b64);
    expect(checks.find((c) => c.id === 'blur')!.level).not.toBe('pass'); // page 2 is blurred
    expect(checks.find((c) => c.id === 'small')).toBeUndefined();
  });
});
