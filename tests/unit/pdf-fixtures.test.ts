// Proves the generated PDF fixtures themselves (not the app): cheap once tests/fixtures/out/pdf is cached.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PDF_FIXTURES_DIR, hexStringBytes, makePdfFixtures, type PdfFixtureManifest } from '../fixtures/make-pdf-fixtures.ts';

const dir = DEFAULT_PDF_FIXTURES_DIR;
let manifest: PdfFixtureManifest;
let tmp: string;

beforeAll(async () => {
  manifest = await makePdfFixtures(); // generates only when missing or outdated (~3 s)
  tmp = mkdtempSync(join(tmpdir(), 'pdf-fixtures-'));
}, 60_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const path = (file: string) => join(dir, file);
const tool = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: 'pipe' });

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** `qpdf --qdf` output: every stream inflated, and decrypted (qpdf opens an empty user password itself). */
function inflated(file: string): Buffer {
  const out = join(tmp, `${file}.qdf`);
  const password = manifest.files[file]?.encryption?.userPassword;
  const args = ['--qdf', '--object-streams=disable', '--decrypt', ...(password ? [`--password=${password}`] : [])];
  tool('qpdf', [...args, path(file), out]);
  return readFileSync(out);
}

describe('PDF test fixtures', () => {
  it('lists every expected fixture', () => {
    expect(Object.keys(manifest.files).sort()).toEqual(
      [
        'cjk.pdf',
        'corrupt.pdf',
        'empty.pdf',
        'huge-page.pdf',
        'landscape-rotated.pdf',
        'scan.pdf',
        'scan-kinds.pdf',
        'statement-owner.pdf',
        'statement.pdf',
        'too-many-pages.pdf',
        'truncated.pdf',
        'user-password.pdf',
        'zero-pages.pdf',
      ].sort(),
    );
  });

  it('statement.pdf has 20 A4 pages and its text layer', () => {
    const info = tool('pdfinfo', [path('statement.pdf')]);
    expect(info).toMatch(/^Pages:\s+20$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts/m);
    expect(tool('pdftotext', ['-f', '7', '-l', '7', path('statement.pdf'), '-'])).toContain('STATEMENT-PAGE-7');
  });

  it('qpdf --check passes for every file the app must accept', () => {
    const good = Object.entries(manifest.files).filter(([, e]) => !e.expectError);
    expect(good.map(([f]) => f).sort()).toEqual(['cjk.pdf', 'landscape-rotated.pdf', 'scan-kinds.pdf', 'scan.pdf', 'statement-owner.pdf', 'statement.pdf']);
    for (const [file] of good) expect(tool('qpdf', ['--check', path(file)]), file).toContain('No syntax or stream encoding errors');
  });

  it('every needle is in the raw bytes, every utf16 needle as UTF-16BE', () => {
    for (const [file, entry] of Object.entries(manifest.files)) {
      const bytes = readFileSync(path(file));
      for (const needle of entry.needles) expect(bytes.includes(needle), `${file}: ${needle}`).toBe(true);
      for (const needle of entry.utf16Needles ?? []) expect(bytes.includes(utf16be(needle)), `${file}: ${needle}`).toBe(true);
    }
  });

  it('every deep needle appears once streams are inflated (and decrypted)', () => {
    const deep = Object.entries(manifest.files).filter(([, e]) => e.deepNeedles?.length);
    expect(deep.map(([f]) => f).sort()).toEqual(['statement-owner.pdf', 'statement.pdf', 'user-password.pdf']);
    for (const [file, entry] of deep) {
      const raw = readFileSync(path(file));
      const qdf = inflated(file);
      for (const needle of entry.deepNeedles!) {
        expect(raw.includes(needle), `${file}: ${needle} raw`).toBe(false);
        expect(qdf.includes(needle), `${file}: ${needle} inflated`).toBe(true);
      }
    }
  });

  it('after qpdf --qdf, UTF-16BE needles live in hex strings', () => {
    const qdf = inflated('cjk.pdf');
    for (const needle of manifest.files['cjk.pdf']!.utf16Needles!) {
      expect(qdf.includes(utf16be(needle))).toBe(false); // qpdf rewrote the literal as <FEFF…>
      expect(hexStringBytes(qdf).includes(utf16be(needle))).toBe(true);
    }
  });

  it('statement.pdf: pdfinfo shows the revision-2 author, revision-1 author bytes remain', () => {
    expect(tool('pdfinfo', [path('statement.pdf')])).toMatch(/^Author:\s+NEEDLE-PDF-STATEMENT-REV2-AUTHOR$/m);
    const bytes = readFileSync(path('statement.pdf'));
    expect(bytes.includes('/Author (NEEDLE-PDF-STATEMENT-AUTHOR)')).toBe(true);
    expect(bytes.toString('latin1')).toMatch(/trailer\s*<<[^>]*\/Prev \d+/);
  });

  it('encryption: owner-only file opens without a password, user-password file does not', () => {
    expect(tool('pdfinfo', [path('statement-owner.pdf')])).toMatch(/^Encrypted:\s+yes/m);
    expect(tool('pdftotext', ['-f', '7', '-l', '7', path('statement-owner.pdf'), '-'])).toContain('STATEMENT-PAGE-7');
    const locked = spawnSync('pdfinfo', [path('user-password.pdf')], { encoding: 'utf8' });
    expect(locked.status).not.toBe(0);
    expect(tool('pdfinfo', ['-upw', 'secret', path('user-password.pdf')])).toMatch(/^Pages:\s+1$/m);
  });

  it('page counts and sizes match the manifest', () => {
    for (const file of ['landscape-rotated.pdf', 'scan.pdf', 'too-many-pages.pdf', 'huge-page.pdf', 'cjk.pdf']) {
      const entry = manifest.files[file]!;
      const info = tool('pdfinfo', ['-f', '1', '-l', '2', path(file)]);
      expect(info, file).toMatch(new RegExp(`^Pages:\\s+${entry.pages}$`, 'm'));
      const [w, h] = entry.pageSize!;
      expect(info, file).toMatch(new RegExp(`^Page\\s+1 size:\\s+${w} x ${h} pts`, 'm'));
    }
    expect(tool('pdfinfo', ['-f', '1', '-l', '2', path('landscape-rotated.pdf')])).toMatch(/^Page\s+2 rot:\s+90$/m);
    expect(tool('qpdf', ['--show-npages', path('zero-pages.pdf')]).trim()).toBe('0');
    expect(readFileSync(path('empty.pdf')).length).toBe(0);
  });
});
