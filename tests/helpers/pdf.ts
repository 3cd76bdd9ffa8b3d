// PDF oracles: qpdf (validity, inflating every stream), poppler (info, text, rendering).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hexStringBytes } from '../fixtures/make-pdf-fixtures.ts';

export function qpdfCheck(file: string): { ok: boolean; output: string } {
  const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return { ok: r.status === 0, output: r.stdout + r.stderr };
}

/**
 * The file with every stream decompressed and no object streams, as latin1 text, followed by
 * the decoded bytes of every <hex> string (qpdf writes UTF-16 text strings as hex).
 */
export function inflated(file: string): string {
  const out = join(mkdtempSync(join(tmpdir(), 'idstamp-qdf-')), 'qdf.pdf');
  // qpdf exits 3 on warnings; the file is still written.
  spawnSync('qpdf', ['--qdf', '--object-streams=disable', '--decrypt', '--decode-level=all', file, out]);
  const qdf = readFileSync(out);
  return qdf.toString('latin1') + hexStringBytes(qdf).toString('latin1');
}

/** Needles still present, in ASCII, UTF-16BE or UTF-16LE. */
export function needlesIn(text: string, needles: readonly string[]): string[] {
  const utf16 = (s: string, be: boolean) => [...s].map((c) => (be ? `\0${c}` : `${c}\0`)).join('');
  return needles.filter((n) => text.includes(n) || text.includes(utf16(n, true)) || text.includes(utf16(n, false)));
}

export function pdfinfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', '999', file], { encoding: 'utf8' });
  return Object.fromEntries(
    out
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

export const pdftotext = (file: string): string => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

/** PNG paths of every page rendered at `dpi`. */
export function renderPages(file: string, dpi: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'idstamp-ppm-'));
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, join(dir, 'p')]);
  return readdirSync(dir)
    .sort()
    .map((f) => join(dir, f));
}

/** The trailer's /ID, as qpdf shows it. */
export const trailerId = (file: string): string => /\/ID\s*\[\s*<([0-9a-f]+)>/i.exec(execFileSync('qpdf', ['--show-object=trailer', file], { encoding: 'latin1' }))?.[1] ?? '';
