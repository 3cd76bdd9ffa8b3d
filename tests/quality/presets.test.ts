// "Strict copy" is denser than "KYC copy" where it matters: on the document. Measured as
// tests/quality/marks.test.ts measures the default: each photographed document levelled as a
// provider would, then the share of its 40-px blocks that the mark changed. The mark on a found
// document is laid out by planOnDocument (src/core/watermark/draw.ts), which raises every
// preset's density towards 1 (ON_DOCUMENT): the presets must stay apart after it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedBlocks, MARK_CASES, REPEATABLE } from '../../tools/bench/anchors.ts';
import { launchWithExtension, openStampPage, stampInPage, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import { PRESETS, type PresetName } from '../../src/settings/schema.ts';
import { levelDocument, photographDocument, renderDocument } from '../fixtures/documents.ts';
import { uprightRgb, type Raw } from '../helpers/pixels.ts';

let browser: ExtensionBrowser;
let page: Page;
const rows: { case: string; kyc: number; strict: number }[] = [];

beforeAll(async () => {
  browser = await launchWithExtension();
  page = await openStampPage(browser);
  for (const c of MARK_CASES) {
    const photo = await photographDocument(await renderDocument(c.kind), { seed: c.seed, angle: c.angle, background: c.background, perspective: 0.03 });
    const level = async (jpeg: Uint8Array): Promise<Raw> => ({
      data: levelDocument(await uprightRgb(jpeg), photo.corners, photo.doc.width, photo.doc.height),
      width: photo.doc.width,
      height: photo.doc.height,
    });
    const plain = await level(photo.jpeg);
    const blocks = async (preset: PresetName) => {
      // The preset's look without what changes per copy, so the two compare like for like.
      const r = await stampInPage(page, `${c.kind}.jpg`, photo.jpeg, { watermark: { ...PRESETS[preset], ...REPEATABLE } });
      if (!r.ok) throw new Error(r.error.message);
      return changedBlocks(plain, await level(Buffer.from(r.base64, 'base64')), 40);
    };
    rows.push({ case: c.name, kyc: await blocks('kyc'), strict: await blocks('strict') });
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log(`\n| document photo | KYC copy: 40-px blocks marked | Strict copy |\n|---|---|---|\n${rows.map((r) => `| ${r.case} | ${pct(r.kyc)} | ${pct(r.strict)} |`).join('\n')}\n`);
}, 600_000);
afterAll(() => browser?.close());

describe('presets on a photographed document', () => {
  it('"Strict copy" marks more of every document than "KYC copy" (at least 3 points more)', () => {
    expect(rows).toHaveLength(MARK_CASES.length);
    for (const r of rows) expect(r.strict - r.kyc, r.case).toBeGreaterThanOrEqual(0.03);
  });
  it('"KYC copy" keeps its figure (at least 40 % of the document)', () => {
    for (const r of rows) expect(r.kyc, r.case).toBeGreaterThanOrEqual(0.4);
  });
});
