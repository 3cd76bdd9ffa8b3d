// A file's line of the CLI's output (JSON or text): what the batch made of it, and how a browser
// trouble is told. Memory is named only when Chromium says the page ran out of it.
import type { MrzReport, StampReport } from '../src/core/report.ts';
import type { CliErrorCode } from '../src/core/codes.ts';
import type { Lang } from '../src/core/lang.ts';
import { message, type MessageCode } from '../src/core/messages.ts';
import { warningMessage } from '../src/core/warnings.ts';
import type { FileOutcome } from './batch.ts';
import { BrowserTrouble, type WriteFailed } from './page.ts';

export interface Line {
  input: string;
  output?: string;
  type?: string;
  bytesIn?: number;
  bytesOut?: number;
  removed?: string[];
  ms?: number;
  report?: StampReport;
  /** Why the first try ended, when the file was stamped (or failed) on a second try. */
  retried?: { code: string; message: string };
  error?: { code: string; message: string; message_zh_CN?: string; params?: Record<string, string | number> };
}

export type LineError = NonNullable<Line['error']>;

/** A file's line from what the batch made of it. */
export function lineOf(input: string, bytesIn: number, { outcome: o, firstTry }: FileOutcome): Line {
  const line: Line = { input, bytesIn };
  if (firstTry) {
    const cause = troubleError(input, bytesIn, firstTry);
    line.retried = { code: cause.code, message: cause.message };
  }
  if (o.ok) {
    const r = o.result.report;
    return Object.assign(line, { output: o.output, type: r.input.kind, bytesOut: r.output.bytes, removed: r.removed, ms: Math.round(r.ms.total), report: r });
  }
  line.error = 'result' in o ? o.result.error : troubleError(input, bytesIn, o.trouble);
  return line;
}

/**
 * The browser's trouble as the person is told it. Memory is named only when Chromium itself
 * says the page's process ran out of it; a kill and a crash are told as such.
 */
export function troubleError(file: string, bytes: number, t: BrowserTrouble | WriteFailed): LineError {
  const size = (bytes / 2 ** 20).toFixed(1);
  if (!(t instanceof BrowserTrouble)) return cliError('write-failed', { output: t.path, detail: t.message });
  if (t.kind === 'timeout') return cliError('page-timeout', { file, size, seconds: /after ([\d.]+) s/.exec(t.detail)?.[1] ?? '?' });
  if (t.kind === 'crashed') {
    const signal = String(t.end?.signal ?? 0);
    if (t.end?.status === 'oom') return cliError('out-of-memory', { file, size });
    if (t.end?.status === 'killed') return cliError('page-killed', { file, size, signal });
    return cliError('page-crashed', { file, size, signal });
  }
  return cliError(t.kind === 'browser-closed' ? 'browser-closed' : 'browser-failed', { file, size, detail: t.detail });
}

/** A CLI error as JSON carries it: English and Chinese messages, and the fields for other languages. */
export function cliError(code: CliErrorCode, params: Record<string, string>): LineError {
  return { code, message: message(code, 'en', params), message_zh_CN: message(code, 'zh_CN', params), params };
}

/**
 * A file's line as a person reads it, in `lang`: every word from the translation tree (cli
 * section; kinds of metadata by `kindLabel`, the pages' own names); file names, sizes and what
 * the MRZ says stay as they are.
 */
export function humanLines(l: Line, lang: Lang, kindLabel: (kind: string) => string = (k) => k): string[] {
  const t = (code: MessageCode, params?: Record<string, string | number>) => message(code, lang, params);
  if (l.error)
    return [
      `✖ ${l.input}: ${errorText(l.error, lang)}`,
      // The core's message names the panel's setting; here the switch is a flag.
      ...(l.error.code === 'trace-failed' ? [`  ${t('trace-failed-hint')}`] : []),
      ...(l.retried ? [`  ↻ ${t('tried-twice', { cause: l.retried.message })}`] : []),
    ];
  const n = l.report?.output.pages;
  const type = (l.type ?? '').toUpperCase() + (n ? `, ${n === 1 ? t('one-page') : t('pages', { count: n })}` : '');
  const kb = (b?: number) => `${((b ?? 0) / 1024).toFixed(0)} KB`;
  const sizes = `${kb(l.bytesIn)} → ${kb(l.bytesOut)}`;
  const removed = l.removed?.map(kindLabel).join('; ') || t('removed-nothing');
  const out = [`✔ ${t('result', { input: l.input, output: l.output ?? '', type, sizes, removed, ms: l.ms ?? 0 })}`];
  for (const w of l.report?.warnings ?? []) out.push(`  ! ${warningMessage(w, lang)}`);
  if (l.retried) out.push(`  ↻ ${t('retried', { cause: l.retried.message })}`);
  const mrz = l.report?.mrz && mrzLine(l.report.mrz, lang);
  if (mrz) out.push(`  ${mrz}`);
  return out;
}

/** What the document's machine-readable zone says, and whether the copy still reads. */
function mrzLine(m: MrzReport & { uncertain?: string[] }, lang: Lang): string | undefined {
  const t = (code: MessageCode, params?: Record<string, string | number>) => message(code, lang, params);
  if (!m.fields) return undefined;
  const f = m.fields;
  // A field not read reliably is never printed as a value someone might copy into a form: a dash,
  // and the list of such fields after it.
  const shown = (field: string, value: string | undefined) => (m.uncertain?.includes(field) ? '—' : (value ?? '?'));
  const name = `${shown('surname', f.surname)}, ${shown('givenNames', f.givenNames)}`;
  const parts = [t('mrz', { format: m.format ?? '', name, number: shown('documentNumber', f.documentNumber), expiry: shown('expiryDate', f.expiryDate), status: t(`expiry-${m.expiry}`) })];
  if (m.uncertain?.length) parts.push(t('mrz-uncertain', { fields: m.uncertain.join(', ') }));
  if (!m.valid) parts.push(t('mrz-check-failed'));
  if (m.after) parts.push(m.after.valid ? t('mrz-still-reads') : t('mrz-no-longer-reads'));
  return parts.join(' · ');
}

/** An --identify line as a person reads it: the code or its absence, and where it was made. */
export function identifyLines(l: { input: string; trace?: string | null; match?: { at: string; site: string; name?: string }[]; error?: LineError }, lang: Lang, withHistory: boolean): string[] {
  const t = (code: MessageCode, params?: Record<string, string | number>) => message(code, lang, params);
  if (l.error) return [`✖ ${l.input}: ${errorText(l.error, lang)}`];
  if (!l.trace) return [`– ${t('identify-none', { input: l.input })}`];
  const out = [`✔ ${t('identify-found', { input: l.input, code: l.trace })}`];
  for (const e of l.match ?? []) out.push(`  ${t('identify-match', { at: e.at, site: e.site || '—', name: e.name ?? '—' })}`);
  if (withHistory && !l.match?.length) out.push(`  ${t('identify-not-in-history')}`);
  return out;
}

/** An error in the chosen language, from its code and fields. */
function errorText(e: LineError, lang: Lang): string {
  // The core's errors and the command line's own share one set of codes (src/core/codes.ts).
  if (e.params) return message(e.code as MessageCode, lang, e.params);
  return (lang === 'zh_CN' && e.message_zh_CN) || e.message;
}
