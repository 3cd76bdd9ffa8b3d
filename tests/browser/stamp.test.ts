// Every fixture through the built extension's stamping page in Chromium: stamp and strip,
// then exiftool (clean?), sharp (pixels upright? lossless? watermark everywhere?).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openStampPage, stampInPage, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import type { AutomationResult } from '../../src/ui/automation.ts';
import { DEFAULT_FIXTURES_DIR, makeFixtures, type FixtureManifest } from '../fixtures/make-fixtures.ts';
import { exiftool, leftovers } from '../helpers/exiftool.ts';
import { changedFractions, medianRgb, storedRgba, uprightRgb } from '../helpers/pixels.ts';
import { DEFAULT_CARDS_DIR } from '../quality/make-cards.ts';

const dir = DEFAULT_FIXTURES_DIR;
const outDir = mkdtempSync(join(tmpdir(), 'idstamp-out-'));
let manifest: FixtureManifest;
let browser: ExtensionBrowser;
let page: Page;

beforeAll(async () => {
  manifest = await makeFixtures(dir);
  browser = await launchWithExtension();
  page = await openStampPage(browser);
});
afterAll(() => browser?.close());

type Ok = Extract<AutomationResult, { ok: true }>;

async function run(name: string, options: unknown = {}): Promise<Ok & { path: string }> {
  const r = await stampInPage(page, name, readFileSync(join(dir, name)), options);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  const path = join(outDir, `${Math.random().toString(36).slice(2)}-${r.name}`);
  writeFileSync(path, Buffer.from(r.base64, 'base64'));
  return { ...r, path };
}

function expectNoNeedles(path: string, name: string): void {
  const out = readFileSync(path);
  for (const n of manifest.files[name]!.needles ?? []) expect(out.includes(Buffer.from(n, 'latin1')), `needle ${n}`).toBe(false);
}

const GOOD = ['photo.jpg', 'photo-extxmp.jpg', 'phone.jpg', 'photo.png', 'photo.webp', 'photo-lossless.webp', 'photo.gif', 'photo.bmp', 'mislabelled.jpg'];
const LOSSLESS = new Set(['jpeg', 'png', 'webp']);

describe.each(GOOD)('%s', (name) => {
  it('stamps: same format, upright, clean, watermark in every region, the rest near the original', async () => {
    const entry = manifest.files[name]!;
    const r = await run(name, { watermark: { site: 'okx.com' } });
    const outKind = LOSSLESS.has(entry.kind) ? entry.kind : 'png';
    expect(r.report.output.kind).toBe(outKind);
    expect(r.type).toBe(`image/${outKind}`);
    expect(r.name.endsWith(outKind === 'jpeg' ? '.jpg' : `.${outKind}`)).toBe(true);
    expect(leftovers(exiftool(r.path))).toEqual([]);
    expectNoNeedles(r.path, name);

    const before = await uprightRgb(join(dir, name));
    const after = await uprightRgb(r.path);
    expect([after.width, after.height]).toEqual([before.width, before.height]);
    if (entry.width) expect([after.width, after.height]).toEqual([entry.width, entry.height]);
    const diff = changedFractions(before, after);
    // A small picture with a random offset can have only a sliver of a tile in a cell: > 0.2 %.
    for (const [i, f] of diff.cells.entries()) expect(f, `cell ${i} has watermark`).toBeGreaterThan(0.002);
    expect(diff.overall).toBeLessThan(0.3);
    expect(r.report.watermark?.lines[0]).toBe('Only for okx.com identity verification');
    if (entry.needles?.length) expect(r.report.removed.length).toBeGreaterThan(0);
  });

  it('strips only: clean and, for JPEG/PNG/WebP, the same decoded pixels', async () => {
    const entry = manifest.files[name]!;
    const r = await run(name, { mode: 'strip' });
    expect(leftovers(exiftool(r.path), { allowOrientation: true })).toEqual([]);
    expectNoNeedles(r.path, name);
    if (LOSSLESS.has(entry.kind)) {
      expect(r.report.lossless).toBe(true);
      expect(r.report.output.kind).toBe(entry.kind);
      const a = await storedRgba(join(dir, name));
      const b = await storedRgba(r.path);
      expect(b.data.equals(a.data), 'decoded pixels identical').toBe(true);
      expect(exiftool(r.path)['IFD0:Orientation'] ?? 1).toBe(entry.orientation ?? 1);
    } else {
      expect(r.report.output.kind).toBe('png');
      expect(r.report.warnings).toContain('converted-to-png');
      const diff = changedFractions(await uprightRgb(join(dir, name)), await uprightRgb(r.path), 3, 3);
      expect(diff.overall).toBe(0);
    }
  });
});

describe('orientation', () => {
  // Upright fixture: top-left red, top-right green, bottom-left blue, bottom-right white.
  const expected: [number, number, number][] = [
    [255, 0, 0],
    [0, 255, 0],
    [0, 0, 255],
    [255, 255, 255],
  ];
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('orientation %i comes out upright, by pixels', async (o) => {
    const r = await run(`orient-${o}.jpg`, { watermark: { density: 0.2 } });
    const img = await uprightRgb(r.path);
    expect([img.width, img.height]).toEqual([300, 200]);
    expect(exiftool(r.path)['IFD0:Orientation']).toBeUndefined();
    const q = [medianRgb(img, 10, 10, 140, 90), medianRgb(img, 160, 10, 290, 90), medianRgb(img, 10, 110, 140, 190), medianRgb(img, 160, 110, 290, 190)];
    q.forEach((rgb, i) => rgb.forEach((v, c) => expect(Math.abs(v - expected[i]![c]!), `quadrant ${i} channel ${c}`).toBeLessThan(40)));
  });
});

describe('watermark', () => {
  it('marks every region of a small photo in every copy, whatever its random offset', { timeout: 120_000 }, async () => {
    let onDocument = 0;
    // The PNG, BMP and lossless WebP are drawings of flat colours (marked as a whole); the JPEG's
    // compression noise makes it a photo, where the finder looks for the card.
    for (const name of ['photo.jpg', 'mislabelled.jpg', 'photo.bmp', 'photo-lossless.webp'])
      for (let copy = 0; copy < 6; copy++) {
        const r = await run(name, { watermark: { site: 'okx.com' } });
        if (r.report.watermark?.document) onDocument++;
        const diff = changedFractions(await uprightRgb(join(dir, name)), await uprightRgb(r.path));
        for (const [i, f] of diff.cells.entries()) expect(f, `${name} copy ${copy} cell ${i}`).toBeGreaterThan(0.002);
      }
    // The layout around a found document (where the sparse background could leave a gap) is the one exercised.
    expect(onDocument).toBeGreaterThan(0);
  });

  it('lays the mark over an exported passport page as a whole (its portrait is no card on a table)', async () => {
    // A page exported as a PNG (flat colours): the finder once took the portrait's box for the
    // document, marked it densely and the name, dates and number sparsely, as background.
    const file = join(DEFAULT_CARDS_DIR, 'digital-passport.png');
    const r = await stampInPage(page, 'passport-page.png', readFileSync(file), { watermark: { site: 'okx.com' } });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.report.watermark!.document).toBeUndefined();
    const diff = changedFractions(await uprightRgb(file), await uprightRgb(Buffer.from(r.base64, 'base64')));
    console.log(`exported passport page, share of pixels changed per ninth: ${diff.cells.map((c) => c.toFixed(3)).join(' ')}`);
    // Left column (the portrait) and the middle and right ones (the data) alike.
    const column = (c: number) => (diff.cells[c]! + diff.cells[3 + c]! + diff.cells[6 + c]!) / 3;
    expect(Math.min(column(1), column(2)) / column(0)).toBeGreaterThan(0.6);
  });

  it('differs between two copies of the same file (code, offset, angle)', async () => {
    const a = await run('photo.png');
    const b = await run('photo.png');
    expect(a.report.watermark!.code).not.toBe(b.report.watermark!.code);
    expect(a.base64).not.toBe(b.base64);
    const d = changedFractions(await uprightRgb(a.path), await uprightRgb(b.path));
    expect(d.overall).toBeGreaterThan(0.01);
  });

  it('draws 200+ characters of any script over several lines', async () => {
    const purpose = 'Only for OKX identity verification. 仅用于OKX身份认证，不得用于其他用途。 للتحقق من الهوية فقط 🔒🪪 '.repeat(3);
    expect(purpose.length).toBeGreaterThan(200);
    const r = await run('photo.jpg', { watermark: { purpose } });
    expect(r.report.watermark!.lines.length).toBeGreaterThan(2);
    const diff = changedFractions(await uprightRgb(join(dir, 'photo.jpg')), await uprightRgb(r.path));
    for (const f of diff.cells) expect(f).toBeGreaterThan(0.003);
  });

  it('scales the font with the image', async () => {
    const small = await run('photo.jpg', { maxDimension: 600 });
    const big = await run('photo.jpg');
    expect(big.report.watermark!.fontPx / small.report.watermark!.fontPx).toBeCloseTo(2, 0);
  });
});

describe('limits', () => {
  it('meets a byte limit on a 12 MP photo and stays clean', async () => {
    const r = await run('phone.jpg', { maxBytes: 400_000 });
    expect(r.report.output.bytes).toBeLessThanOrEqual(400_000);
    expect(readFileSync(r.path).length).toBe(r.report.output.bytes);
    expect(leftovers(exiftool(r.path))).toEqual([]);
    const img = await uprightRgb(r.path);
    expect(img.height).toBeGreaterThan(img.width); // still upright (portrait)
  });

  it('meets a dimension limit', async () => {
    const r = await run('phone.jpg', { maxDimension: 1600 });
    expect([r.report.output.width, r.report.output.height]).toEqual([1200, 1600]);
  });

  it('strip-only re-encodes (and says so) when the lossless file is over the limit', async () => {
    const lossless = await run('phone.jpg', { mode: 'strip' });
    const limit = Math.floor(lossless.report.output.bytes * 0.6);
    const r = await run('phone.jpg', { mode: 'strip', maxBytes: limit });
    expect(r.report.lossless).toBe(false);
    expect(r.report.warnings).toContain('reencoded-to-fit');
    expect(r.report.output.bytes).toBeLessThanOrEqual(limit);
    expect(leftovers(exiftool(r.path))).toEqual([]);
  });
});

describe('bad input', () => {
  it('gives each bad file a typed error with a message in English and Chinese', async () => {
    const bad = Object.entries(manifest.files).filter(([, e]) => e.expectError);
    expect(bad.length).toBeGreaterThanOrEqual(9);
    for (const [name, e] of bad) {
      const r = await stampInPage(page, name, readFileSync(join(dir, name)));
      expect(r.ok, name).toBe(false);
      if (r.ok) continue;
      expect(r.error.code, name).toBe(e.expectError);
      expect(r.error.message.length, name).toBeGreaterThan(20);
      expect(r.error.message_zh_CN, name).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('never changes the input File', async () => {
    const b64 = readFileSync(join(dir, 'photo.jpg')).toString('base64');
    const same = await page.evaluate(async (b) => {
      const bytes = window.idstamp!.fromBase64(b);
      const file = new File([bytes as BlobPart], 'photo.jpg', { type: 'image/jpeg' });
      const hash = async () => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()))).join();
      const before = await hash();
      await window.idstamp!.stamp(file, { mode: 'strip' });
      await window.idstamp!.stamp(file, {});
      return before === (await hash()) && file.size === bytes.length && file.name === 'photo.jpg';
    }, b64);
    expect(same).toBe(true);
  });

  it('stops a job that never finishes with a timeout error instead of hanging', async () => {
    const r = await page.evaluate(async () => {
      // A file whose bytes never arrive (think: a stalled network drive).
      const stalled = Object.assign(new Blob(['x']), { arrayBuffer: () => new Promise<ArrayBuffer>(() => {}) });
      const t0 = performance.now();
      try {
        await window.idstamp!.stamp(stalled, { timeoutMs: 1000 });
        return { code: 'none', ms: 0 };
      } catch (e) {
        return { code: (e as { code?: string }).code, ms: performance.now() - t0 };
      }
    });
    expect(r.code).toBe('timeout');
    expect(r.ms).toBeLessThan(3000);
  });
});

describe('the browser the CLI and the tests start', () => {
  it('runs no web UI of its own beside the extension (the headless omnibox popups cost ~0.7 s of CPU a start)', async () => {
    const cdp = await browser.context.newCDPSession(page);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
    await cdp.detach();
    expect(targetInfos.filter((t) => t.url.startsWith('chrome://')).map((t) => t.url)).toEqual([]);
    expect(targetInfos.some((t) => t.url.endsWith('/stamp.html'))).toBe(true);
  });
});
