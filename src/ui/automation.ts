// window.idstamp: the hook through which the CLI, the tests and the bench run the core in the
// built extension's own page. Only code with access to this extension page can call it.
import { isStampError } from '../core/errors.ts';
import { findImagePages } from '../core/pdf/image-page.ts';
import { openPdf, renderPage } from '../core/pdf/render.ts';
import { qualityOf } from '../core/quality/measure.ts';
import { stamp } from '../core/pipeline.ts';
import { readMrz } from '../core/mrz/read.ts';
import { mrzSummary, stampKeepingMrz } from '../core/mrz/stamped.ts';
import type { StampOptionsInput } from '../core/options.ts';
import type { StampReport } from '../core/report.ts';

export type AutomationResult =
  | { ok: true; name: string; type: string; base64: string; report: StampReport }
  | { ok: false; error: { code: string; message: string; message_zh_CN: string; params?: Record<string, string | number> } };

/** Baselines the benchmark compares stamping with: the browser's own work, nothing of ours. */
export interface Floors {
  /** Decode, draw, encode at the same quality: no strip, no watermark. */
  image(file: Blob, mime: string, quality: number): Promise<number>;
  /** pdf.js rendering every page at `dpi`, alone. */
  pdf(file: Blob, dpi: number): Promise<number>;
}

export interface Automation {
  floors: Floors;
  /** The quality checks on a file (calibration test). */
  quality: typeof qualityOf;
  /** The core itself, for in-page checks. */
  stamp: typeof stamp;
  /** The MRZ reader (tests, bench). */
  readMrz: typeof readMrz;
  fromBase64: (s: string) => Uint8Array;
  /**
   * Page `n` of a PDF at `dpi`, unstamped, as a PNG (base64): rendered by pdf.js, or with
   * `pictures`, drawn from its own picture when it is one (image-page.ts); `picture` says which.
   */
  pdfPage(base64: string, n: number, dpi: number, pictures: boolean): Promise<{ png: string; picture: boolean }>;
  /**
   * `mrz`: read the zone before and after stamping, lighten the mark if needed (CLI --json);
   * `today` (ISO): the day its expiry is judged against (tests: a fixed day), else now.
   */
  stampBase64(name: string, base64: string, options: unknown, mrz?: boolean, today?: string): Promise<AutomationResult>;
  /**
   * For big files (the CLI): the input comes from a file field the driver filled with a path,
   * the output goes out as an object URL that the driver downloads. No bytes cross the
   * DevTools protocol.
   */
  stampToUrl(file: File, options: unknown, mrz?: boolean): Promise<UrlResult>;
}

export type UrlResult =
  | { ok: true; name: string; type: string; url: string; report: StampReport }
  | Extract<AutomationResult, { ok: false }>;

declare global {
  interface Window {
    idstamp?: Automation;
  }
}

export function installAutomation(win: Window): void {
  win.idstamp = {
    floors,
    quality: qualityOf,
    stamp,
    readMrz,
    fromBase64,
    async pdfPage(base64, n, dpi, pictures) {
      const bytes = fromBase64(base64);
      const doc = await openPdf(bytes);
      try {
        const picture = pictures ? (await findImagePages(bytes, doc.numPages))(n) : undefined;
        const page = await renderPage(doc, n, dpi, picture);
        return { png: await toBase64(await page.canvas.convertToBlob({ type: 'image/png' })), picture: !!page.picture };
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
    async stampToUrl(file, options, mrz = false) {
      try {
        const { file: out, report } = mrz ? await stampWithMrz(file, options as StampOptionsInput) : await stamp(file, options);
        return { ok: true, name: out.name, type: out.type, url: URL.createObjectURL(out), report };
      } catch (err) {
        return failure(err);
      }
    },
  };
}

function failure(err: unknown): Extract<AutomationResult, { ok: false }> {
  if (isStampError(err)) return { ok: false, error: { code: err.code, message: err.localized('en'), message_zh_CN: err.localized('zh_CN'), params: { ...err.params } } };
  const message = err instanceof Error ? err.message : String(err);
  return { ok: false, error: { code: 'internal', message, message_zh_CN: message } };
}

const floors: Floors = {
  async image(file, mime, quality) {
    const t0 = performance.now();
    const bitmap = await createImageBitmap(file);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    bitmap.close();
    await canvas.convertToBlob({ type: mime, quality });
    return performance.now() - t0;
  },
  async pdf(file, dpi) {
    const t0 = performance.now();
    const doc = await openPdf(new Uint8Array(await file.arrayBuffer()));
    for (let n = 1; n <= doc.numPages; n++) await renderPage(doc, n, dpi);
    await doc.destroy();
    return performance.now() - t0;
  },
};

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
