// --identify: which copy leaked. Each file's invisible trace is read in the extension's own page
// (the same reader as the panel's "Which copy is this?"), one file after another in one page.
import type { IdentifyAnswer } from '../src/ui/automation.ts';
import type { HistoryEntry } from '../src/history/history.ts';
import { launchWithExtension } from './chromium.ts';
import { troubleError, type LineError } from './lines.ts';
import { BrowserTrouble, openBatchPage, type StampPage } from './page.ts';

/** A file's identify line (JSON as is; text: identifyLines). */
export interface IdentifyLine {
  input: string;
  trace?: string | null;
  /** History entries with this code (--history). */
  match?: HistoryEntry[];
  error?: LineError;
}

/** Reads each file's trace with `key`, calling `done(i, line)` in order. */
export async function identifyFiles(
  files: { path: string; input: string; bytes: number }[],
  o: { key: string; history?: unknown[]; timeoutMs: number },
  done: (i: number, line: IdentifyLine) => void,
): Promise<void> {
  if (files.length === 0) return;
  const browser = await launchWithExtension();
  let page: StampPage | undefined;
  try {
    for (const [i, f] of files.entries()) {
      try {
        page ??= await openBatchPage(browser);
        done(i, lineOf(f.input, await page.identify(f.path, o.key, o.history, o.timeoutMs)));
      } catch (e) {
        const trouble = e instanceof BrowserTrouble ? e : new BrowserTrouble('protocol', e instanceof Error ? e.message.split('\n')[0]! : String(e));
        done(i, { input: f.input, error: troubleError(f.input, f.bytes, trouble) });
        await page?.close();
        page = undefined;
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
  }
}

function lineOf(input: string, a: IdentifyAnswer): IdentifyLine {
  if (!a.ok) return { input, error: a.error };
  return { input, trace: a.trace, ...(a.match ? { match: a.match } : {}) };
}
