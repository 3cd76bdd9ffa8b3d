// The CLI's Chromium is started with one `--disable-features` list: Chromium keeps only the
// last such switch, so the list repeats Playwright's own. If an update of playwright-core
// changes its list, this says so (otherwise its new entries would be silently dropped).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { PLAYWRIGHT_DISABLED_FEATURES } from '../../cli/chromium.ts';

/** The strings of `disabledFeatures = [ … ]` in playwright-core's bundled Chromium switches. */
function playwrightList(): string[] {
  const source = readFileSync(createRequire(import.meta.url).resolve('playwright-core/lib/coreBundle'), 'utf8');
  const list = /disabledFeatures = \[([^\]]*)\]/.exec(source)?.[1];
  if (!list) throw new Error('playwright-core no longer has a disabledFeatures list: see cli/chromium.ts');
  return [...list.replace(/\/\/[^\n]*/g, '').matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

describe('Chromium start-up switches', () => {
  it('repeat every feature Playwright disables, and no other of its own', () => {
    expect([...PLAYWRIGHT_DISABLED_FEATURES].sort()).toEqual(playwrightList().sort());
  });
});
