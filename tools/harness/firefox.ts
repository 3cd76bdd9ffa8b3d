// Node side: start Debian's Firefox ESR headless with the built Firefox extension, over
// WebDriver BiDi (puppeteer-core). Used by the Firefox end-to-end tests.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_BUILD = resolve(import.meta.dirname, '..', '..', '.output', 'firefox-mv2');
export const GECKO_ID = 'idstamp@idstamp.app';
/** A fixed internal UUID, so tests know the moz-extension:// origin in advance. */
export const EXTENSION_UUID = '3b1f2a6e-6f1c-4c2e-9a57-1d2b8c0e4f11';

export interface FirefoxWithExtension {
  browser: Browser;
  downloads: string;
  /** Opens an extension page such as "stamp.html" and waits until it has run. */
  open(path: string, ready: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchFirefox(extensionDir = FIREFOX_BUILD): Promise<FirefoxWithExtension> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`No Firefox build in ${extensionDir}. Run: npm run build`);
  const downloads = mkdtempSync(join(tmpdir(), 'idstamp-ff-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    protocol: 'webDriverBiDi',
    headless: true,
    // BiDi navigates to moz-extension:// pages only with system access.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'network.proxy.type': 0,
    },
  });
  await browser.installExtension(extensionDir);
  return {
    browser,
    downloads,
    async open(path, ready) {
      const page = await browser.newPage();
      // BiDi does not report navigations to extension pages as finished: start it, then poll.
      void page.goto(`moz-extension://${EXTENSION_UUID}/${path}`).catch(() => undefined);
      for (let i = 0; i < 100; i++) {
        if (await page.evaluate((sel) => !!document.querySelector(sel), ready).catch(() => false)) return page;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`${path} did not show ${ready}`);
    },
    async close() {
      await browser.close();
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}
