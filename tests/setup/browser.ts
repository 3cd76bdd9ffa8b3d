// Before the browser, e2e and quality lanes: the fixtures exist (made by script, never
// downloaded) and the extension is built. The unit lane needs neither.
import { existsSync } from 'node:fs';
import { makeFixtures } from '../fixtures/make-fixtures.ts';
import { makeFormatFixtures } from '../fixtures/make-format-fixtures.ts';
import { makePdfFixtures } from '../fixtures/make-pdf-fixtures.ts';

export default async function setup(): Promise<void> {
  await makeFixtures();
  await makePdfFixtures();
  await makeFormatFixtures();
  if (!existsSync('.output/chrome-mv3/manifest.json')) throw new Error('Build the extension first: npm run build (npm test does it).');
}
