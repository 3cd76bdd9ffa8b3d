// MRZ reading speed and size: the time to read a 12 MP passport photo in the built extension's
// page (the worker decodes, levels and reads), cold (first read: the worker and its code load)
// and warm (median), and the size of what loads lazily for it. tools/bench/bench.ts calls
// benchMrz(page); alone: npx tsx tools/bench/bench-mrz.ts
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { photographDocument, renderDocument } from '../../tests/fixtures/documents.ts';
import { CHROME_BUILD, launchWithExtension, openStampPage } from '../harness/chromium.ts';

export interface MrzBench {
  /** First read in a fresh page: worker start, lazy load, compilation, decode, read. */
  coldMs: number;
  /** Median of the following reads. */
  warmMs: number;
  /** Reading alone (in the worker, after decoding), median. */
  readMs: number;
  read: boolean;
  /** The files loaded only when a document is read: bytes and gzipped bytes. */
  lazyBytes: number;
  lazyGzipBytes: number;
}

/** The lazily loaded files of the MRZ reader in a build. */
export function mrzLazySize(build = CHROME_BUILD): { bytes: number; gzip: number } {
  let bytes = 0;
  let gzip = 0;
  for (const dir of ['assets', 'chunks']) {
    let names: string[] = [];
    try {
      names = readdirSync(join(build, dir));
    } catch {
      continue;
    }
    for (const n of names.filter((n) => /^mrz\.worker-.*\.js$/.test(n))) {
      const b = readFileSync(join(build, dir, n));
      bytes += b.length;
      gzip += gzipSync(b).length;
    }
  }
  return { bytes, gzip };
}

export async function benchMrz(page: Page, runs = 5): Promise<MrzBench> {
  const doc = await renderDocument('passport');
  const photo = await photographDocument(doc, { seed: 12, angle: 7, perspective: 0.02, background: 'wood', width: 4000, height: 3000 });
  const b64 = photo.jpeg.toString('base64');
  const times: { total: number; read: number; found: boolean }[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const r = await page.evaluate(async (b) => {
      const t0 = performance.now();
      const m = await window.idstamp!.readMrz(new File([window.idstamp!.fromBase64(b) as BlobPart], 'passport.jpg'));
      return { total: performance.now() - t0, read: m.ms.read, found: m.valid };
    }, b64);
    times.push(r);
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  const warm = times.slice(1);
  const size = mrzLazySize();
  return {
    coldMs: times[0]!.total,
    warmMs: median(warm.map((t) => t.total)),
    readMs: median(warm.map((t) => t.read)),
    read: times.every((t) => t.found),
    lazyBytes: size.bytes,
    lazyGzipBytes: size.gzip,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const browser = await launchWithExtension();
  try {
    const r = await benchMrz(await openStampPage(browser));
    console.log(
      `MRZ, 12 MP passport photo (4000 × 3000, tilted 7°): first read ${r.coldMs.toFixed(0)} ms, then ${r.warmMs.toFixed(0)} ms (reading alone ${r.readMs.toFixed(0)} ms), read correctly: ${r.read}; ` +
        `loaded lazily: ${(r.lazyBytes / 1024).toFixed(1)} KB (${(r.lazyGzipBytes / 1024).toFixed(1)} KB gzipped)`,
    );
  } finally {
    await browser.close();
  }
}
