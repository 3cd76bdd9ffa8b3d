// A file's line of the CLI's output (JSON or text): what the batch made of it, and how a browser
// trouble is told. Memory is named only when Chromium says the page ran out of it.
import type { StampReport } from '../src/core/report.ts';
import type { CliErrorCode } from '../src/core/codes.ts';
import { message } from '../src/core/messages.ts';
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

