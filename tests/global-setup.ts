// Before any test: the fixtures exist (made by script, never downloaded) and the extension is built.
import { existsSync } from 'node:fs';
import { makeFixtures } from './fixtures/make-fixtures.ts';
import { makeFormatFixtures } from './fixtures/make-format-fixtures.ts';
import { makePdfFixtures } from './fixtures/make-pdf-fixtures.ts';
import { makeCards } from './quality/make-cards.ts';

export default async function setup(): Promise<void> {
  await makeFixtures();
  await makePdfFixtures();
  await makeFormatFixtures();
  // The 106 calibration photos take about a minute to render: made here once, not inside two
  // test files' hooks racing each other under a 60 s hook timeout on a busy CI machine.
  await makeCards();
  if (!existsSync('.output/chrome-mv3/manifest.json')) throw new Error('Build the extension first: npm run build (npm test does it).');
}
