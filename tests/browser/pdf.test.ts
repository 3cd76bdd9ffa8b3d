// PDFs through the built extension in Chromium: flatten and keep-text, checked with qpdf,
// poppler and exiftool, every stream inflated and searched for the input's needles.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openStampPage, stampInPage, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import type { AutomationResult } from '../../src/ui/automation.ts';
import { exportKey, keyFromBytes } from '../../src/core/trace/index.ts';
import { DEFAULT_FIXTURES_DIR } from '../fixtures/make-fixtures.ts';
import { DEFAULT_PDF_FIXTURES_DIR as dir, makePdfFixtures, SCAN_KINDS, type PdfFixtureManifest } from '../fixtures/make-pdf-fixtures.ts';
import { exiftool, leftovers } from '../helpers/exiftool.ts';
import { inflated, needlesIn, pdfinfo, pdftotext, qpdfCheck, renderPages, trailerId } from '../helpers/pdf.ts';
import { changedFractions, uprightRgb, type Raw } from '../helpers/pixels.ts';

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

  it('keep-text with a trace key keeps the text as asked and says the copy carries no invisible trace', async () => {
    // Before: the core flattened such a PDF to carry the trace, silently undoing keep-text.
    const key = exportKey(keyFromBytes(Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + 1) & 255)));
    for (const mode of ['stamp', 'trace'] as const) {
      const r = await run('statement.pdf', { mode, pdf: { mode: 'keep-text' }, trace: { key } });
      expect(r.report, mode).toMatchObject({ pdfMode: 'keep-text', output: { pages: 20 } });
      expect(r.report.warnings, mode).toContain('no-trace-keep-text');
      expect(r.report.trace, mode).toBeUndefined();
      expect(pdftotext(r.path), mode).toContain('STATEMENT-PAGE-20');
    }
  }, 240_000);

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

  // Before, identify read the first page only: a traced scan found behind a page that is not
  // ours (a cover page put in front, pages reordered) gave "no trace", though its pages carry it.
  it('a traced scan is identified behind a page that carries no trace (a cover page put in front)', async () => {
    const key = exportKey(keyFromBytes(Uint8Array.from({ length: 32 }, (_, i) => (i * 11 + 3) & 255)));
    const r = await run('scan.pdf', { trace: { key } });
    const code = r.report.trace!.code;
    const covered = join(outDir, `covered-${Math.random().toString(36).slice(2)}.pdf`);
    execFileSync('qpdf', ['--empty', '--pages', join(dir, 'statement.pdf'), '1', r.path, '1-z', '--', covered]);
    expect(pdfinfo(covered).Pages).toBe('6');
    const identify = (path: string) =>
      page.evaluate(([b, k]) => window.idstamp!.identifyFile(new File([window.idstamp!.fromBase64(b) as BlobPart], 'found.pdf'), k), [readFileSync(path).toString('base64'), key] as const);
    expect(await identify(r.path)).toEqual({ ok: true, trace: code });
    expect(await identify(covered)).toEqual({ ok: true, trace: code });
    // The original statement, never stamped: no code from any page.
    expect(await identify(join(dir, 'statement.pdf'))).toEqual({ ok: true, trace: null });
    // Every page carries it, each alone, and shows its own page: the pages' pixels pass through
    // buffers kept from one traced page to the next (trace-canvas.ts).
    const originals = await Promise.all(renderPages(join(dir, 'scan.pdf'), 60).map((f) => uprightRgb(f)));
    const stamped = await Promise.all(renderPages(r.path, 60).map((f) => uprightRgb(f)));
    for (const [i, shown] of stamped.entries()) {
      const off = originals.map((o) => difference(o, shown).mean);
      expect(off.indexOf(Math.min(...off)), `page ${i + 1} against the originals: ${off.map((d) => d.toFixed(2)).join(', ')}`).toBe(i);
      const alone = join(outDir, `page-${i + 1}-${Math.random().toString(36).slice(2)}.pdf`);
      execFileSync('qpdf', ['--empty', '--pages', r.path, String(i + 1), '--', alone]);
      expect(await identify(alone), `page ${i + 1}`).toEqual({ ok: true, trace: code });
    }
  }, 120_000);

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

/** Page `n` unstamped: pdf.js's render, or drawn from its own picture when it is one. */
async function pageOf(file: string, n: number, dpi: number, pictures: boolean): Promise<{ raw: Raw; picture: boolean; decoder?: string; copied?: boolean }> {
  const b64 = readFileSync(join(dir, file)).toString('base64');
  const r = await page.evaluate(([b, p, d, x]) => window.idstamp!.pdfPage(b, p, d, x), [b64, n, dpi, pictures] as const);
  return { raw: await uprightRgb(Buffer.from(r.png, 'base64')), picture: r.picture, ...(r.decoder ? { decoder: r.decoder, copied: r.copied } : {}) };
}

/** Mean |Δ| per channel (levels of 255), and the share of pixels off by more than 48 in some channel. */
function difference(a: Raw, b: Raw): { mean: number; far: number } {
  expect(`${a.width}×${a.height}`).toBe(`${b.width}×${b.height}`);
  let sum = 0;
  let far = 0;
  for (let i = 0; i < a.data.length; i += 3) {
    let worst = 0;
    for (let c = 0; c < 3; c++) {
      const d = Math.abs(a.data[i + c]! - b.data[i + c]!);
      sum += d;
      worst = Math.max(worst, d);
    }
    if (worst > 48) far++;
  }
  return { mean: sum / a.data.length, far: far / (a.data.length / 3) };
}

describe('scanned pages: one picture a page is taken out of the PDF, not rendered', () => {
  for (const k of SCAN_KINDS)
    it(`page ${k.page}, ${k.kind}: ${k.picture ? 'drawn from its JPEG as pdf.js renders it' : 'rendered by pdf.js'}`, async () => {
      const rendered = await pageOf('scan-kinds.pdf', k.page, 150, false);
      const drawn = await pageOf('scan-kinds.pdf', k.page, 150, true);
      expect(rendered.picture).toBe(false);
      expect(drawn.picture).toBe(k.picture);
      // Chromium has ImageDecoder: the JPEG comes as YUV planes, not a bitmap's RGBA (memory).
      expect(drawn.decoder).toBe(k.picture ? 'frame' : undefined);
      // At its own size and upright, the frame is copied as it is (no RGBA copy of the whole
      // frame, as drawing it makes); else drawn where pdf.js draws it.
      expect(drawn.copied).toBe('copied' in k ? k.copied : undefined);
      const d = difference(rendered.raw, drawn.raw);
      // Two JPEG decoders (pdf.js's own in JavaScript, the browser's libjpeg-turbo) differ by a
      // level or two in places; a turned, shifted or mis-coloured picture would be far off.
      expect(d.mean, JSON.stringify(d)).toBeLessThan(k.picture ? 2 : 0.01);
      expect(d.far, JSON.stringify(d)).toBeLessThan(k.picture ? 0.001 : 0.00001);
    });

  it('at 100 DPI too (the picture is shrunk as pdf.js shrinks it)', async () => {
    const rendered = await pageOf('scan.pdf', 1, 100, false);
    const drawn = await pageOf('scan.pdf', 1, 100, true);
    expect(drawn.picture).toBe(true);
    expect(drawn.copied).toBe(false); // shrunk: drawn, not copied
    const d = difference(rendered.raw, drawn.raw);
    expect(d.mean, JSON.stringify(d)).toBeLessThan(2);
    expect(d.far, JSON.stringify(d)).toBeLessThan(0.001);
  });

  it('at half its size (a 300-DPI scan at 150): decoded shrunk by the JPEG decoder, then copied', async () => {
    const rendered = await pageOf('scan.pdf', 1, 75, false);
    const drawn = await pageOf('scan.pdf', 1, 75, true);
    // The page is 620 px wide and its picture 1240: copied only if the decoder shrank it (DCT
    // scaled by 4/8), not decoded whole and drawn shrunk (four times the pixels, and the RGBA
    // copy drawing makes of them).
    expect(drawn).toMatchObject({ picture: true, decoder: 'frame', copied: true });
    const d = difference(rendered.raw, drawn.raw);
    expect(d.mean, JSON.stringify(d)).toBeLessThan(2);
    expect(d.far, JSON.stringify(d)).toBeLessThan(0.001);
  });

  it('flattens every kind: valid, clean, stamped on every page, upright as displayed', async () => {
    const r = await run('scan-kinds.pdf');
    expect(r.report.output.pages).toBe(SCAN_KINDS.length);
    expectClean(r.path, 'scan-kinds.pdf');
    await expectWatermarkOnEveryPage(join(dir, 'scan-kinds.pdf'), r.path);
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
