// axe-core audits of every extension page, in light and dark mode, with real content on them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, waitForPrompt, type ExtensionBrowser } from '../../scripts/chromium.ts';
import { DEFAULT_FIXTURES_DIR as img } from '../fixtures/make-fixtures.ts';
import { startSite, type Site } from './site-server.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser: ExtensionBrowser;
let site: Site;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchWithExtension(), startSite()]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Runs axe in the page (evaluate is not subject to the extension's CSP). */
async function audit(page: Page | Frame): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run({
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
    }),
  );
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A page with something in it: chosen files, a preview, a result, a history row. */
async function withContent(path: string): Promise<Page> {
  const page = await browser.open(path);
  if (path.startsWith('options')) {
    await page.locator('#history-enabled').waitFor();
    return page;
  }
  await page.locator('#stamp').waitFor();
  await page.locator('#files').setInputFiles([join(img, 'photo.jpg'), join(img, 'empty.jpg')]);
  await page.locator('#preview-img:not([hidden])').waitFor({ timeout: 30_000 });
  await page.click('#stamp');
  await page.locator('#results li.error').waitFor({ timeout: 30_000 });
  return page;
}

/** The upload guard's prompt over a look-alike page (so its warning is audited too). */
async function promptFrame(): Promise<{ page: Page; frame: Frame }> {
  const page = await browser.newPage();
  await page.goto(`${site.origin}/lookalike.html`);
  await page.locator('#doc').setInputFiles(join(img, 'photo.jpg'));
  return { page, frame: await waitForPrompt(page, '#preview-img:not([hidden])') };
}

describe.each(['light', 'dark'] as const)('accessibility (%s)', (scheme) => {
  it('the upload guard prompt has no axe violations, and Escape cancels', async () => {
    const { page, frame } = await promptFrame();
    await page.emulateMedia({ colorScheme: scheme });
    expect(await audit(frame)).toEqual([]);
    // A look-alike page: the first focus is on the safe choice.
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe('cancel');
    await frame.locator('#purpose').press('Escape');
    await page.waitForFunction(() => !document.querySelector('idstamp-prompt'));
    expect(await page.evaluate(() => (window as unknown as { __received: unknown[] }).__received.length)).toBe(0);
    await page.close();
  });

  it.each(['popup.html?site=okx.com', 'stamp.html?site=okx.com', 'options.html'])('%s has no axe violations', async (path) => {
    const page = await withContent(path);
    await page.emulateMedia({ colorScheme: scheme });
    expect(await audit(page)).toEqual([]);
    await page.close();
  });
});

it('the audit itself catches a violation (an unlabelled field, low contrast)', async () => {
  const page = await browser.open('options.html');
  await page.locator('#history-enabled').waitFor();
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'text';
    const p = document.createElement('p');
    p.textContent = 'faint';
    p.style.color = '#eeeeee';
    document.querySelector('main')!.append(input, p);
  });
  await page.emulateMedia({ colorScheme: 'light' });
  const violations = await audit(page);
  expect(violations.some((v) => v.startsWith('label'))).toBe(true);
  expect(violations.some((v) => v.startsWith('color-contrast'))).toBe(true);
  await page.close();
});
