// Reproducible installs: a fresh clone of this commit, `npm ci` (the complete lock, no change to
// it) and `npm run build` leave `git status` empty: nothing tracked changes, nothing untracked
// appears that .gitignore does not name. (CI also checks the tree after the whole test run.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'idstamp-clone-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }), 300_000); // node_modules: many files

const run = (cmd: string, args: string[], cwd = dir) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 600_000, env: { ...process.env, CI: '1' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}\n${r.stdout}`.slice(-4000));
  return r.stdout;
};

// In CI the whole run is already this: .ci/run starts from a fresh clone, installs with npm ci,
// builds, tests and then fails on any change to the tree; a second clone would only cost a
// minute and a half of the suite.
it.skipIf(process.env.CI)('a fresh clone stays clean after npm ci and npm run build', { timeout: 900_000 }, () => {
  const head = run('git', ['rev-parse', 'HEAD'], process.cwd()).trim();
  run('git', ['clone', '--quiet', '--no-checkout', '--shared', process.cwd(), dir]);
  run('git', ['checkout', '--quiet', head]);
  run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline']);
  run('npm', ['run', 'build']);
  expect(run('git', ['status', '--porcelain', '--untracked-files=all'])).toBe('');
});
