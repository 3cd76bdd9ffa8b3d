// Which pages flattening takes out of the PDF as one picture (image-page.ts), in Node with
// pdf-lib, on the generated scans: the content-stream reading and the picture checks. The pixels
// themselves are compared with pdf.js's render in tests/browser/pdf.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawsOneImage, findImagePages } from '../../src/core/pdf/image-page.ts';
import { DEFAULT_PDF_FIXTURES_DIR as dir, makePdfFixtures, SCAN_KINDS } from '../fixtures/make-pdf-fixtures.ts';

const bytes = (f: string) => new Uint8Array(readFileSync(`${dir}/${f}`));

describe('drawsOneImage', () => {
  it('reads q, Q, cm and one Do, composing the matrices as pdf.js does', () => {
    // What pdf-lib writes for drawImage: a translate, then the size.
    expect(drawsOneImage('q\n1 0 0 1 0 0 cm\n595.28 0 0 841.89 0 0 cm\n/Image-1 Do\nQ\n')).toEqual({ name: 'Image-1', matrix: [595.28, 0, 0, 841.89, 0, 0] });
    expect(drawsOneImage('q 1 0 0 1 10 20 cm q 2 0 0 3 0 0 cm /Im0 Do Q Q')).toEqual({ name: 'Im0', matrix: [2, 0, 0, 3, 10, 20] });
    // What is drawn after a Q no longer has that Q's matrix.
    expect(drawsOneImage('q 5 0 0 5 0 0 cm Q 1 0 0 1 7 0 cm /Im0 Do % a comment\n')).toEqual({ name: 'Im0', matrix: [1, 0, 0, 1, 7, 0] });
  });

  it('refuses anything else: text, paths, two pictures, unbalanced Q, stray operands', () => {
    for (const content of [
      'q 595 0 0 842 0 0 cm /Im0 Do Q BT /F1 12 Tf (x) Tj ET',
      'q 595 0 0 842 0 0 cm /Im0 Do Q 0 0 10 10 re f',
      'q 595 0 0 842 0 0 cm /Im0 Do Q q 10 0 0 10 0 0 cm /Im1 Do Q',
      'Q 595 0 0 842 0 0 cm /Im0 Do',
      'q 595 0 0 842 0 cm /Im0 Do Q',
      '/GS0 gs q 595 0 0 842 0 0 cm /Im0 Do Q',
      'q 595 0 0 842 0 0 cm /Im0 Do Q 1',
      '',
    ])
      expect(drawsOneImage(content), content).toBeUndefined();
  });
});

describe('findImagePages', () => {
  it('finds the plain JPEG pages of the generated scans and leaves the others to pdf.js', async () => {
    await makePdfFixtures();
    const kinds = await findImagePages(bytes('scan-kinds.pdf'), SCAN_KINDS.length);
    for (const k of SCAN_KINDS) expect(!!kinds(k.page), `page ${k.page}, ${k.kind}`).toBe(k.picture);
    const first = kinds(1)!;
    expect(first).toMatchObject({ width: 1240, height: 1754, interpolate: false });
    expect(first.matrix).toEqual([595.28, 0, 0, 841.89, 0, 0]);
    expect(kinds(3)!.matrix).toEqual([0, 595.28, -841.89, 0, 841.89, 0]);
    // The picture carries no metadata: the scanner's EXIF (scan.pdf's first page) stays behind.
    const scan = await findImagePages(bytes('scan.pdf'), 5);
    const jpeg = Buffer.from(scan(1)!.jpeg);
    expect(jpeg.includes('NEEDLE-PDF-SCAN-JPEG-EXIF-MAKE')).toBe(false);
  });

  it('does not parse a text PDF (its only JPEG is a small logo), nor trust another page count', async () => {
    const statement = await findImagePages(bytes('statement.pdf'), 20);
    for (let n = 1; n <= 20; n++) expect(statement(n)).toBeUndefined();
    const miscounted = await findImagePages(bytes('scan.pdf'), 6);
    expect(miscounted(1)).toBeUndefined();
  });

  it('leaves encrypted files to pdf.js', async () => {
    const locked = await findImagePages(bytes('statement-owner.pdf'), 20);
    expect(locked(1)).toBeUndefined();
  });
});
