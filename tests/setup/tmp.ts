// Every lane: the run's temporary files go into one folder, removed when the run ends. Tests,
// the CLI they start and the browsers they launch all take their temporary folder from TMPDIR
// (node's os.tmpdir(), Chromium, Firefox), so a run leaves nothing behind in /tmp, where a few
// hundred megabytes a run had filled a CI machine's disk. Each lane sets it once: set already,
// the folder belongs to a run that began earlier (npm test runs the lanes in one vitest).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): (() => void) | undefined {
  if (process.env.IDSTAMP_RUN_TMP) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'idstamp-run-'));
  process.env.IDSTAMP_RUN_TMP = dir;
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
