// PDFs through the built extension in Chromium: flatten and keep-text, checked with qpdf,
// poppler and exiftool, every stream inflated and searched for the input's needles.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openStampPage, stampInPage, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import type { AutomationResult } from '../../src/ui/automation.ts';
import { DEFAULT_FIXTURES_DIR } from '../fixtures/make-fixtures.ts';
import { DEFAULT_PDF_FIXTURES_DIR as dir, makePdfFixtures, type PdfFixtureManifest } from '../fixtures/make-pdf-fixtures.ts';
import { exiftool, leftovers } from '../helpers/exiftool.ts';
import { inflated, needlesIn, pdfinfo, pdftotext, qpdfCheck, renderPages, trailerId } from '../helpers/pdf.ts';
import { changedFractions, uprightRgb } from '../helpers/pixels.ts';

const outDir = mkdtempSync(join(tmpdir(), 'idstamp-pdf-'));
let manifest: PdfFixtureManifest;
let browser: ExtensionBrowser;
let page: Page;

beforeAll(async () => {
  manifest = await makePdfFixtures();
  browser = await launchWithExtension();
  page = await openStampPage(browser);
});
afterAll(() => browser?.close());

type Ok = Extract<AutomationResult, { ok: true }>;

async function run(file: string, options: unknown = {}, from = dir): Promise<Ok & { path: string }> {
  const r = await stampInPage(page, file, readFileSync(join(from, file)), options);
  if (!r.ok) throw new Error(`${file}: ${r.error.code}: ${r.error.message}`);
  const path = join(outDir, `${Math.random().toString(36).slice(2)}-${r.name}`);
  writeFileSync(path, Buffer.from(r.base64, 'base64'));
  return { ...r, path };
}

const allNeedles = (file: string) => {
  const e = manifest.files[file]!;
  return [...e.needles, ...(e.deepNeedles ?? []), ...(e.utf16Needles ?? [])];
};

/** Valid, no metadata of any kind, no needle in any stream or string. */
function expectClean(path: string, source: string): void {
  const check = qpdfCheck(path);
  expect(check.ok, check.output).toBe(true);
  const info = pdfinfo(path);
  for (const k of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer', 'CreationDate', 'ModDate']) expect(info[k], k).toBeUndefined();
  expect(info['Metadata Stream']).toBe('no');
  expect(info.JavaScript).toBe('no');
  expect(info.Form).toBe('none');
  expect(leftovers(exiftool(path))).toEqual([]);
  const text = inflated(path);
  expect(needlesIn(text, allNeedles(source))).toEqual([]);
  for (const key of ['/PieceInfo', '/Metadata', '/EmbeddedFiles', '/JavaScript', '/OpenAction', '/AcroForm', '/Info']) expect(text, key).not.toContain(key);
  expect(text).not.toMatch(/\/Annots\s*\[\s*\d/); // pdf-lib leaves an empty array on new pages
  expect(trailerId(path)).toMatch(/^[0-9a-f]{32}$/i);
}

/** Every page of the output differs from the input's page in each region of a 3×3 grid. */
async function expectWatermarkOnEveryPage(input: string, output: string): Promise<void> {
  const before = renderPages(input, 60);
  const after = renderPages(output, 60);
  expect(after.length).toBe(before.length);
  for (const [i, png] of after.entries()) {
    const d = changedFractions(await uprightRgb(before[i]!), await uprightRgb(png), 3, 60);
    for (const [c, f] of d.cells.entries()) expect(f, `page ${i + 1} cell ${c}`).toBeGreaterThan(0.003);
    expect(d.overall, `page ${i + 1}`).toBeLessThan(0.35);
  }
}

describe('statement.pdf (20 pages, Info, XMP, PieceInfo, JS, attachment, form, annotation, EXIF in an image, incremental update)', () => {
  it('flattens: same pages and sizes, no text layer, watermark on every page, nothing left', async () => {
    const r = await run('statement.pdf');
    expect(r.report).toMatchObject({ pdfMode: 'flatten', output: { kind: 'pdf', pages: 20 } });
    expect(r.report.removed).toEqual(expect.arrayContaining(['info', 'xmp', 'old-revisions', 'text-layer']));
    expect(r.type).toBe('application/pdf');
    expectClean(r.path, 'statement.pdf');
    const info = pdfinfo(r.path);
    expect(info.Pages).toBe('20');
    expect(info['Page    1 size']).toMatch(/^595\.2\d* x 841\.8\d* pts/);
    expect(pdftotext(r.path).trim()).toBe('');
    await expectWatermarkOnEveryPage(join(dir, 'statement.pdf'), r.path);
  }, 240_000); // 20 pages rendered twice by pdftoppm and compared: minutes on a loaded machine

  it('keeps the text in keep-text mode, says the mark can be removed, and is as clean', async () => {
    const r = await run('statement.pdf', { pdf: { mode: 'keep-text' } });
    expect(r.report).toMatchObject({ pdfMode: 'keep-text', output: { pages: 20 } });
    expect(r.report.warnings).toContain('watermark-removable');
    expectClean(r.path, 'statement.pdf');
    const text = pdftotext(r.path);
    for (let n = 1; n <= 20; n++) expect(text).toContain(`STATEMENT-PAGE-${n}\n`.replace('\n', '')); // every page's marker
    expect(text).toContain('DEMO BANK STATEMENT');
    await expectWatermarkOnEveryPage(join(dir, 'statement.pdf'), r.path);
  }, 240_000); // a 20-page document and its oracles: minutes on a loaded machine

  it('strip-only keeps the text and adds no watermark', async () => {
    const r = await run('statement.pdf', { mode: 'strip' });
    expect(r.report.watermark).toBeUndefined();
    expectClean(r.path, 'statement.pdf');
    expect(pdftotext(r.path)).toContain('STATEMENT-PAGE-20');
  });

  it('gives each copy a fresh /ID and trace code', async () => {
    const a = await run('statement.pdf', { pdf: { mode: 'keep-text' } });
    const b = await run('statement.pdf', { pdf: { mode: 'keep-text' } });
    expect(trailerId(a.path)).not.toBe(trailerId(b.path));
    expect(a.report.watermark!.code).not.toBe(b.report.watermark!.code);
  });
});

describe('other PDFs', () => {
  it('flattens a PDF with only an owner password; keep-text falls back to flatten and says so', async () => {
    const r = await run('statement-owner.pdf');
    expect(r.report.output.pages).toBe(20);
    expectClean(r.path, 'statement-owner.pdf');
    const k = await run('statement-owner.pdf', { pdf: { mode: 'keep-text' } });
    expect(k.report.pdfMode).toBe('flatten');
    expect(k.report.warnings).toContain('flattened-protected-pdf');
    expect(pdfinfo(k.path).Encrypted).toBe('no');
  });

  it('flattens a 5-page scan', async () => {
    const r = await run('scan.pdf', { pdf: { dpi: 100 } });
    expect(r.report.output.pages).toBe(5);
    expectClean(r.path, 'scan.pdf');
    await expectWatermarkOnEveryPage(join(dir, 'scan.pdf'), r.path);
  });

  it('removes UTF-16 (Chinese) metadata', async () => {
    const r = await run('cjk.pdf', { pdf: { mode: 'keep-text' }, watermark: { purpose: '仅用于OKX身份认证' } });
    expectClean(r.path, 'cjk.pdf');
    expect(r.report.watermark!.lines[0]).toBe('仅用于OKX身份认证');
  });

  it.each(['flatten', 'keep-text'])('keeps landscape and rotated pages as displayed (%s)', async (mode) => {
    const r = await run('landscape-rotated.pdf', { pdf: { mode } });
    expectClean(r.path, 'landscape-rotated.pdf');
    const info = pdfinfo(r.path);
    expect(info['Page    1 size']).toMatch(/^792 x 612/);
    // Page 2 is A4 turned by /Rotate 90: a viewer shows it landscape, in either mode.
    const [w, h] = info['Page    2 size']!.split(' x ').map(parseFloat) as [number, number];
    const [shownW, shownH] = Number(info['Page    2 rot']) % 180 ? [h, w] : [w, h];
    expect(shownW).toBeGreaterThan(shownH);
    if (mode === 'keep-text') expect(pdftotext(r.path)).toMatch(/ROT-PAGE-1[\s\S]*ROT-PAGE-2/);
    await expectWatermarkOnEveryPage(join(dir, 'landscape-rotated.pdf'), r.path);
  });
});

describe('images ↔ PDF', () => {
  it('turns a stamped photo into a clean one-page PDF', async () => {
    const r = await run('photo.jpg', { output: 'pdf' }, DEFAULT_FIXTURES_DIR);
    expect(r.name).toBe('photo.pdf');
    expect(r.report.output).toMatchObject({ kind: 'pdf', pages: 1 });
    expectClean(r.path, 'statement.pdf');
    const [png] = renderPages(r.path, 30);
    const img = await uprightRgb(png!);
    expect(img.width / img.height).toBeCloseTo(1200 / 800, 1);
  });

  it('turns the first page of a PDF into a clean JPEG', async () => {
    const r = await run('statement.pdf', { output: 'jpeg' });
    expect(r.name).toBe('statement.jpg');
    expect(r.report.warnings).toContain('first-page-only');
    expect(leftovers(exiftool(r.path))).toEqual([]);
    const img = await uprightRgb(r.path);
    expect(img.width / img.height).toBeCloseTo(595.28 / 841.89, 2);
  });
});

describe('bad PDFs', () => {
  it('get typed errors with messages in both languages', async () => {
    const bad = Object.entries(manifest.files).filter(([, e]) => e.expectError);
    expect(bad.length).toBe(7);
    for (const [file, e] of bad) {
      const r = await stampInPage(page, file, readFileSync(join(dir, file)));
      expect(r.ok, file).toBe(false);
      if (r.ok) continue;
      expect(r.error.code, file).toBe(e.expectError);
      expect(r.error.message_zh_CN, file).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('stop with a time-limit error instead of running on', async () => {
    const r = await stampInPage(page, 'statement.pdf', readFileSync(join(dir, 'statement.pdf')), { timeoutMs: 1000, pdf: { dpi: 300 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('timeout');
  });
});
