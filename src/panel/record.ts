// What the panel keeps of a saved copy (the history entry) and where black boxes apply.
import type { StampReport } from '../core/report.ts';
import { sha256Hex, type HistoryEntry } from '../history/history.ts';

/** A black box, as fractions of the picture (so it fits the full-size output). */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What the history keeps of one saved output: no content, only proof. */
export async function historyEntry(file: Blob, report: StampReport, site: string, purpose: string, now: Date): Promise<HistoryEntry> {
  return {
    at: now.toISOString(),
    site,
    // A clean-only copy carries no purpose line: record only what was printed.
    purpose: report.mode === 'stamp' ? purpose : '',
    code: report.watermark?.code ?? report.trace?.code ?? '',
    mode: report.mode,
    type: report.output.mime,
    ...(report.output.pages ? { pages: report.output.pages } : {}),
    ...(file instanceof File && file.name ? { name: file.name.slice(0, 300) } : {}),
    sha256: await sha256Hex(file),
  };
}

/** Boxes drawn on a preview belong to what it shows: a picture, or a PDF's first page. */
export const firstPageBoxes = (file: File, boxes: readonly Box[]) =>
  file.type === 'application/pdf' || /\.pdf$/i.test(file.name) ? boxes.map((b) => ({ ...b, page: 1 })) : boxes.map((b) => ({ ...b }));
