// Mozilla's own linter on the Firefox build: what addons.mozilla.org would say.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('web-ext lint (Firefox build)', () => {
  it('reports 0 errors, 0 warnings, 0 notices', () => {
    const r = spawnSync('node_modules/.bin/web-ext', ['lint', '--source-dir', '.output/firefox-mv2', '--output', 'json', '--no-input'], { encoding: 'utf8', timeout: 120_000 });
    const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as Record<'errors' | 'warnings' | 'notices', { code: string; file?: string; message: string }[]>;
    const all = (['errors', 'warnings', 'notices'] as const).flatMap((k) => report[k].map((m) => `${k}: ${m.code} ${m.file ?? ''} ${m.message}`));
    expect(all).toEqual([]);
  });
});
