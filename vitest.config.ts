import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';
import LongestFirst from './tests/setup/sequencer.ts';

// Four lanes, each with its own command (package.json): `unit` needs no build and no browser;
// `browser` (core in Chromium, CLI, build), `e2e` (the extension as a person uses it) and
// `quality` (measured tables: marks, calibration, MRZ) need `npm run build`. `npm test` runs all.
const tmpSetup = 'tests/setup/tmp.ts';
const browserSetup = [tmpSetup, 'tests/setup/browser.ts'];

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    // Browser tests start Chromium once per file and stamp real photos; 2 cores in CI.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    projects: [
      // Unit files share their workers' modules (not isolated): 45 → 22 s of CPU for the lane,
      // on a machine where the suite is CPU-bound. (A file that stubs a global puts it back.)
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/mrz/parse.test.ts', 'tests/mrz/certain.test.ts'], isolate: false, globalSetup: [tmpSetup] },
      },
      { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts', 'tests/*.test.ts'], globalSetup: browserSetup } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], globalSetup: browserSetup } },
      { extends: true, test: { name: 'quality', include: ['tests/quality/**/*.test.ts', 'tests/mrz/read.test.ts', 'tests/mrz/faces.test.ts'], globalSetup: browserSetup } },
    ],
  },
});
