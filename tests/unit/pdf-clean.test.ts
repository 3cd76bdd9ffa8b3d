// The pure PDF steps, in Node with pdf-lib: structure checks and the clean save.
import { readFileSync } from 'node:fs';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { createClean, pruneUnreachable, saveClean, scrubObjects } from '../../src/core/pdf/clean.ts';
import { inspectPdf } from '../../src/core/pdf/inspect.ts';
import { DEFAULT_PDF_FIXTURES_DIR as dir, makePdfFixtures } from '../fixtures/make-pdf-fixtures.ts';

const bytes = (f: string) => new Uint8Array(readFileSync(`${dir}/${f}`));
const fixed = (n: number) => new Uint8Array(n).fill(7);

describe('inspectPdf', () => {
  it('reports revisions, encryption and metadata from the raw bytes', async () => {
    await makePdfFixtures();
    const facts = inspectPdf(bytes('statement.pdf'));
    expect(facts.revisions).toBe(2);
    expect(facts.encrypted).toBe(false);
    expect(facts.metadata).toEqual(expect.arrayContaining(['info', 'xmp', 'piece-info', 'javascript', 'attachments', 'annotations', 'forms', 'old-revisions']));
    expect(inspectPdf(bytes('statement-owner.pdf')).encrypted).toBe(true);
  });

  it('tells truncated from corrupt', () => {
    expect(() => inspectPdf(bytes('truncated.pdf'))).toThrow(expect.objectContaining({ code: 'truncated' }));
    expect(() => inspectPdf(bytes('corrupt.pdf'))).toThrow(expect.objectContaining({ code: 'corrupt' }));
    expect(() => inspectPdf(new TextEncoder().encode('hello'))).toThrow(expect.objectContaining({ code: 'corrupt' }));
  });
});

describe('clean save', () => {
  it('writes no Info, no Producer or dates, and a fresh /ID', async () => {
    const doc = await createClean();
    doc.addPage([100, 100]);
    const out = await saveClean(doc, fixed);
    const text = Buffer.from(out).toString('latin1');
    expect(text).not.toMatch(/\/Info|\/Producer|\/CreationDate|\/ModDate|pdf-lib/);
    const again = await PDFDocument.load(out);
    expect(String(again.context.trailerInfo.ID)).toContain('07070707070707070707070707070707');
  });

  it('sweeps objects the pages no longer reach and scrubs metadata keys', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([200, 200]);
    page.drawText('kept', { font, size: 12, x: 10, y: 10 });
    const orphan = doc.context.register(doc.context.obj({ Secret: PDFString.of('NEEDLE-ORPHAN') }));
    page.node.set(PDFName.of('PieceInfo'), doc.context.obj({ App: PDFString.of('NEEDLE-PIECE') }));
    scrubObjects(doc);
    expect(pruneUnreachable(doc)).toBeGreaterThanOrEqual(1);
    expect(doc.context.lookup(orphan)).toBeUndefined();
    const out = Buffer.from(await doc.save({ useObjectStreams: false })).toString('latin1');
    expect(out).not.toContain('NEEDLE');
    expect(out).toContain('Helvetica');
  });
});
