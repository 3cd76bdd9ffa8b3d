// Before the browser, e2e and quality lanes: the extension is built and the fixtures exist
// (made by script, never downloaded). The unit lane needs neither. The 106 calibration photos
// (cards) are made here too, before the lanes that use them (photo check calibration,
// before-upload e2e, stamp tests), not inside two test files' hooks racing each other under
// the hook timeout on a busy CI machine. All at once: the format fixtures are mostly other
// programs (ImageMagick, heif-enc), the cards mostly sharp's threads (one after the other,
// this took ~65 s).
import { existsSync } from 'node:fs';
import { makeFixtures } from '../fixtures/make-fixtures.ts';
import { makeFormatFixtures } from '../fixtures/make-format-fixtures.ts';
import { makePdfFixtures } from '../fixtures/make-pdf-fixtures.ts';
import { makeCards } from '../quality/make-cards.ts';

export default async function setup(): Promise<void> {
  if (!existsSync('.output/chrome-mv3/manifest.json')) throw new Error('Build the extension first: npm run build (npm test does it).');
  // The cards copy the PDF fixtures' statement: those first.
  await Promise.all([makeFixtures(), makeFormatFixtures(), makePdfFixtures().then(() => makeCards())]);
}
