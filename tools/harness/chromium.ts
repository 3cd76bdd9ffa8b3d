// The test and bench harness around the CLI's Chromium launcher (cli/chromium.ts, re-exported
// here so tests and tools have one place to import from): stamping in a page, waiting for the
// upload guard's frames, and finding the browser's extension processes.
import { execSync } from 'node:child_process';
import type { Frame, Page } from 'playwright-core';
import type { AutomationResult } from '../../src/ui/automation.ts';
import { launchWithExtension, type ExtensionBrowser } from '../../cli/chromium.ts';

export { CHROME_BUILD, ROOT, chromiumPath, launchWithExtension, openStampPage, type ExtensionBrowser } from '../../cli/chromium.ts';

/**
 * A browser in `lang`, and its page `path` (an extension page), which got the browser's own
 * messages. Chromium can start an extension's process with an empty message bundle (every
 * getMessage answers ''; often, headless: counts in src/i18n/t.ts, where the pages load their
 * language themselves), and a test of the _locales the build wrote needs the browser's. A
 * browser that starts so stays so (new pages, 35 s idle: still ''). Such starts come in runs
 * on a loaded machine: 7 of 30 and 5 of 25 with both cores busy; once in CI the test failed
 * after 23 s (4 s when it passes), as if all of the eight starts a second apart had. So up to
 * 10 starts, waiting 1, 2, 4, then 8 s between them (55 s at worst); the last is handed back as
 * it is. The bundle is checked in the page the test reads.
 */
export async function launchWithBundle(lang: string, path: string): Promise<{ browser: ExtensionBrowser; page: Page }> {
  for (let attempt = 1; ; attempt++) {
    const browser = await launchWithExtension(undefined, { lang });
    const page = await browser.open(path);
    const code = await page.evaluate(() => (globalThis as unknown as { chrome: { i18n: { getMessage(k: string): string } } }).chrome.i18n.getMessage('langCode'));
    if (code || attempt === 10) return { browser, page };
    await browser.close();
    await new Promise((r) => setTimeout(r, 1000 * Math.min(8, 2 ** (attempt - 1))));
  }
}

export async function stampInPage(page: Page, name: string, bytes: Uint8Array, options: unknown = {}): Promise<AutomationResult> {
  const base64 = Buffer.from(bytes).toString('base64');
  return page.evaluate(([n, b, o]) => window.idstamp!.stampBase64(n, b, o), [name, base64, options] as const);
}

/**
 * The first frame among `frames()` whose address matches and that shows `ready` (a selector),
 * polled: frames come and go (a prompt that just closed is still listed for a moment).
 */
export async function waitForFrame(frames: () => Frame[], url: (u: string) => boolean, ready: string, timeoutMs = 15_000): Promise<Frame> {
  for (const end = Date.now() + timeoutMs; Date.now() < end;) {
    for (const f of frames())
      if (
        !f.isDetached() &&
        url(f.url()) &&
        (await f
          .locator(ready)
          .count()
          .catch(() => 0))
      )
        return f;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `no frame showing ${ready}: ${frames()
      .map((f) => f.url())
      .join(' ')}`,
  );
}

/** The upload guard's prompt in a page (or a frame of it), once it shows `ready` (default: buttons that take clicks). */
export const waitForPrompt = (where: Page | Frame, ready = '[data-armed] #go'): Promise<Frame> =>
  waitForFrame(
    () => ('frames' in where ? where.frames() : where.childFrames()),
    (u) => u.startsWith('chrome-extension://') && u.includes('/prompt.html'),
    ready,
  );

/**
 * The renderer processes that host extension pages (workers are threads of them), newest
 * first, among the descendants of the processes `root` picks (Linux `ps`): a browser's own
 * (by its profile), or everything a CLI run started (by the CLI's pid). Only these are ours.
 */
export function extensionRenderers(root: (p: { pid: number; args: string }) => boolean): number[] {
  const procs = execSync('ps -eo pid=,ppid=,args=', { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  const ours = new Set(procs.filter(root).map((p) => p.pid));
  for (let grew = ours.size > 0; grew;) {
    grew = false;
    for (const p of procs) if (ours.has(p.ppid) && !ours.has(p.pid)) (ours.add(p.pid), (grew = true));
  }
  return procs
    .filter((p) => ours.has(p.pid) && p.args.includes('--type=renderer') && p.args.includes('--extension-process'))
    .map((p) => p.pid)
    .sort((a, b) => b - a);
}
