// Arabic in the watermark: the browser's canvas shapes the letters (joined, not isolated) and
// our drawing lays the line out right to left, so its words read in order. Oracles: tesseract's
// Arabic model reads one tile, and connected ink blobs count the joins.
import { spawnSync } from 'node:child_process';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openStampPage, stampInPage, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import { defaultPurpose } from '../../src/core/watermark/template.ts';

let browser: ExtensionBrowser;
let page: Page;
let white: Buffer;

beforeAll(async () => {
  browser = await launchWithExtension();
  page = await openStampPage(browser);
  white = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();
});
afterAll(() => browser?.close());

/** A clean, upright, sparse black mark of one line, so one whole tile can be cut out and read. */
async function stampLine(purpose: string): Promise<{ grey: Uint8Array; width: number; height: number; fontPx: number }> {
  const r = await stampInPage(page, 'white.png', white, {
    watermark: { purpose, template: '{purpose}', angle: 0, density: 0, size: 0.05, opacity: 1, color: '#000000', outline: false, jitter: false, protectCodes: false },
  });
  if (!r.ok) throw new Error(r.error.message);
  const { data, info } = await sharp(Buffer.from(r.base64, 'base64')).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { grey: data, width: info.width, height: info.height, fontPx: r.report.watermark!.fontPx };
}

type Box = { x0: number; x1: number; y0: number; y1: number };

/** Runs of indices where `ink(i)`, merging gaps shorter than `gap`. */
function runs(n: number, ink: (i: number) => boolean, gap: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (!ink(i)) continue;
    const last = out.at(-1);
    if (last && i - last[1] <= gap) last[1] = i;
    else out.push([i, i]);
  }
  return out;
}

/** One whole tile: a band of text rows, then a horizontal run not cut by the picture's edges. */
function oneTile(img: { grey: Uint8Array; width: number; height: number; fontPx: number }): Box {
  const dark = (x: number, y: number) => img.grey[y * img.width + x]! < 128;
  const bands = runs(
    img.height,
    (y) => {
      for (let x = 0; x < img.width; x++) if (dark(x, y)) return true;
      return false;
    },
    img.fontPx * 0.5,
  );
  for (const [y0, y1] of bands) {
    const tiles = runs(
      img.width,
      (x) => {
        for (let y = y0; y <= y1; y++) if (dark(x, y)) return true;
        return false;
      },
      img.fontPx * 1.2,
    );
    const whole = tiles.find(([x0, x1]) => x0 > 10 && x1 < img.width - 10);
    if (whole) return { x0: whole[0], x1: whole[1], y0, y1 };
  }
  throw new Error('no whole tile found');
}

async function crop(img: { grey: Uint8Array; width: number; height: number }, b: Box, pad = 24): Promise<Buffer> {
  return sharp(Buffer.from(img.grey), { raw: { width: img.width, height: img.height, channels: 1 } })
    .extract({ left: Math.max(0, b.x0 - pad), top: Math.max(0, b.y0 - pad), width: b.x1 - b.x0 + 2 * pad, height: b.y1 - b.y0 + 2 * pad })
    .png()
    .toBuffer();
}

/** 8-connected blobs of ink in a box: each joined run of letters is one blob (dots aside). */
function blobs(img: { grey: Uint8Array; width: number }, b: Box): number {
  const w = b.x1 - b.x0 + 1;
  const h = b.y1 - b.y0 + 1;
  const seen = new Uint8Array(w * h);
  const ink = (x: number, y: number) => img.grey[(b.y0 + y) * img.width + b.x0 + x]! < 128;
  let count = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (seen[y * w + x] || !ink(x, y)) continue;
      count++;
      const stack = [[x, y]];
      seen[y * w + x] = 1;
      while (stack.length) {
        const [cx, cy] = stack.pop()!;
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const nx = cx! + dx;
            const ny = cy! + dy;
            if (nx < 0 || ny < 0 || nx >= w || ny >= h || seen[ny * w + nx] || !ink(nx, ny)) continue;
            seen[ny * w + nx] = 1;
            stack.push([nx, ny]);
          }
      }
    }
  return count;
}

const ocr = (png: Buffer): string => {
  const r = spawnSync('tesseract', ['stdin', 'stdout', '-l', 'ara', '--psm', '7'], { input: png, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tesseract (needs tesseract-ocr-ara): ${r.stderr}`);
  return r.stdout.trim();
};

describe('an Arabic purpose line in the watermark', () => {
  const purpose = defaultPurpose('okx.com', 'ar'); // للتحقق من الهوية لدى okx.com فقط

  it('reads right to left, in order, around the Latin site name', async () => {
    const img = await stampLine(purpose);
    const text = ocr(await crop(img, oneTile(img)));
    // Right to left: the line begins with للتحقق and ends with فقط. Drawn left to right (the
    // canvas default), tesseract reads "فقط okx.com للتحقق من الهوية لدى".
    expect(text).toMatch(/^للتحقق من الهوية لدى .*فقط$/u);
  });

  it('is shaped: its letters join (far fewer ink blobs than the same letters kept apart)', async () => {
    const shaped = await stampLine(purpose);
    // Control: a zero-width non-joiner between every letter forces isolated forms.
    const apart = await stampLine([...purpose].join('\u200c'));
    const joined = blobs(shaped, oneTile(shaped));
    const isolated = blobs(apart, oneTile(apart));
    expect(joined).toBeGreaterThan(10);
    expect(joined).toBeLessThan(isolated * 0.75);
  });
});
