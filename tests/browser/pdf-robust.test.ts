// Malformed and hostile PDFs, written byte by byte here (a correct xref each): every one gets
// an output or a typed "damaged PDF"-kind message in both languages, never "internal".
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openStampPage, stampInPage, type ExtensionBrowser } from '../../tools/harness/chromium.ts';
import { pdfinfo, qpdfCheck } from '../helpers/pdf.ts';

let browser: ExtensionBrowser;
let page: Page;
const outDir = mkdtempSync(join(tmpdir(), 'idstamp-pdf-robust-'));

beforeAll(async () => {
  browser = await launchWithExtension();
  page = await openStampPage(browser);
});
afterAll(() => browser?.close());

/** A PDF from numbered object bodies (1 = catalog), with a correct cross-reference table. */
function pdf(objects: string[]): Buffer {
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const content = (s: string) => `<< /Length ${s.length} >>\nstream\n${s}\nendstream`;
const onePage = (pageDict: string, extra: string[] = []) =>
  pdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', pageDict, content('0 0 1 rg 10 10 100 100 re f'), ...extra]);

const CASES: Record<string, Buffer> = {
  // 20,000 nested arrays in the page's resources: recursive parsers run out of stack.
  'deep-nesting.pdf': onePage(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /X ${'['.repeat(20000)}${']'.repeat(20000)} >> >>`),
  // The page tree points back at itself.
  'page-tree-cycle.pdf': pdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>']),
  'tiny-page.pdf': onePage('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 0.5 0.5] /Contents 4 0 R >>'),
  // One image claiming 20000×20000 pixels (about 1.6 GB decoded): refused before decoding.
  'huge-image.pdf': onePage('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >> >>', [
    '<< /Type /XObject /Subtype /Image /Width 20000 /Height 20000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length 4 >>\nstream\n\0\0\0\0\nendstream',
  ]),
  // A page tree without /Count: pdf-lib counts no pages, pdf.js walks the tree and finds one.
  'no-count.pdf': pdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
    content('0 0 1 rg 10 10 100 100 re f'),
  ]),
};

const EXPECTED: Record<string, string> = {
  'deep-nesting.pdf': 'corrupt|ok',
  'page-tree-cycle.pdf': 'corrupt|pdf-no-pages',
  'tiny-page.pdf': 'pdf-page-too-small',
  'huge-image.pdf': 'pdf-image-too-large',
  'no-count.pdf': 'ok',
};

describe('malformed PDFs', () => {
  for (const [name, bytes] of Object.entries(CASES)) {
    it(`${name}: flatten, keep-text and strip-only give an output or a typed message, never "internal"`, async () => {
      for (const options of [{}, { pdf: { mode: 'keep-text' } }, { mode: 'strip' }]) {
        const r = await stampInPage(page, name, bytes, { ...options, timeoutMs: 60_000 });
        const code = r.ok ? 'ok' : r.error.code;
        expect(EXPECTED[name]!.split('|'), `${name} ${JSON.stringify(options)}: ${r.ok ? '' : r.error.message}`).toContain(code);
        if (!r.ok) {
          expect(r.error.message_zh_CN).toMatch(/[\u4e00-\u9fff]/);
          expect(r.error.message).not.toMatch(/stack|internal|large \(0×0/i);
          continue;
        }
        const path = join(outDir, `${Math.random().toString(36).slice(2)}-${r.name}`);
        writeFileSync(path, Buffer.from(r.base64, 'base64'));
        expect(qpdfCheck(path).ok).toBe(true);
        expect(Number(pdfinfo(path)['Pages'])).toBe(1);
      }
    }, 120_000);
  }

  it('a tiny page is called small, in millimetres', async () => {
    const r = await stampInPage(page, 'tiny-page.pdf', CASES['tiny-page.pdf']!, {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('too small to show (0.2×0.2 mm)');
  });

  it('a truncated PDF is told to download or export again, not to take a picture', async () => {
    const whole = CASES['no-count.pdf']!;
    const r = await stampInPage(page, 'cut.pdf', whole.subarray(0, whole.indexOf('xref')), {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('truncated');
      expect(r.error.message).not.toMatch(/picture/);
    }
  });
});
