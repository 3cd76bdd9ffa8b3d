// The 106 calibration photos take about a minute to render: made once here, before the lanes
// that use them (photo check calibration, before-upload e2e, stamp tests), not inside two test
// files' hooks racing each other under the hook timeout on a busy CI machine.
import { makeCards } from '../quality/make-cards.ts';

export default async function setup(): Promise<void> {
  await makeCards();
}
