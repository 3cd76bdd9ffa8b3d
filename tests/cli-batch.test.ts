// The CLI on a batch the size of a real camera folder: every input ends as an output of the
// right kind or the error it deserves, also when the browser's page process is killed mid-batch.
// (The old CLI let copies leave the page as simulated downloads: 4 of the first 200 files of
// this batch came back as "browser-failed … ran out of memory" after 30 s each.)
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extensionRenderers } from '../tools/harness/chromium.ts';
import { makeBatch, readKind, type BatchFile } from './helpers/batch.ts';

const CONFIG = mkdtempSync(join(tmpdir(), 'idstamp-batch-config-'));

interface Run {
  code: number | null;
  lines: Record<string, any>[];
  stderr: string;
}

/** The CLI as a child process; `onLine(n)` after each JSON line (n lines so far). */
function runCli(args: string[], onLine?: (n: number, pid: number) => void): Promise<Run> {
  return new Promise((resolve) => {
    // The default trace key is made in a folder of the test's own, never in the home folder.
    const env = { ...process.env, XDG_CONFIG_HOME: CONFIG };
    const child = spawn('node_modules/.bin/tsx', ['cli/stamp.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    const lines: Record<string, any>[] = [];
    let rest = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      const parts = (rest + d).split('\n');
      rest = parts.pop()!;
      for (const p of parts) {
        lines.push(JSON.parse(p) as Record<string, any>);
        onLine?.(lines.length, child.pid!);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, lines, stderr }));
  });
}

/** Every input has its line, in input order, and its output or its expected error. */
function expectAccounted(files: BatchFile[], run: Run, out: string): void {
  expect(run.lines.map((l) => l.input)).toEqual(files.map((f) => f.path));
  const wrong: string[] = [];
  for (const [i, f] of files.entries()) {
    const l = run.lines[i]!;
    if ('error' in f.expect) {
      if (l.error?.code !== f.expect.error) wrong.push(`${f.path}: ${JSON.stringify(l.error ?? l.output)}, expected ${f.expect.error}`);
    } else if (l.error) wrong.push(`${f.path}: ${l.error.code} ${l.error.message}`);
    else if (readKind(l.output) !== f.expect.kind || statSync(l.output).size !== l.bytesOut) wrong.push(`${f.path}: ${l.output} is ${readKind(l.output)}, ${statSync(l.output).size} bytes`);
  }
  expect(wrong).toEqual([]);
  // One file per output and nothing else: no partial file left under any name.
  expect(readdirSync(out).sort()).toEqual(
    run.lines
      .filter((l) => l.output)
      .map((l) => l.output.slice(out.length + 1))
      .sort(),
  );
}

describe('npm run stamp on a batch', () => {
  let files: BatchFile[];
  beforeAll(async () => {
    files = await makeBatch(mkdtempSync(join(tmpdir(), 'idstamp-batch-')), 1000);
  }, 120_000);

  it('1,000 files (1×1 and 8×8 pictures of every format, photos, PDFs, broken files), 2 pages side by side: each one an output of its kind or its own error, exit 1', async () => {
    const out = mkdtempSync(join(tmpdir(), 'idstamp-batch-out-'));
    const run = await runCli([...files.map((f) => f.path), '--strip-only', '--jobs', '2', '--json', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expectAccounted(files, run, out);
    expect(run.lines.filter((l) => l.output)).toHaveLength(files.filter((f) => 'kind' in f.expect).length);
  }, 240_000);

  it('the page process killed from outside mid-batch: the files it held are tried again alone and named with the cause; every file accounted for', async () => {
    const some = files.slice(0, 90);
    const out = mkdtempSync(join(tmpdir(), 'idstamp-batch-kill-'));
    let killed: number | undefined;
    // --no-trace: the batch's 1×1 and 8×8 pictures are too small to carry the invisible trace,
    // and the core refuses them rather than hand out a copy without it; this test is about the kill.
    const run = await runCli([...some.map((f) => f.path), '--no-mrz', '--no-trace', '--jobs', '2', '--json', '--out', out], (n, cli) => {
      if (n !== 25 || killed) return;
      // Only the renderer of this CLI's own browser (a descendant of its process).
      killed = extensionRenderers((p) => p.pid === cli)[0];
      if (killed) process.kill(killed, 'SIGKILL');
    });
    expect(killed).toBeGreaterThan(0);
    // The first 90 files are all good ones (the broken ones start at 93): exit 1 only if a line failed.
    expect(run.code).toBe(run.lines.some((l) => l.error) ? 1 : 0);
    expectAccounted(some, run, out);
    const retried = run.lines.filter((l) => l.retried);
    expect(retried.length).toBeGreaterThan(0);
    for (const l of retried) {
      expect(l.retried).toMatchObject({ code: 'page-killed', message: expect.stringMatching(/was ended from outside, by another program or by the system \(signal 9\)/) });
      expect(l.retried.message).toContain(l.input);
    }
  }, 240_000);
});
