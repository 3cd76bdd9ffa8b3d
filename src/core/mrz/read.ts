// Reads the machine-readable zone of a picture or a PDF's first page, in a worker that starts
// (with the reader and its templates) only when the first document is read. What it returns is
// for showing: callers must not store or send it (see README, "Before the upload").
import { loadPdf } from '../pdf/load.ts';
import { jpegHeader } from '../formats/jpeg.ts';
import { sniff } from '../sniff.ts';
import type { MrzField } from './certain.ts';
import type { GreyRead } from './read-grey.ts';
import { expiryStatus, type ExpiryStatus, type MrzFields, type MrzFormat } from './parse.ts';

export interface MrzReading {
  /** A zone of a known shape was read (its check digits may still fail). */
  found: boolean;
  /** Every check digit passes. */
  valid: boolean;
  fields?: MrzFields;
  /** Fields whose check digit fails. */
  failed: string[];
  /** Fields the reader is not sure of (certain.ts): never shown as a value to type. */
  uncertain: MrzField[];
  expiry: ExpiryStatus;
  format?: MrzFormat;
  /** Time in the worker (decode excluded) and in all, milliseconds. */
  ms: { read: number; total: number };
  /** The size the picture was decoded at (upright): a JPEG larger than the reader needs is
   * decoded shrunk (mrz.worker.ts). */
  decoded?: { width: number; height: number };
}

let worker: Worker | undefined;
let nextId = 0;
/** The worker's answer (mrz.worker.ts). */
interface Answer {
  read?: GreyRead;
  ms?: number;
  decoded?: { width: number; height: number };
  error?: string;
}

const pending = new Map<number, (r: Answer) => void>();

async function start(): Promise<Worker> {
  if (worker) return worker;
  // Lazy: the worker's code (and its glyph templates) is a separate file, fetched from the
  // extension itself the first time a document is read.
  const { default: MrzWorker } = await import('./mrz.worker.ts?worker');
  worker ??= new MrzWorker();
  worker.onmessage = (e: MessageEvent<Answer & { id: number }>) => {
    pending.get(e.data.id)?.(e.data);
    pending.delete(e.data.id);
  };
  return worker;
}

/** A PDF's first page, rendered where pdf.js lives (this thread), as a bitmap for the worker. */
async function pdfPage(bytes: Uint8Array): Promise<ImageBitmap> {
  const { openPdf, renderPage } = await loadPdf();
  const doc = await openPdf(bytes);
  try {
    const page = await renderPage(doc, 1, 200);
    return await createImageBitmap(page.canvas);
  } finally {
    await doc.destroy();
  }
}

const NONE = (ms: number): MrzReading => ({ found: false, valid: false, failed: [], uncertain: [], expiry: 'unknown', ms: { read: 0, total: ms } });

/** Never throws: a file that cannot be read simply has no zone to show. */
export async function readMrz(file: Blob, today = new Date()): Promise<MrzReading> {
  const t0 = performance.now();
  try {
    const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
    const kind = sniff(head);
    if (!kind) return NONE(performance.now() - t0);
    const source = kind === 'pdf' ? await pdfPage(new Uint8Array(await file.arrayBuffer())) : file;
    // A JPEG's markers are read here: the worker may then decode it shrunk (mrz.worker.ts), and
    // does not load the format walkers.
    const jpeg = kind === 'jpeg' ? jpegHeader(new Uint8Array(await file.arrayBuffer())) : undefined;
    const w = await start();
    const id = nextId++;
    const answer = await new Promise<Answer>((resolve) => {
      pending.set(id, resolve);
      w.postMessage({ id, source, jpeg, today: today.toISOString() }, source instanceof Blob ? [] : [source]);
    });
    const r = answer.read?.result;
    if (!r) return NONE(performance.now() - t0);
    const uncertain = answer.read?.uncertain ?? [];
    return {
      found: true,
      valid: r.valid,
      fields: r.fields,
      failed: r.checks.filter((c) => !c.ok).map((c) => c.field),
      uncertain,
      // A date not read reliably warns of nothing (nor reassures).
      expiry: uncertain.includes('expiryDate') ? 'unknown' : expiryStatus(r.fields.expiryDate, today),
      format: r.fields.format,
      ms: { read: answer.ms ?? 0, total: performance.now() - t0 },
      ...(answer.decoded ? { decoded: answer.decoded } : {}),
    };
  } catch {
    return NONE(performance.now() - t0);
  }
}
