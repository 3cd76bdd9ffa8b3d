// Phone and scanner formats (HEIC/HEIF with grids, several images, 10 bits; AVIF; TIFF) and JPEGs
// browsers refuse or tolerate, through the built extension's stamping page in Chromium: every
// fixture × stamp, strip-only and --to pdf. Each gives an output or a typed error; outputs decode
// (sharp, or qpdf + pdftoppm), exiftool finds nothing, no needle is left, the picture is upright
// as the reference decoder shows it (heif-convert for HEIF, Chromium itself for JPEG and AVIF,
// the known quadrants for TIFF), the input is unchanged, and a failed file does not fail the
// next one.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openStampPage, stampInPage, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import type { AutomationResult } from '../../src/ui/automation.ts';
import { DEFAULT_FIXTURES_DIR as FIXTURES } from '../fixtures/make-fixtures.ts';
import { DEFAULT_FORMAT_FIXTURES_DIR as dir, makeFormatFixtures, type FormatManifest } from '../fixtures/make-format-fixtures.ts';
import { exiftool, leftovers } from '../helpers/exiftool.ts';
import { pdfinfo, qpdfCheck, renderPages } from '../helpers/pdf.ts';
import { medianRgb, uprightRgb, type Raw } from '../helpers/pixels.ts';

const outDir = mkdtempSync(join(tmpdir(), 'idstamp-formats-'));
let manifest: FormatManifest;
let browser: ExtensionBrowser;
let page: Page;

beforeAll(async () => {
  manifest = await makeFormatFixtures();
  browser = await launchWithExtension();
  page = await openStampPage(browser);
}, 120_000);
afterAll(() => browser?.close());

type Ok = Extract<AutomationResult, { ok: true }>;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function run(name: string, options: unknown): Promise<AutomationResult & { path?: string }> {
  const before = readFileSync(join(dir, name));
  const r = await stampInPage(page, name, before, options);
  expect(sha(readFileSync(join(dir, name))), 'input unchanged').toBe(sha(before));
  if (!r.ok) return r;
  const path = join(outDir, `${Math.random().toString(36).slice(2)}-${r.name}`);
  writeFileSync(path, Buffer.from(r.base64, 'base64'));
  return { ...r, path };
}

/** The four quadrant centres' colours of an upright picture. */
const quadrants = (img: Raw) => {
  const w = img.width;
  const h = img.height;
  const box = (cx: number, cy: number) => medianRgb(img, Math.round(cx - w / 8), Math.round(cy - h / 8), Math.round(cx + w / 8), Math.round(cy + h / 8));
  return [box(w / 4, h / 4), box((3 * w) / 4, h / 4), box(w / 4, (3 * h) / 4), box((3 * w) / 4, (3 * h) / 4)];
};

/** The input as Chromium shows it in a page (an <img>, EXIF orientation applied as it applies it). */
async function chromiumShows(path: string): Promise<Raw> {
  const png = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([window.idstamp!.fromBase64(b64) as BlobPart]));
    await img.decode();
    const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
    canvas.getContext('2d')!.drawImage(img, 0, 0);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    let s = '';
    for (const x of bytes) s += String.fromCharCode(x);
    return btoa(s);
  }, readFileSync(path).toString('base64'));
  const { data, info } = await sharp(Buffer.from(png, 'base64')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * What the picture must look like: heif-convert (libheif's own tool) for HEIF, Chromium for what
 * it decodes itself (JPEG, PNG, WebP, AVIF), the recipe for TIFF (no browser shows TIFF).
 */
async function expectedQuadrants(name: string, pageNo = 1): Promise<number[][]> {
  const e = manifest.files[name]!;
  if (e.kind !== 'heic' && e.kind !== 'tiff') return quadrants(await chromiumShows(join(dir, name)));
  if (e.kind === 'heic') {
    let png = join(outDir, `${name}.oracle.png`);
    execFileSync('heif-convert', [join(dir, name), png]);
    // With several images heif-convert writes each (-1, -2…, in heif-info's order): take the primary.
    const images = execFileSync('heif-info', [join(dir, name)], { encoding: 'utf8' }).match(/^image: .*$/gm)!;
    if (images.length > 1) png = png.replace(/\.png$/, `-${images.findIndex((l) => l.endsWith('primary')) + 1}.png`);
    // heif-convert copies the EXIF (Orientation 6 for the iPhone) into its PNG after applying
    // irot: take its pixels as they are, as HEIF readers do.
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return quadrants({ data, width: info.width, height: info.height });
  }
  return e.quadrants![pageNo - 1]!;
}

function expectClose(got: number[][], want: number[][], what: string, tolerance = 60): void {
  got.forEach((rgb, i) => rgb.forEach((v, c) => expect(Math.abs(v - want[i]![c]!), `${what}: quadrant ${i} channel ${c} (${rgb} vs ${want[i]})`).toBeLessThan(tolerance)));
}

function expectClean(path: string, name: string, lossless = false): void {
  // A lossless copy keeps an orientation-only EXIF when the picture is turned.
  expect(leftovers(exiftool(path), { allowOrientation: lossless })).toEqual([]);
  const out = readFileSync(path);
  for (const n of manifest.files[name]!.needles) expect(out.includes(Buffer.from(n, 'latin1')), `needle ${n}`).toBe(false);
}

const GOOD = () => Object.keys(manifest.files).filter((f) => !manifest.files[f]!.expectError);

describe('phone and scanner formats', () => {
  it('the fixtures carry what the tests look for (exiftool sees the needles)', () => {
    expect(GOOD().length).toBeGreaterThanOrEqual(11);
    const tags = exiftool(join(dir, 'iphone.heic'));
    expect(tags['IFD0:Model']).toBe('NEEDLE-IPHONE-MODEL');
    expect(tags['QuickTime:Rotation']).toBe(270);
    expect(exiftool(join(dir, 'multipage.tif'))['File:PageCount'] ?? 3).toBe(3);
    expect(exiftool(join(dir, 'grid.heic'))['IFD0:Model']).toBe('NEEDLE-GRID-MODEL');
  });

  it('the oracles agree with the recipes: heif-convert assembles the grid, picks the primary, turns by irot; Chromium shows the JPEGs and the AVIF upright', async () => {
    for (const [name, e] of Object.entries(manifest.files)) if (!e.expectError && e.quadrants && e.kind !== 'tiff') expectClose(await expectedQuadrants(name), e.quadrants[0]!, `${name} oracle`, 40);
  }, 120_000);

  for (const mode of ['stamp', 'strip', 'pdf'] as const) {
    it(`${mode}: every good fixture gives a clean, decodable, upright output`, async () => {
      for (const name of GOOD()) {
        const e = manifest.files[name]!;
        const options = mode === 'stamp' ? { watermark: { site: 'okx.com', density: 0.3 } } : mode === 'strip' ? { mode: 'strip' } : { output: 'pdf', mode: 'strip' };
        const r = await run(name, options);
        if (!r.ok) throw new Error(`${name} (${mode}): ${r.error.code}: ${r.error.message}`);
        const ok = r as Ok & { path: string };
        expectClean(ok.path, name, ok.report.lossless);
        if (e.warning) expect(ok.report.warnings, `${name} ${mode}`).toContain(e.warning);
        const pages = e.pages ?? 1;
        if (mode === 'pdf' || pages > 1) {
          expect(ok.report.output.kind, name).toBe('pdf');
          expect(qpdfCheck(ok.path).ok, name).toBe(true);
          expect(Number(pdfinfo(ok.path)['Pages']), name).toBe(pages);
          const rendered = renderPages(ok.path, 72);
          for (const [i, png] of rendered.entries()) {
            const img = await uprightRgb(png);
            expect(img.height > img.width, `${name} page ${i + 1} portrait`).toBe(e.height > e.width);
            if (mode !== 'stamp') expectClose(quadrants(img), await expectedQuadrants(name, i + 1), `${name} page ${i + 1}`);
          }
          continue;
        }
        const browserKind = e.kind === 'jpeg' || e.kind === 'png' || e.kind === 'webp';
        expect(ok.report.output.kind, name).toBe(browserKind ? e.kind : e.bilevel ? 'png' : 'jpeg');
        if (browserKind) expect(ok.report.lossless, name).toBe(mode === 'strip');
        else {
          expect(ok.report.warnings, name).toContain('converted-format');
          expect(ok.report.lossless).toBe(false);
        }
        // The output as Chromium shows it (a lossless copy keeps the orientation tag it needs).
        const img = await chromiumShows(ok.path);
        expect([img.width, img.height], name).toEqual([e.width, e.height]);
        // Stamped: the mark changes some pixels but the quadrants' medians stay.
        expectClose(quadrants(img), await expectedQuadrants(name), `${name} ${mode}`, mode === 'stamp' ? 80 : 40);
        if (mode === 'stamp') expect(ok.report.watermark?.lines[0]).toBe('Only for okx.com identity verification');
        if (e.needles.length) expect(ok.report.removed, name).toContain('exif');
      }
    }, 240_000);
  }

  it('a multi-page scan asked for as a picture gives its first page and says so', async () => {
    const r = await run('multipage.tif', { output: 'jpeg', mode: 'strip' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.report.warnings).toContain('first-page-only');
    expectClose(quadrants(await uprightRgb(r.path!)), manifest.files['multipage.tif']!.quadrants![0]!, 'page 1', 40);
  });

  it('damaged files and files browsers cannot decode: the same typed error in every mode (strip-only writes no copy that cannot be opened), in both languages; the next file still works', async () => {
    const bad = Object.entries(manifest.files).filter(([, x]) => x.expectError);
    expect(bad.map(([n]) => n)).toEqual(
      expect.arrayContaining(['long-30001x10.png', 'huge-ispe.heic', 'cut-scan.jpg', 'lossless-sof3.jpg', '12-bit.jpg', 'no-dqt.jpg', 'bad-huffman.jpg', 'scan-bad-component.jpg']),
    );
    for (const [name, e] of bad)
      for (const options of [{}, { mode: 'strip' }, { output: 'pdf', mode: 'strip' }]) {
        const r = await run(name, options);
        expect(r.ok, `${name} ${JSON.stringify(options)}`).toBe(false);
        if (r.ok) continue;
        expect(r.error.code, `${name} ${JSON.stringify(options)}`).toBe(e.expectError);
        expect(r.error.message_zh_CN).toMatch(/[\u4e00-\u9fff]/);
        // The kind of file is named right (a picture, never a PDF), and no phone is named: the
        // HEIC files here come from an Android phone's HEIF (no "iPhone setting" tip).
        expect(r.error.message).not.toMatch(/PDF/);
        expect(`${r.error.message} ${r.error.message_zh_CN}`).not.toMatch(/iPhone|Apple|Android|苹果|安卓/i);
        // The limit that was hit, by name.
        if (e.expectError === 'too-long-side') expect(r.error.message).toContain('at most 30,000 pixels');
        if (e.expectError === 'too-many-pixels') expect(r.error.message).toMatch(/12000×9000 pixels, limit 100 megapixels/);
        expect((await run('android.heif', options)).ok, `after ${name}`).toBe(true);
      }
  }, 240_000);

  it('damage browsers skip is tolerated with a warning: a GIF without its trailer, a PNG chunk with a bad CRC', async () => {
    const gif = readFileSync(join(FIXTURES, 'photo.gif'));
    expect(gif[gif.length - 1]).toBe(0x3b);
    const png = readFileSync(join(FIXTURES, 'photo.png'));
    // A tEXt chunk after IHDR whose CRC is wrong.
    const data = Buffer.from('Comment\0NEEDLE-BADCRC', 'latin1');
    const text = Buffer.concat([Buffer.from([0, 0, 0, data.length]), Buffer.from('tEXt'), data, Buffer.from([1, 2, 3, 4])]);
    const cases: [string, Buffer][] = [
      ['no-trailer.gif', gif.subarray(0, gif.length - 1)],
      ['bad-crc.png', Buffer.concat([png.subarray(0, 33), text, png.subarray(33)])],
    ];
    for (const [name, bytes] of cases)
      for (const mode of ['stamp', 'strip']) {
        const r = await stampInPage(page, name, bytes, { mode });
        if (!r.ok) throw new Error(`${name} ${mode}: ${r.error.code}`);
        expect(r.report.warnings, `${name} ${mode}`).toContain('damaged-part-skipped');
        const out = join(outDir, `${mode}-${r.name}`);
        writeFileSync(out, Buffer.from(r.base64, 'base64'));
        expect(leftovers(exiftool(out))).toEqual([]);
        expect(readFileSync(out).includes('NEEDLE-BADCRC')).toBe(false);
        const img = await uprightRgb(out);
        const original = await uprightRgb(join(FIXTURES, name.endsWith('gif') ? 'photo.gif' : 'photo.png'));
        expect([img.width, img.height]).toEqual([original.width, original.height]);
      }
    // A PNG whose critical chunk (IDAT) has a bad CRC is still refused.
    const idat = png.indexOf('IDAT');
    const broken = Buffer.from(png);
    broken[idat + 8] = broken[idat + 8]! ^ 0xff;
    const r = await stampInPage(page, 'bad-idat.png', broken, {});
    expect(r.ok ? 'ok' : r.error.code).toBe('corrupt');
  });

  it('big files in the extension page: a 150 MB motion photo is cleaned, a 210 MB file gets the limit’s message, the next file works', async () => {
    const fresh = await openStampPage(browser);
    const phone = readFileSync(join(FIXTURES, 'phone.jpg')).toString('base64');
    // Made in the page: 150 and 210 MB of "video" after the picture, as in a motion photo.
    const r = await fresh.evaluate(async (b64) => {
      const picture = window.idstamp!.fromBase64(b64);
      const answer = async (mb: number) => {
        const file = new File([picture as BlobPart, new Uint8Array(mb * 2 ** 20)], `motion-${mb}.jpg`);
        try {
          const out = await window.idstamp!.stamp(file, { mode: 'strip' });
          return { bytes: out.file.size, removed: out.report.removed };
        } catch (e) {
          return { code: (e as { code?: string }).code, message: (e as Error).message };
        }
      };
      return [await answer(150), await answer(210), await answer(0)];
    }, phone);
    expect(r[0]).toMatchObject({ removed: expect.arrayContaining(['trailer']) });
    expect((r[0] as { bytes: number }).bytes).toBeLessThan(readFileSync(join(FIXTURES, 'phone.jpg')).length);
    expect(r[1]).toMatchObject({ code: 'too-large-file', message: expect.stringMatching(/too large \(210\.\d MB, limit 200\.0 MB\)/) });
    expect(r[2]).toMatchObject({ removed: expect.arrayContaining(['exif']) });
    await fresh.close();
  }, 180_000);

  it('a HEIC job stopped by the time limit terminates its decoder worker; the next HEIC decodes', async () => {
    const fresh = await openStampPage(browser);
    const heicWorkers = () => fresh.workers().filter((w) => w.url().includes('heic.worker')).length;
    const b64 = readFileSync(join(dir, 'iphone.heic')).toString('base64');
    const r = await fresh.evaluate(async (b) => {
      const bytes = window.idstamp!.fromBase64(b);
      // The bytes arrive just before the 1 s limit: the limit hits while libheif loads.
      const slow = Object.assign(new Blob([bytes as BlobPart]), {
        name: 'slow.heic',
        arrayBuffer: () => new Promise<ArrayBuffer>((resolve) => setTimeout(() => resolve(bytes.buffer as ArrayBuffer), 980)),
      });
      try {
        await window.idstamp!.stamp(slow, { timeoutMs: 1000 });
        return 'finished';
      } catch (e) {
        return (e as { code?: string }).code;
      }
    }, b64);
    expect(r).toBe('timeout');
    // A decoder left running would finish loading and stay (workers are kept for the next
    // file); a terminated one never shows up or is gone.
    await new Promise((w) => setTimeout(w, 3000));
    expect(heicWorkers()).toBe(0);
    const again = await stampInPage(fresh, 'iphone.heic', readFileSync(join(dir, 'iphone.heic')), {});
    expect(again.ok).toBe(true);
    expect(heicWorkers()).toBe(1);
    await fresh.close();
  });
});
