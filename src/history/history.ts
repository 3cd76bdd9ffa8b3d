// Local history of stamped files: enough to prove later where a leaked copy came from (trace
// code, output hash), and no image content at all.
import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import type { RawItem } from '../settings/store.ts';

export const HistoryEntrySchema = z.object({
  /** ISO date-time. */
  at: z.string(),
  site: z.string(),
  purpose: z.string(),
  /** Trace code in the watermark or the invisible trace ('' for clean-only copies, which carry none). */
  code: z.string(),
  /** trace: a clean copy that carries only the invisible trace code. */
  mode: z.enum(['stamp', 'strip', 'trace']),
  /** MIME type of the output. */
  type: z.string(),
  pages: z.number().int().optional(),
  /** The output's file name, so a row can be matched to a file on disk (older entries lack it). */
  name: z.string().max(300).optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** Newest first; older entries beyond this are dropped. */
export const MAX_HISTORY = 2000;

export const historyItem: RawItem = storage.defineItem<unknown>('local:history', { fallback: [] });

export async function listHistory(item: RawItem = historyItem): Promise<HistoryEntry[]> {
  const raw = await item.getValue();
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((e) => {
    const r = HistoryEntrySchema.safeParse(e);
    return r.success ? [r.data] : [];
  });
}

export async function addHistory(entry: HistoryEntry, item: RawItem = historyItem): Promise<void> {
  const list = await listHistory(item);
  await item.setValue([HistoryEntrySchema.parse(entry), ...list].slice(0, MAX_HISTORY));
}

export const clearHistory = (item: RawItem = historyItem): Promise<void> => item.setValue([]);

export function searchHistory(list: readonly HistoryEntry[], query: string): HistoryEntry[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...list];
  return list.filter((e) => [e.at, e.site, e.purpose, e.code, e.type, e.sha256, e.mode, e.name ?? ''].some((f) => f.toLowerCase().includes(q)));
}

/** A trace code as a person types it from a picture: case, spaces and dashes do not matter. */
export const normalizeCode = (code: string): string => code.toUpperCase().replace(/[^0-9A-Z]/g, '');

/**
 * "Which copy is this?": the entries a found file (by its SHA-256, exact copies only) or a trace
 * code read off its watermark (any re-saved or cropped copy) belongs to. A code shorter than 4
 * characters matches nothing, so a stray letter does not list the whole history.
 */
export function findCopy(list: readonly HistoryEntry[], by: { sha256?: string; code?: string }): HistoryEntry[] {
  const sha = by.sha256?.toLowerCase();
  const code = normalizeCode(by.code ?? '');
  return list.filter((e) => (sha && e.sha256 === sha) || (code.length >= 4 && e.code !== '' && normalizeCode(e.code) === code));
}

const COLUMNS = ['at', 'name', 'site', 'purpose', 'code', 'mode', 'type', 'pages', 'sha256'] as const;

/** RFC 4180 CSV with a header row; a leading BOM so spreadsheet apps read Chinese right. */
export function historyToCsv(list: readonly HistoryEntry[]): string {
  const cell = (v: unknown) => {
    const s = v === undefined ? '' : String(v);
    // Quote always; neutralise spreadsheet formulas (=, +, -, @ at the start).
    return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replaceAll('"', '""')}"`;
  };
  return '\uFEFF' + [COLUMNS.join(','), ...list.map((e) => COLUMNS.map((c) => cell(e[c])).join(','))].join('\r\n') + '\r\n';
}

export const historyToJson = (list: readonly HistoryEntry[]): string => JSON.stringify(list, null, 2);

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
