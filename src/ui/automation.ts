// window.idstamp: the hook through which the CLI, the tests and the bench run the core in the
// built extension's own page. Only code with access to this extension page can call it.
import { isStampError } from '../core/errors.ts';
import { loadPdf } from '../core/pdf/load.ts';
import { qualityOf } from '../core/quality/measure.ts';
import { identify, stamp } from '../core/pipeline.ts';
import { findCopy, HistoryEntrySchema, type HistoryEntry } from '../history/history.ts';
import { readMrz } from '../core/mrz/read.ts';
import { mrzSummary, stampKeepingMrz } from '../core/mrz/stamped.ts';
import type { StampOptionsInput } from '../core/options.ts';
import type { StampReport } from '../core/report.ts';

export type AutomationResult =
  | { ok: true; name: string; type: string; base64: string; report: StampReport }
  | { ok: false; error: { code: string; message: string; message_zh_CN: string; params?: Record<string, string | number> } };

export interface Automation {
  /** The quality checks on a file (calibration test). */
  quality: typeof qualityOf;
  /** The core itself, for in-page checks. */
  stamp: typeof stamp;
  /** The MRZ reader (tests, bench). */
  readMrz: typeof readMrz;
  fromBase64: (s: string) => Uint8Array;
  /**
   * Page `n` of a PDF at `dpi`, unstamped, as a PNG (base64): rendered by pdf.js, or with
   * `pictures`, drawn from its own picture when it is one (image-page.ts); `picture` says which,
   * `decoder` how that picture was decoded (RenderedPage.picture) and `copied` whether it was
   * copied into the page as it is, not drawn.
   */
  pdfPage(base64: string, n: number, dpi: number, pictures: boolean): Promise<{ png: string; picture: boolean; decoder?: 'frame' | 'bitmap'; copied?: boolean }>;
  /**
   * `mrz`: read the zone before and after stamping, lighten the mark if needed (CLI --json);
   * `today` (ISO): the day its expiry is judged against (tests: a fixed day), else now.
   */
  stampBase64(name: string, base64: string, options: unknown, mrz?: boolean, today?: string): Promise<AutomationResult>;
  /**
   * The CLI's path. The input comes from a file field the driver filled with a path (no bytes
   * over the DevTools protocol). A copy of at most `inline` bytes comes back in the answer, as
   * base64: one round trip for the many small files of a batch. A bigger one stays in the page
   * under `id` (`held`) until the driver has streamed it out and calls `release`: bytes read
   * over the protocol, never a simulated download, which Chromium drops when several follow
   * each other quickly.
   */
  stampFile(file: File, options: unknown, mrz?: boolean, inline?: number): Promise<FileResult>;
  /**
   * Which copy leaked (CLI --identify): the invisible trace read from `file` with `key` (exported
   * text), and the entries of an exported history (historyToJson) that carry its code.
   */
  identifyFile(file: File, key: string, history?: unknown[]): Promise<IdentifyAnswer>;
  /** A copy that stampFile holds for the driver (a Blob, for DevTools' IO.read). */
  held(id: string): Blob | undefined;
  release(id: string): void;
}

export type FileResult = { ok: true; name: string; type: string; size: number; report: StampReport; base64?: string; id?: string } | Extract<AutomationResult, { ok: false }>;

export type IdentifyAnswer = { ok: true; trace: string | null; match?: HistoryEntry[] } | Extract<AutomationResult, { ok: false }>;

declare global {
  interface Window {
    idstamp?: Automation;
  }
}

export function installAutomation(win: Window): void {
  win.idstamp = {
    quality: qualityOf,
    stamp,
    readMrz,
    fromBase64,
    async pdfPage(base64, n, dpi, pictures) {
      const bytes = fromBase64(base64);
      const { openPdf, renderPage, findImagePages } = await loadPdf();
      const doc = await openPdf(bytes);
      try {
        const picture = pictures ? (await findImagePages(bytes, doc.numPages))(n) : undefined;
        const page = await renderPage(doc, n, dpi, picture);
        return { png: await toBase64(await page.canvas.convertToBlob({ type: 'image/png' })), picture: !!page.picture, ...(page.picture ? { decoder: page.picture, copied: !!page.copied } : {}) };
      } finally {
        await doc.destroy();
      }
    },
    async stampBase64(name, base64, options, mrz = false, today) {
      try {
        const file = new File([fromBase64(base64) as BlobPart], name);
        const { file: out, report } = mrz ? await stampWithMrz(file, options as StampOptionsInput, today ? new Date(today) : undefined) : await stamp(file, options);
        return { ok: true, name: out.name, type: out.type, base64: await toBase64(out), report };
      } catch (err) {
        return failure(err);
      }
    },
    async stampFile(file, options, mrz = false, inline = 0) {
      try {
        const { file: out, report } = mrz ? await stampWithMrz(file, options as StampOptionsInput) : await stamp(file, options);
        const base = { ok: true as const, name: out.name, type: out.type, size: out.size, report };
        if (out.size <= inline) return { ...base, base64: await toBase64(out) };
        const id = String(++lastHeld);
        held.set(id, out);
        return { ...base, id };
      } catch (err) {
        return failure(err);
      }
    },
    async identifyFile(file, key, history) {
      try {
        const { trace } = await identify(file, key);
        if (!trace || !history) return { ok: true, trace };
        // Entries that do not read as history entries are passed over, not fatal.
        const list = history.flatMap((e) => HistoryEntrySchema.safeParse(e).data ?? []);
        return { ok: true, trace, match: findCopy(list, { code: trace }) };
      } catch (err) {
        return failure(err);
      }
    },
    held: (id) => held.get(id),
    release: (id) => void held.delete(id),
  };
}

/** Copies waiting for the driver to read them (stampFile), by id. */
const held = new Map<string, Blob>();
let lastHeld = 0;

function failure(err: unknown): Extract<AutomationResult, { ok: false }> {
  if (isStampError(err)) return { ok: false, error: { code: err.code, message: err.localized('en'), message_zh_CN: err.localized('zh_CN'), params: { ...err.params } } };
  const message = err instanceof Error ? err.message : String(err);
  return { ok: false, error: { code: 'internal', message, message_zh_CN: message } };
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function toBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).slice(String(r.result).indexOf(',') + 1));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(blob);
  });
}

async function stampWithMrz(file: File, options: StampOptionsInput, today?: Date) {
  const r = await stampKeepingMrz(file, options, stamp, (f) => readMrz(f, today));
  return { file: r.file, report: { ...r.report, mrz: mrzSummary(r.mrz.before, r.mrz.after, r.mrz.restamped) } };
}
