// Node side: start Debian's Chromium with the built extension and open its stamping page.
// The CLI, the browser tests and the bench all run the core through here, so they exercise
// exactly the code the extension ships. It lives with the CLI, which ships with the core and
// may import nothing from tools/ or tests/; the test harness (tools/harness/chromium.ts) builds
// on it.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { CliSetupError } from './errors.ts';

export const ROOT = resolve(import.meta.dirname, '..');
export const CHROME_BUILD = join(ROOT, '.output', 'chrome-mv3');

/** The real binary: Debian's /usr/bin/chromium wrapper adds an empty --load-extension. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new CliSetupError('chromium-missing');
  return found;
}

/** Chrome derives an unpacked extension's id from its absolute path: sha256, hex → a..p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

export interface ExtensionBrowser {
  /** The profile folder: it names this browser's processes. */
  profile: string;
  newPage(): Promise<Page>;
  context: BrowserContext;
  extensionId: string;
  /** Opens an extension page such as "stamp.html". */
  open(path: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Browser UI language, e.g. "zh-CN": chrome.i18n follows it. */
  lang?: string;
  /** Keep the welcome tab that a first install opens (closed by default: tests and the bench
   * should not share the machine with its sample stamp). */
  welcome?: boolean;
  /** A phone: 360×740 CSS pixels at 2×, touch events, mobile viewport rules. */
  phone?: boolean;
}

/**
 * Playwright's own `--disable-features` list (playwright-core's chromiumSwitches.ts). Chromium
 * keeps only the last `--disable-features` it is given, so a list of ours must repeat it;
 * tests/unit/chromium-features.test.ts checks it against the installed playwright-core.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Headless Chromium 156 loads two omnibox popups' web UI (chrome://omnibox-popup.top-chrome/,
 * ~200 files) in a renderer of their own at every start, for an address bar nobody sees:
 * ~0.7 s of the machine's CPU a start (measured: 4.1–4.7 → 3.5–3.8 s over a start and the
 * stamping page), which every CLI run and every browser test pays.
 */
const DISABLED_FEATURES = [...PLAYWRIGHT_DISABLED_FEATURES, 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/** Chromium with the built extension, in a fresh profile. */
export async function launchWithExtension(extensionDir = CHROME_BUILD, opts: LaunchOptions = {}): Promise<ExtensionBrowser> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new CliSetupError('not-built', { folder: extensionDir });
  // Loaded when a browser starts, not with the CLI: --help, usage errors and a batch of missing
  // files answer without it (it takes a second or two to load). Required, not imported: Node
  // would first scan its 3 MB CommonJS bundle for named exports (~0.2 s of CPU a run, measured).
  const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'idstamp-chromium-'));
  const args = [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    // The machine may be offline: keep Chromium from calling home at all.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
    `--disable-features=${DISABLED_FEATURES.join(',')}`,
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  if (opts.lang) args.push(`--lang=${opts.lang}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args,
    ...(opts.lang ? { locale: opts.lang } : {}),
    ...(opts.phone ? { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
    env: { ...process.env, ...(opts.lang ? { LANGUAGE: opts.lang.replace('-', '_'), LANG: `${opts.lang.replace('-', '_')}.UTF-8` } : {}) },
  });
  const extensionId = unpackedExtensionId(extensionDir);
  // A first install opens the welcome tab: closed before any test runs, so that it neither
  // shares the machine with a test nor counts among a test's pages.
  if (!opts.welcome) await closeWelcome(context, 10_000);
  const newPage = () => context.newPage();
  return {
    context,
    profile,
    extensionId,
    newPage,
    async open(path) {
      const page = await newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Closes the welcome tab the moment a page is seen to be it (its URL is known when the page is
 * reported, or at its first navigation): sooner than looking every 100 ms, and before its
 * sample stamp has used much of the machine (measured over 8 starts: 0.1–0.3 s of CPU and
 * ~60 ms a start, of ~2.3 s and ~1.2 s). Gives up after `ms` (an extension that opens none).
 */
function closeWelcome(context: BrowserContext, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const watched: [Page, (f: Frame) => void][] = [];
    let found = false;
    const done = () => {
      clearTimeout(timer);
      context.off('page', watch);
      for (const [p, on] of watched) p.off('framenavigated', on);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const closeIfWelcome = (p: Page) => {
      if (found || !p.url().includes('/welcome.html')) return;
      found = true;
      void p
        .close()
        .catch(() => {})
        .then(done);
    };
    function watch(p: Page) {
      const on = (f: Frame) => void (f === p.mainFrame() && closeIfWelcome(p));
      watched.push([p, on]);
      p.on('framenavigated', on);
      closeIfWelcome(p);
    }
    context.on('page', watch);
    for (const p of context.pages()) watch(p);
  });
}

/** A stamping page ready for window.idstamp calls. */
export async function openStampPage(b: ExtensionBrowser): Promise<Page> {
  const page = await b.open('stamp.html');
  await page.waitForFunction(() => !!window.idstamp, undefined, { timeout: 15_000 });
  return page;
}
