// The batch: files stamped side by side in `jobs` pages of one browser, each file ending as an
// output or an error that names its real cause. A file whose page (or browser) went away is
// tried once more, alone: the extension's pages share one renderer process, so a page that
// crashes takes its neighbours' files with it, and only a file that fails alone is the cause.
import { availableParallelism, freemem } from 'node:os';
import { parse, join } from 'node:path';
import type { FileResult } from '../src/ui/automation.ts';
import { launchWithExtension, type ExtensionBrowser } from './chromium.ts';
import { BrowserTrouble, WriteFailed, openBatchPage, type StampPage } from './page.ts';
import { MAX_JOBS } from './usage.ts';

/** What the page said about one file, or why the browser could not say it. */
export type Outcome =
  | { ok: true; result: Extract<FileResult, { ok: true }>; output: string; ms: number }
  | { ok: false; result: Extract<FileResult, { ok: false }> }
  | { ok: false; trouble: BrowserTrouble | WriteFailed };

export interface FileOutcome {
  outcome: Outcome;
  /** The first try's trouble, when the file was tried again. */
  firstTry?: BrowserTrouble;
}

export interface BatchOptions {
  options: unknown;
  mrz: boolean;
  jobs: number;
  timeoutMs: number;
  outDir: string;
  /** Paths that must never be written (the inputs). */
  inputs: Set<string>;
}

/**
 * As many pages as the machine can take: one per core up to MAX_JOBS, and no more than one per
 * 1.5 GB of free memory (a 100 MP photo takes about 1 GB in the page while it is stamped).
 */
export function defaultJobs(cores = availableParallelism(), free = freemem()): number {
  return Math.max(1, Math.min(cores, MAX_JOBS, Math.floor(free / (1.5 * 2 ** 30))));
}

/**
 * Stamps `files` (absolute paths), calling `done(i, outcome)` once for each, in any order. The
 * browser starts on the first file and closes at the end.
 */
export async function runBatch(files: string[], o: BatchOptions, done: (i: number, r: FileOutcome) => void): Promise<void> {
  const browser = browserKeeper();
  const written = new Set<string>();
  const queue = files.map((path, i) => ({ i, path }));
  const retries: { i: number; path: string; first: BrowserTrouble }[] = [];
  // A retry runs alone: it waits for the files in flight, and no other file starts meanwhile.
  let inFlight = 0;
  let alone = false;
  let wake: (() => void)[] = [];
  const changed = () => ([...wake].forEach((w) => w()), (wake = []));
  const until = async (ready: () => boolean) => {
    while (!ready()) await new Promise<void>((r) => wake.push(r));
  };

  const worker = async () => {
    let page: StampPage | undefined;
    for (;;) {
      await until(() => !alone);
      const retry = retries.shift();
      const item = retry ?? queue.shift();
      if (!item) {
        if (inFlight === 0) return void (await page?.close());
        await until(() => retries.length > 0 || inFlight === 0);
        continue;
      }
      if (retry) {
        alone = true;
        await until(() => inFlight === 0);
      }
      inFlight++;
      try {
        // A fresh page for a second try, and instead of one whose process has ended meanwhile.
        if (retry || page?.dead) {
          await page?.close();
          page = undefined;
        }
        page ??= await openBatchPage(await browser.get());
        const outcome = await stampOne(page, item.path, o, written);
        if (!outcome.ok && 'trouble' in outcome && outcome.trouble instanceof BrowserTrouble) {
          // This page is done for (crashed, closed or stuck): the next file gets a new one.
          await page.close();
          page = undefined;
          if (outcome.trouble.kind !== 'timeout' && !retry) retries.push({ ...item, first: outcome.trouble });
          else done(item.i, { outcome, firstTry: retry?.first });
        } else done(item.i, { outcome, firstTry: retry?.first });
      } catch (e) {
        // The page or browser could not even start: this file fails with the browser's words.
        page = undefined;
        const trouble = new BrowserTrouble('browser-closed', e instanceof Error ? e.message.split('\n')[0]! : String(e));
        if (retry) done(item.i, { outcome: { ok: false, trouble }, firstTry: retry.first });
        else retries.push({ ...item, first: trouble });
      } finally {
        inFlight--;
        if (retry) alone = false;
        changed();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(o.jobs, files.length)) }, worker));
  } finally {
    await browser.close();
  }
}

/** One file in one page; the copy's name is taken only while it is being written. */
async function stampOne(page: StampPage, path: string, o: BatchOptions, written: Set<string>): Promise<Outcome> {
  let output: string | undefined;
  const t0 = Date.now();
  try {
    const result = await page.stamp(path, o.options, o.mrz, o.timeoutMs, (r) => {
      output = freePath(o.outDir, r.name, o.inputs, written);
      written.add(output);
      return output;
    });
    if (!result.ok) return { ok: false, result };
    return { ok: true, result, output: output!, ms: Date.now() - t0 };
  } catch (e) {
    if (output) written.delete(output);
    if (e instanceof BrowserTrouble || e instanceof WriteFailed) return { ok: false, trouble: e };
    return { ok: false, trouble: new BrowserTrouble('protocol', e instanceof Error ? e.message.split('\n')[0]! : String(e)) };
  }
}

/** One browser for the batch, started when first needed and again after it went away. */
function browserKeeper() {
  let current: Promise<ExtensionBrowser> | undefined;
  return {
    get(): Promise<ExtensionBrowser> {
      if (!current) {
        const starting = launchWithExtension();
        current = starting;
        starting.then(
          (b) => b.context.on('close', () => current === starting && (current = undefined)),
          () => current === starting && (current = undefined),
        );
      }
      return current;
    },
    async close() {
      const b = await current?.catch(() => undefined);
      current = undefined;
      await b?.close().catch(() => undefined);
    },
  };
}

/** Never overwrite an input or an earlier output of this run: add " (2)", " (3)"… */
function freePath(dir: string, name: string, inputs: Set<string>, written: Set<string>): string {
  const { name: stem, ext } = parse(name);
  for (let i = 1; ; i++) {
    const p = join(dir, i === 1 ? name : `${stem} (${i})${ext}`);
    if (!inputs.has(p) && !written.has(p)) return p;
  }
}
