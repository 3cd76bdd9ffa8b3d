// Output sizes (issue: stamped files must fit upload limits) through the built extension in
// Chromium, checked with poppler (pdfimages, pdftoppm, pdftotext), tesseract and sharp.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openStampPage, stampInPage, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import type { AutomationResult } from '../../src/ui/automation.ts';
import { DEFAULT_FIXTURES_DIR, encodeBmp24, makeFixtures } from '../fixtures/make-fixtures.ts';
import { DEFAULT_PDF_FIXTURES_DIR as pdfDir, makePdfFixtures } from '../fixtures/make-pdf-fixtures.ts';
import { makeCameraPhoto, makeScreenshot, makeSmoothPhoto } from '../fixtures/size-inputs.ts';
import { toRgba } from '../fixtures/trace-pictures.ts';
import { exportKey, importKey, readTrace } from '../../src/core/trace/index.ts';
import { qpdfCheck } from '../helpers/pdf.ts';
import { changedFractions, uprightRgb } from '../helpers/pixels.ts';

const outDir = mkdtempSync(join(tmpdir(), 'idstamp-size-'));
let browser: ExtensionBrowser;
let page: Page;
let screenshot: string;

beforeAll(async () => {
  await makePdfFixtures();
  await makeFixtures();
  screenshot = await makeScreenshot(join(outDir, 'screenshot.png'));
  browser = await launchWithExtension();
  page = await openStampPage(browser);
});
afterAll(() => browser?.close());

type Ok = Extract<AutomationResult, { ok: true }>;

async function run(input: string, options: unknown = {}): Promise<Ok & { path: string; bytesIn: number; bytesOut: number }> {
  const bytes = readFileSync(input);
  const r = await stampInPage(page, input.split('/').pop()!, bytes, options);
  if (!r.ok) throw new Error(`${input}: ${r.error.code}: ${r.error.message}`);
  const out = Buffer.from(r.base64, 'base64');
  const path = join(outDir, `${Math.random().toString(36).slice(2)}-${r.name}`);
  writeFileSync(path, out);
  // Sizes travel in every report.
  expect(r.report.input.bytes).toBe(bytes.length);
  expect(r.report.output.bytes).toBe(out.length);
  return { ...r, path, bytesIn: bytes.length, bytesOut: out.length };
}

/** Every image of a PDF as pdfimages lists it: encoding, colour, bits and stored bytes. */
function pdfImages(path: string) {
  const unit = { B: 1, K: 1024, M: 1024 * 1024 } as Record<string, number>;
  return execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const c = l.trim().split(/\s+/);
      const size = /^([\d.]+)([BKM])$/.exec(c[14]!)!;
      return { page: Number(c[0]), color: c[5]!, bpc: Number(c[7]), enc: c[8]!, bytes: Number(size[1]) * unit[size[2]!]! };
    });
}

/** Words of 3+ letters or digits, as tesseract reads a page image. */
const ocrWords = (png: string) => words(execFileSync('tesseract', [png, '-', '--psm', '4'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
const words = (text: string) =>
  text
    .split(/[^A-Za-z0-9#.-]+/)
    .map((w) => w.replace(/^[.-]+|[.-]+$/g, ''))
    .filter((w) => w.length >= 3);
/** Share of the true words found. */
const recall = (truth: string[], read: string[]) => {
  const pool = new Map<string, number>();
  for (const w of read) pool.set(w, (pool.get(w) ?? 0) + 1);
  let hit = 0;
  for (const w of truth) if ((pool.get(w) ?? 0) > 0) (hit++, pool.set(w, pool.get(w)! - 1));
  return hit / truth.length;
};
const pageAsPng = (pdf: string, n: number) => {
  const base = join(outDir, `${Math.random().toString(36).slice(2)}-p`);
  execFileSync('pdftoppm', ['-r', '150', '-f', String(n), '-l', String(n), '-singlefile', '-png', pdf, base]);
  return `${base}.png`;
};

describe('flattened PDFs that fit', () => {
  it('a 20-page text statement: at most 2 MB, every page a palette image, text pages about 100 KB at most', { timeout: 180_000 }, async () => {
    const r = await run(join(pdfDir, 'statement.pdf'));
    expect(r.report.pdfMode).toBe('flatten');
    expect(qpdfCheck(r.path).ok).toBe(true);
    expect(r.bytesOut).toBeLessThanOrEqual(2 * 1024 * 1024);
    const images = pdfImages(r.path);
    expect(images.map((i) => i.page)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const im of images) expect(im, `page ${im.page}`).toMatchObject({ color: 'index', bpc: 4, enc: 'image' });
    // Text pages average at most 100 KB. One page can go a few KB over, depending on where the
    // randomly placed mark falls (measured 87–104 KB); page 1 also has a small colour logo.
    const text = images.filter((im) => im.page > 1).map((im) => im.bytes);
    expect(text.reduce((a, b) => a + b, 0) / text.length).toBeLessThanOrEqual(100 * 1024);
    expect(Math.max(...text)).toBeLessThanOrEqual(110 * 1024);
    expect(images[0]!.bytes).toBeLessThanOrEqual(125 * 1024);
  });

  // Was 3.3–3.6 MB, every page a JPEG (a palette would quantise the trace away), and the trace
  // on white paper kept only its darkening half: no code was read from the first page in four
  // of five copies (node's reader on the page, lossless or as saved).
  it(
    'with the invisible trace (as saved): still at most 2 MB; the first page a JPEG whose code poppler’s render gives back, the others palette images; in three copies',
    { timeout: 300_000 },
    async () => {
      const key = exportKey({ bytes: Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 255) });
      for (let copy = 1; copy <= 3; copy++) {
        const r = await run(join(pdfDir, 'statement.pdf'), { trace: { key } });
        expect(r.report.trace?.embedded, `copy ${copy}`).toBe(true);
        expect(r.report.warnings, `copy ${copy}`).toContain('trace-first-page');
        expect(r.bytesOut, `copy ${copy}`).toBeLessThanOrEqual(2 * 1024 * 1024);
        const images = pdfImages(r.path);
        expect(images[0], `copy ${copy}`).toMatchObject({ page: 1, color: 'rgb', enc: 'jpeg' });
        for (const im of images.slice(1)) expect(im, `copy ${copy}, page ${im.page}`).toMatchObject({ color: 'index', bpc: 4, enc: 'image' });
        const first = await toRgba(readFileSync(pageAsPng(r.path, 1)));
        expect(readTrace(first, importKey(key)).code, `copy ${copy}`).toBe(r.report.trace!.code);
      }
    },
  );

  it('its text reads as well as today’s JPEG pages (tesseract at 150 DPI against the text layer)', { timeout: 300_000 }, async () => {
    const input = join(pdfDir, 'statement.pdf');
    const truth = words(execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', input, '-'], { encoding: 'utf8' }));
    expect(truth.length).toBeGreaterThan(80);
    // Both with the mark in the same place (no per-copy variation): where a randomly placed
    // mark falls on the words moves recall by a few points either way (once in ~10 runs 0.956
    // against 0.994), and that is not what is compared here.
    const samePlace = { watermark: { jitter: false } };
    const flat = recall(truth, ocrWords(pageAsPng((await run(input, samePlace)).path, 1)));
    // Today's flattening made every page a JPEG at pdf.quality 0.85: the first page as a JPEG
    // picture at that quality is the same pixels.
    const today = join(outDir, 'today-p1.png');
    await sharp((await run(input, { ...samePlace, output: 'jpeg', quality: 0.85 })).path)
      .png()
      .toFile(today);
    expect(flat).toBeGreaterThanOrEqual(0.85);
    expect(flat).toBeGreaterThanOrEqual(recall(truth, ocrWords(today)) - 0.03);
  });

  it('a 5-page scan: JPEG pages, at most 1.5× the input', { timeout: 120_000 }, async () => {
    const r = await run(join(pdfDir, 'scan.pdf'));
    expect(r.bytesOut / r.bytesIn).toBeLessThanOrEqual(1.5);
    for (const im of pdfImages(r.path)) expect(im.enc).toBe('jpeg');
  });
});

describe('a field’s stated limit (maxBytes)', () => {
  it('a scan is made to fit by lowering its JPEG quality', { timeout: 120_000 }, async () => {
    const r = await run(join(pdfDir, 'scan.pdf'), { maxBytes: 950_000 });
    expect(r.bytesOut).toBeLessThanOrEqual(950_000);
    for (const im of pdfImages(r.path)) expect(im.enc).toBe('jpeg');
  });

  it('a limit that cannot be met without spoiling the pages is a typed error, not a larger file', { timeout: 120_000 }, async () => {
    const r = await stampInPage(page, 'statement.pdf', readFileSync(join(pdfDir, 'statement.pdf')), { maxBytes: 300_000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('cannot-reach-size');
  });
});

describe('pictures that fit', () => {
  it('a stamped screenshot within 2× its input in every layout of the mark (twelve copies)', async () => {
    // Its size depends on where the mark falls: before a copy over the limit was stamped again
    // in another layout (smaller-layout.ts), at most 286 KB over 150 copies and 2.07× once in
    // 25 more. So this catches a regression only sometimes; the retry's own rule is tested in
    // tests/unit/smaller-layout.test.ts.
    const input = readFileSync(screenshot);
    for (let copy = 0; copy < 12; copy++) {
      const r = await stampInPage(page, 'screenshot.png', input);
      expect(r.ok).toBe(true);
      if (r.ok) expect(Buffer.from(r.base64, 'base64').length / input.length, `copy ${copy}`).toBeLessThanOrEqual(2);
    }
  });

  it('a 3000×2000 screenshot: a palette PNG at most 2× the input, flat colours exact, mark everywhere', async () => {
    const r = await run(screenshot);
    expect(r.bytesOut / r.bytesIn).toBeLessThanOrEqual(2);
    const meta = await sharp(r.path).metadata();
    expect(meta).toMatchObject({ format: 'png', isPalette: true, width: 3000, height: 2000 });
    const before = await uprightRgb(screenshot);
    const after = await uprightRgb(r.path);
    const d = changedFractions(before, after, 3, 60);
    for (const [c, f] of d.cells.entries()) expect(f, `cell ${c}`).toBeGreaterThan(0.003);
    expect(d.overall).toBeLessThan(0.35);
    // The page background, side bar and header colours stay exact wherever the mark left them.
    for (const hex of ['f6f8fa', '24292f', '0b5cad']) {
      const rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
      let same = 0,
        was = 0;
      for (let p = 0; p < before.width * before.height; p++) {
        const at = (r: typeof before) => r.data[p * 3] === rgb[0] && r.data[p * 3 + 1] === rgb[1] && r.data[p * 3 + 2] === rgb[2];
        if (at(before)) (was++, at(after) && same++);
      }
      expect(same / was, hex).toBeGreaterThan(0.6);
    }
  });

  // The browser's own PNG encoder wrote the traced screenshot at 2.65–2.89 MB (the bench, before
  // our full-colour PNG); on the same pixels it takes 3.08 MB stamped, 1.71 MB traced clean.
  // Was a full-colour PNG (1.3–1.7 MB stamped, 0.37–0.39 MB traced clean): a palette of one
  // entry a bin would have wiped the trace. Now a palette that keeps it (palette/quantise.ts).
  it('a traced 3000×2000 screenshot: a palette PNG that keeps the trace, under 1 MB stamped and 0.3 MB traced clean; its code reads back, and after JPEG q60', { timeout: 120_000 }, async () => {
    const key = exportKey({ bytes: Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 255) });
    for (const [mode, most] of [
      ['stamp', 1_000_000],
      ['trace', 300_000],
    ] as const) {
      const r = await run(screenshot, { mode, trace: { key } });
      expect(r.report.trace?.embedded, mode).toBe(true);
      expect(r.bytesOut, mode).toBeLessThan(most);
      // libpng (through sharp) decodes it: an 8-bit palette (every pixel was opaque), full size.
      expect(await sharp(r.path).metadata(), mode).toMatchObject({ format: 'png', isPalette: true, depth: 'uchar', width: 3000, height: 2000 });
      expect(readTrace(await toRgba(readFileSync(r.path)), importKey(key)).code, mode).toBe(r.report.trace!.code);
      const q60 = await sharp(r.path).jpeg({ quality: 60 }).toBuffer();
      expect(readTrace(await toRgba(q60), importKey(key)).code, mode).toBe(r.report.trace!.code);
    }
  });

  it('a camera-like JPEG photo stays within 1.3× its input', async () => {
    const r = await run(await makeCameraPhoto(join(outDir, 'camera.jpg'), 2400, 1800));
    expect(r.bytesOut / r.bytesIn).toBeLessThanOrEqual(1.3);
  });

  // Was 1.3–1.4× stamped and 1.6× traced clean (trace-only copies had no size budget, and the
  // budget stopped 0.1 below the source's quality, where the trace's texture still did not fit).
  it('a smooth 12 MP photo with the invisible trace, stamped or traced clean, stays within 1.3× its input and its trace reads after JPEG q50', { timeout: 300_000 }, async () => {
    const input = await makeSmoothPhoto(join(outDir, 'smooth-12mp.jpg'), 4032, 3024);
    const key = exportKey({ bytes: Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 255) });
    for (const mode of ['stamp', 'trace'] as const) {
      const r = await run(input, { mode, trace: { key } });
      expect(r.report.trace?.embedded, mode).toBe(true);
      expect(r.bytesOut / r.bytesIn, mode).toBeLessThanOrEqual(1.3);
      const q50 = await sharp(r.path).jpeg({ quality: 50 }).toBuffer();
      expect(readTrace(await toRgba(q50), importKey(key)).code, mode).toBe(r.report.trace!.code);
    }
  });

  it('a picture with transparency keeps full colour (no palette)', async () => {
    const r = await run(join(DEFAULT_FIXTURES_DIR, 'photo.png'));
    expect((await sharp(r.path).metadata()).isPalette).toBe(false);
  });
});

/** A PNG's zlib stream (its IDAT chunks joined). */
function idat(png: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') parts.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return Buffer.concat(parts);
}

/** Empty stored blocks (LEN 0, NLEN 0xffff): where two halves deflated apart were joined. */
function joins(z: Buffer): number {
  let n = 0;
  for (let at = z.indexOf(JOIN); at >= 0; at = z.indexOf(JOIN, at + 1)) n++;
  return n;
}
const JOIN = Buffer.from([0, 0, 0xff, 0xff]);

describe('long PNGs, deflated on two threads', () => {
  it('a 3000×2000 BMP cleaned twice in a fresh page: the second PNG in two halves joined at one empty stored block, both the very pixels', { timeout: 120_000 }, async () => {
    const { data, info } = await sharp(screenshot).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const bmp = encodeBmp24(data, info.width, info.height);
    const fresh = await openStampPage(browser);
    try {
      const streams: Buffer[] = [];
      for (let i = 0; i < 2; i++) {
        const r = await stampInPage(fresh, 'screen.bmp', bmp, { mode: 'strip' });
        if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
        const png = Buffer.from(r.base64, 'base64');
        const out = await sharp(png).raw().toBuffer({ resolveWithObject: true });
        expect(out.info, `copy ${i + 1}`).toMatchObject({ width: 3000, height: 2000, channels: 3 });
        expect(out.data.equals(data), `copy ${i + 1}`).toBe(true);
        streams.push(idat(png));
      }
      // A page's first long PNG is deflated on its thread alone while an encoder is readied.
      expect(joins(streams[0]!)).toBe(0);
      expect(joins(streams[1]!)).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
