// One stamping page of the batch: the file goes in through a file field (a path, no bytes over
// the DevTools protocol), the copy comes out as bytes read over the protocol (inline for small
// copies, streamed with IO.read for big ones) into a temporary file renamed once complete.
// Chromium's own verdict on a page whose process ended (crashed, killed, out of memory) is
// kept, so the file it was working on is told the real cause.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { CDPSession, ElementHandle, Page } from 'playwright-core';
import type { FileResult, IdentifyAnswer } from '../src/ui/automation.ts';
import { openStampPage, type ExtensionBrowser } from './chromium.ts';

/** Copies up to this size come back inside the stamping call's answer (base64). */
export const INLINE_BYTES = 4 * 2 ** 20;
/** IO.read chunk size: big copies cross the protocol in pieces of this size. */
const CHUNK_BYTES = 8 * 2 ** 20;

/** How the page's process ended, in Chromium's words (TerminationStatus) and its signal. */
export interface PageEnd {
  status: string;
  signal: number;
}

/** Why a file did not finish in the browser (as opposed to the core refusing it). */
export class BrowserTrouble extends Error {
  constructor(
    readonly kind: 'crashed' | 'timeout' | 'browser-closed' | 'protocol',
    readonly detail: string,
    readonly end?: PageEnd,
  ) {
    super(detail);
  }
}

/** The copy could not be written on this machine (disk full, no permission): not the browser's fault. */
export class WriteFailed extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(detail);
  }
}

export interface StampPage {
  /** Stamps the file at `path`; the copy is written to `target` (through a temporary name). */
  stamp(path: string, options: unknown, mrz: boolean, timeoutMs: number, target: (r: Extract<FileResult, { ok: true }>) => string): Promise<FileResult>;
  /** Reads the invisible trace of the file at `path` with `key` (and finds it in `history`). */
  identify(path: string, key: string, history: unknown[] | undefined, timeoutMs: number): Promise<IdentifyAnswer>;
  /** The page's process has ended (a page whose neighbour crashed, or killed between files). */
  readonly dead: boolean;
  close(): Promise<void>;
}

export async function openBatchPage(b: ExtensionBrowser): Promise<StampPage> {
  const page = await openStampPage(b);
  const cdp = await page.context().newCDPSession(page);
  const ended = watchEnd(page, cdp);
  let dead = false;
  void ended.then(() => (dead = true));
  // One file field per page, filled anew for each file.
  const field = (await page.evaluateHandle(() => {
    const el = document.createElement('input');
    el.type = 'file';
    el.hidden = true;
    document.body.append(el);
    return el;
  })) as ElementHandle<HTMLInputElement>;
  const guard = <T>(work: Promise<T>, deadline: number, budgetMs: number): Promise<T> => race(page, work, ended, deadline, budgetMs);
  return {
    async stamp(path, options, mrz, timeoutMs, target) {
      // One time limit for the whole file: in, stamped, out.
      const deadline = Date.now() + timeoutMs;
      await guard(field.setInputFiles(path), deadline, timeoutMs);
      const r = await guard(
        field.evaluate((el, [o, m, inline]) => window.idstamp!.stampFile(el.files![0]!, o, m, inline), [options, mrz, INLINE_BYTES] as const),
        deadline,
        timeoutMs,
      );
      if (!r.ok) return r;
      const to = target(r);
      // A copy still arriving when time ran out must not appear afterwards under its name.
      const abandoned = { now: false };
      await guard(writeCopy(page, cdp, r, to, abandoned), deadline, timeoutMs).catch((e: unknown) => {
        abandoned.now = true;
        throw e;
      });
      return r;
    },
    async identify(path, key, history, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      await guard(field.setInputFiles(path), deadline, timeoutMs);
      return guard(
        field.evaluate((el, [k, h]) => window.idstamp!.identifyFile(el.files![0]!, k, h), [key, history] as const),
        deadline,
        timeoutMs,
      );
    },
    get dead() {
      return dead || page.isClosed();
    },
    async close() {
      await page.close().catch(() => undefined);
    },
  };
}

/**
 * Resolves with the page process's end as Chromium reports it (Target.targetCrashed carries
 * the TerminationStatus: "crashed", "killed", "oom"… and the signal), or a bare "crashed" when
 * the page's crash event comes without it.
 */
async function watchEnd(page: Page, cdp: CDPSession): Promise<PageEnd> {
  const own = await cdp
    .send('Target.getTargetInfo')
    .then((t) => t.targetInfo.targetId)
    .catch(() => undefined);
  await cdp.send('Target.setDiscoverTargets', { discover: true }).catch(() => undefined);
  return new Promise((resolve) => {
    cdp.on('Target.targetCrashed', (e) => {
      if (!own || e.targetId === own) resolve({ status: e.status, signal: e.errorCode });
    });
    // The verdict follows the crash event by a moment; without one, the crash is all we know.
    page.on('crash', () => setTimeout(() => resolve({ status: 'crashed', signal: 0 }), 2000));
  });
}

/** `work`, unless the page's process ends, the browser goes away or time runs out first. */
async function race<T>(page: Page, work: Promise<T>, ended: Promise<PageEnd>, deadline: number, budgetMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BrowserTrouble('timeout', `not finished after ${budgetMs / 1000} s`)), Math.max(0, deadline - Date.now()));
  });
  const crash = ended.then((end): never => {
    throw new BrowserTrouble('crashed', `page process ${end.status}`, end);
  });
  try {
    return await Promise.race([work, crash, late]);
  } catch (e) {
    if (e instanceof BrowserTrouble || e instanceof WriteFailed) throw e;
    // The work's own rejection: a crash whose verdict is on its way, or a closed browser. A
    // killed page can also reach the work first as any other protocol error ("Unable to adopt
    // element handle from a different document"): the verdict is awaited a moment for those too.
    const detail = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    const verdictMs = page.isClosed() || /crashed/i.test(detail) ? 3000 : 1000;
    const end = await Promise.race([ended, new Promise<undefined>((r) => setTimeout(r, verdictMs))]);
    if (end) throw new BrowserTrouble('crashed', `page process ${end.status}`, end);
    if (!page.context().pages().length || /closed/i.test(detail)) throw new BrowserTrouble('browser-closed', detail);
    throw new BrowserTrouble('protocol', detail);
  } finally {
    clearTimeout(timer);
    crash.catch(() => undefined);
    late.catch(() => undefined);
  }
}

/**
 * The copy into `target`: written under a temporary name in the same folder and renamed when
 * every byte is there, so an interrupted run never leaves a partial file under a real name.
 */
async function writeCopy(page: Page, cdp: CDPSession, r: Extract<FileResult, { ok: true }>, target: string, abandoned: { now: boolean }): Promise<void> {
  const temp = `${target}.idstamp-partial-${process.pid}`;
  const fs = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw new WriteFailed(target, (e as Error).message);
    }
  };
  const fd = fs(() => openSync(temp, 'w'));
  let done = false;
  try {
    let written = 0;
    if (r.base64 !== undefined) written += fs(() => writeSync(fd, Buffer.from(r.base64!, 'base64')));
    else written = await streamHeld(page, cdp, r.id!, (b) => fs(() => writeSync(fd, b)));
    if (written !== r.size) throw new Error(`${written} of ${r.size} bytes arrived`);
    fs(() => closeSync(fd));
    if (abandoned.now) throw new Error('abandoned');
    fs(() => renameSync(temp, target));
    done = true;
  } finally {
    if (!done) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      rmSync(temp, { force: true });
    }
  }
}

/** A held copy read out with DevTools' IO.read, chunk by chunk, then released in the page. */
async function streamHeld(page: Page, cdp: CDPSession, id: string, write: (b: Buffer) => number): Promise<number> {
  const { result } = await cdp.send('Runtime.evaluate', { expression: `window.idstamp.held(${JSON.stringify(id)})` });
  if (!result.objectId) throw new Error(`copy ${id} is no longer in the page`);
  const { uuid } = await cdp.send('IO.resolveBlob', { objectId: result.objectId });
  const handle = `blob:${uuid}`;
  let written = 0;
  try {
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle, size: CHUNK_BYTES });
      written += write(Buffer.from(chunk.data, chunk.base64Encoded ? 'base64' : 'latin1'));
      if (chunk.eof) return written;
    }
  } finally {
    await cdp.send('IO.close', { handle }).catch(() => undefined);
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId }).catch(() => undefined);
    await page.evaluate((i) => window.idstamp!.release(i), id).catch(() => undefined);
  }
}
