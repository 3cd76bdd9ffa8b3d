// Mozilla's own linter on the Firefox build: what addons.mozilla.org would say.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('web-ext lint (Firefox build, desktop and Android)', () => {
  it('declares Firefox for Android, which the linter checks every API against', () => {
    const m = JSON.parse(readFileSync('.output/firefox-mv2/manifest.json', 'utf8')) as { browser_specific_settings: Record<string, { strict_min_version?: string }> };
    expect(Number(m.browser_specific_settings.gecko_android?.strict_min_version?.split('.')[0])).toBeGreaterThanOrEqual(120);
  });

  // Slow on a loaded machine (it reads every bundled file, pdf.js and 17 languages included).
  it('reports 0 errors, 0 warnings, 0 notices', { timeout: 240_000 }, () => {
    const r = spawnSync('node_modules/.bin/web-ext', ['lint', '--source-dir', '.output/firefox-mv2', '--output', 'json', '--no-input'], { encoding: 'utf8', timeout: 230_000 });
    const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as Record<'errors' | 'warnings' | 'notices', { code: string; file?: string; message: string }[]>;
    const all = (['errors', 'warnings', 'notices'] as const).flatMap((k) => report[k].map((m) => `${k}: ${m.code} ${m.file ?? ''} ${m.message}`));
    expect(all).toEqual([]);
  });
});
