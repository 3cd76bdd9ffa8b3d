// The mark on photographed documents at default settings, measured with real oracles
// (tesseract after levelling, ZXing for the 2D codes) next to two anchors re-drawn from their
// public parameters (tools/bench/anchors.ts). Prints the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatMarks, measureMarks, stampInBrowser, type Measured } from '../../tools/bench/anchors.ts';
import { launchWithExtension, openStampPage, type ExtensionBrowser } from '../../tools/harness/chromium.ts';

let browser: ExtensionBrowser;
let page: Page;
let m: Measured;

beforeAll(async () => {
  browser = await launchWithExtension();
  page = await openStampPage(browser);
  m = await measureMarks(stampInBrowser(page));
  console.log(`\n${formatMarks(m)}\n`);
}, 600_000);
afterAll(() => browser?.close());

describe('the mark on photographed documents (default settings)', () => {
  const ours = () => m.rows.filter((r) => r.marker === 'IDStamp');
  it('the metric has a low noise floor', () => expect(m.floor).toBeLessThan(0.02));
  it('the fields read as well as unstamped (≥ 0.98)', () => {
    for (const r of ours()) expect(r.fields, r.case).toBeGreaterThanOrEqual(0.98);
  });
  it('the MRZ reads as well as unstamped (≥ 0.97)', () => {
    for (const r of ours()) if (r.mrz !== undefined) expect(r.mrz, r.case).toBeGreaterThanOrEqual(0.97);
  });
  it('at least 40 % of the document’s 40-px blocks carry the mark', () => {
    for (const r of ours()) expect(r.docBlocks, r.case).toBeGreaterThanOrEqual(0.4);
  });
  it('at least 10 % of the photo’s 32-px blocks change, on every background', () => {
    for (const r of ours()) expect(r.photoBlocks, r.case).toBeGreaterThanOrEqual(0.1);
  });
  it('2D codes still decode', () => {
    for (const r of ours()) if (r.code !== undefined) expect(r.code, r.case).toBe(true);
  });
  it('the document is found (corners within 8 % of its diagonal, ~120 px)', () => {
    for (const r of ours()) expect(r.cornerError, r.case).toBeLessThan(120);
  });
});
