// The PDF path: flatten (default), keep-text, or the first page as a picture.
import { addKinds, type MetadataKind } from '../formats/types.ts';
import type { ImageKind } from '../encode.ts';
import { traced, type Job, type Produced } from '../job.ts';
import type { WarningCode } from '../report.ts';
import { firstPageAsImage, flattenPdf } from './flatten.ts';
import { inspectPdf } from './inspect.ts';
import { keepTextPdf } from './keep-text.ts';
import { openPdf } from './render.ts';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { isStampError, StampError } from '../errors.ts';

export async function stampPdf(bytes: Uint8Array, job: Job, target?: ImageKind): Promise<Produced> {
  try {
    return await run(bytes, job, target);
  } catch (e) {
    if (isStampError(e) || job.signal?.aborted) throw e;
    // Deep nesting, page-tree cycles and other malformed structures make the parsers throw
    // (even "Maximum call stack size exceeded"): a damaged PDF, never an internal error.
    throw new StampError('corrupt', { kind: 'PDF' });
  }
}

async function run(bytes: Uint8Array, job: Job, target?: ImageKind): Promise<Produced> {
  const facts = inspectPdf(bytes);
  const removed: MetadataKind[] = [...facts.metadata];
  const warnings: WarningCode[] = [];
  const { options } = job;
  const t0 = performance.now();

  // Strip-only cleans the structure and keeps the text; so does keep-text. Black boxes must
  // be burned into pixels, which only flattening does.
  if (options.redact.length) warnings.push(...(options.mode === 'strip' || options.pdf.mode === 'keep-text' ? (['flattened-for-redaction'] as const) : []));
  // Keep-text is kept as asked, trace or not: the trace lives in pixels, so such a copy carries
  // none, and its report says so (flattening instead would undo the person's choice unasked).
  if (!target && !options.redact.length && (options.mode === 'strip' || options.pdf.mode === 'keep-text')) {
    const kept = await keepTextPdf(bytes, job);
    if (kept !== 'encrypted' && kept !== 'unreadable') {
      if (options.mode === 'stamp') warnings.push('watermark-removable');
      if (traced(job)) warnings.push('no-trace-keep-text');
      addKinds(removed, kept.removed);
      return {
        bytes: kept.bytes,
        kind: 'pdf',
        pdfMode: 'keep-text',
        width: kept.widthPt,
        height: kept.heightPt,
        pages: kept.pages,
        lossless: true,
        removed,
        watermark: kept.watermark,
        warnings,
        ms: { render: performance.now() - t0 },
      };
    }
    if (kept === 'encrypted') warnings.push('flattened-protected-pdf');
  }

  const doc = await openPdf(bytes, options.password, job.signal);
  const stop = () => void doc.destroy();
  job.signal?.addEventListener('abort', stop, { once: true });
  try {
    addKinds(removed, await documentMetadata(doc));
    addKinds(removed, ['text-layer']);
    if (target) {
      const image = await firstPageAsImage(doc, job, target);
      return { ...image, kind: target, pages: undefined, lossless: false, removed, warnings: [...warnings, ...image.warnings, 'converted'], ms: { render: performance.now() - t0 } };
    }
    const flat = await flattenPdf(doc, job, bytes);
    return {
      bytes: flat.bytes,
      kind: 'pdf',
      pdfMode: 'flatten',
      width: flat.widthPt,
      height: flat.heightPt,
      pages: flat.pages,
      lossless: false,
      removed,
      watermark: flat.watermark,
      ...(flat.trace ? { trace: flat.trace } : {}),
      warnings: [...warnings, ...flat.warnings],
      ms: { render: flat.renderMs },
    };
  } finally {
    job.signal?.removeEventListener('abort', stop);
    await doc.destroy();
  }
}

const INFO_KEYS = ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer', 'CreationDate', 'ModDate', 'Custom'];

/** What pdf.js sees at document level (it reads compressed and encrypted objects too). */
async function documentMetadata(doc: PDFDocumentProxy): Promise<MetadataKind[]> {
  const kinds: MetadataKind[] = [];
  const meta = await doc.getMetadata().catch(() => undefined);
  const info = (meta?.info ?? {}) as Record<string, unknown>;
  if (INFO_KEYS.some((k) => k in info)) kinds.push('info');
  if (meta?.metadata) kinds.push('xmp');
  if (await doc.getAttachments().catch(() => null)) kinds.push('attachments');
  if (await doc.getJSActions().catch(() => null)) kinds.push('javascript');
  return kinds;
}
