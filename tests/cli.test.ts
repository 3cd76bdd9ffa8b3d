// The CLI as a person runs it: real files in, files and JSON lines out, exit code says failures.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../src/core/lang.ts';
import { ON_DOCUMENT } from '../src/core/watermark/draw.ts';
import { JITTER_SPREAD } from '../src/core/watermark/layout.ts';
import { defaultPurpose } from '../src/core/watermark/template.ts';
import { PRESETS } from '../src/settings/schema.ts';
import { renderDocument } from './fixtures/documents.ts';
import { scenePhoto, SCENES } from './fixtures/trace-pictures.ts';
import { DEFAULT_FIXTURES_DIR as dir } from './fixtures/make-fixtures.ts';
import { DEFAULT_FORMAT_FIXTURES_DIR } from './fixtures/make-format-fixtures.ts';
import { DEFAULT_PDF_FIXTURES_DIR } from './fixtures/make-pdf-fixtures.ts';
import { exiftool, leftovers } from './helpers/exiftool.ts';
import { readTree } from './helpers/locales.ts';
import { storedRgba, uprightRgb } from './helpers/pixels.ts';

// The tests' own config folder: the default trace key is made there, never in the home folder.
const CONFIG = mkdtempSync(join(tmpdir(), 'idstamp-cli-config-'));

// The CLI speaks the environment's language unless --lang says otherwise: the tests set an
// English-free locale ("C") so that a developer's own LANG does not change what they read.
const LOCALE = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };

// As `npm run stamp` starts it (package.json): one Node process with tsx's loader.
const STAMP = ['--import', 'tsx', 'cli/stamp.ts'];

function cliIn(locale: NodeJS.ProcessEnv, ...args: string[]) {
  const env = { ...process.env, ...LOCALE, ...locale, XDG_CONFIG_HOME: CONFIG };
  const r = spawnSync(process.execPath, [...STAMP, ...args], { encoding: 'utf8', timeout: 120_000, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cli = (...args: string[]) => cliIn({}, ...args);

describe('npm run stamp', () => {
  it('stamps good files, reports bad ones, writes the same names, exits 1', () => {
    const out = mkdtempSync(join(tmpdir(), 'idstamp-cli-'));
    const files = ['phone.jpg', 'photo.png', 'empty.jpg', 'notes.txt', 'truncated.jpg'].map((f) => join(dir, f));
    const r = cli(...files, join(dir, 'missing.jpg'), '--site', 'okx.com', '--out', out, '--json');
    expect(r.code).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
    expect(lines.map((l) => l.error?.code ?? 'ok')).toEqual(['ok', 'ok', 'empty', 'unsupported-type', 'truncated', 'not-found']);
    const [phone, png] = lines;
    expect(phone).toMatchObject({ output: join(out, 'phone.jpg'), type: 'jpeg', bytesIn: readFileSync(files[0]!).length });
    expect(phone!.removed).toEqual(expect.arrayContaining(['exif', 'gps', 'xmp', 'thumbnail']));
    expect(phone!.ms).toBeGreaterThan(0);
    expect(png).toMatchObject({ output: join(out, 'photo.png'), type: 'png' });
    for (const l of [phone!, png!]) {
      expect(readFileSync(l.output).length).toBe(l.bytesOut);
      expect(leftovers(exiftool(l.output))).toEqual([]);
    }
    expect(exiftool(phone!.output)).toMatchObject({ 'File:ImageWidth': 3024, 'File:ImageHeight': 4032 });
    expect(existsSync(join(out, 'empty.jpg'))).toBe(false);
    for (const l of lines.slice(2)) expect(l.error.message).toMatch(/\w+ \w+/);
  });

  it('--strip-only writes a clean file with the same pixels; human output by default', async () => {
    const out = mkdtempSync(join(tmpdir(), 'idstamp-cli-'));
    const r = cli(join(dir, 'photo.jpg'), '--strip-only', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✔ .*photo\.jpg → .*photo\.jpg \(JPEG, .*removed: .*GPS location/);
    expect(leftovers(exiftool(join(out, 'photo.jpg')), { allowOrientation: true })).toEqual([]);
    expect((await storedRgba(join(out, 'photo.jpg'))).data.equals((await storedRgba(join(dir, 'photo.jpg'))).data)).toBe(true);
  });

  it('never overwrites an input, even when --out is its own folder', async () => {
    const work = mkdtempSync(join(tmpdir(), 'idstamp-cli-'));
    copyFileSync(join(dir, 'photo.png'), join(work, 'photo.png'));
    const original = readFileSync(join(work, 'photo.png'));
    const r = cli(join(work, 'photo.png'), '--out', work, '--max-dimension', '600');
    expect(r.code).toBe(0);
    expect(readFileSync(join(work, 'photo.png')).equals(original)).toBe(true);
    expect((await uprightRgb(join(work, 'photo (2).png'))).width).toBe(600);
  });

  it('stamps PDFs in both modes and says when the mark can be removed', () => {
    const out = mkdtempSync(join(tmpdir(), 'idstamp-cli-'));
    const pdf = join(DEFAULT_PDF_FIXTURES_DIR, 'statement.pdf');
    // A locked PDF beside it (one browser for both): told, in Chinese too, and the other done.
    const flat = cli(pdf, join(DEFAULT_PDF_FIXTURES_DIR, 'user-password.pdf'), '--dpi', '100', '--out', out, '--json', '--lang', 'zh_CN');
    expect(flat.code).toBe(1);
    const [statement, locked] = flat.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
    expect(statement).toMatchObject({ type: 'pdf', output: join(out, 'statement.pdf'), report: { pdfMode: 'flatten', output: { pages: 20 } } });
    expect(locked!.error).toMatchObject({ code: 'pdf-password', message_zh_CN: expect.stringContaining('此 PDF 设有打开密码') });
    const kept = cli(pdf, '--pdf-mode', 'keep-text', '--out', out);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toMatch(/✔ .*statement\.pdf \(PDF, 20 pages, .*\n  ! Keep-text mode: .*can delete this watermark/);
    expect(kept.stdout).toContain('this copy carries no invisible trace code'); // kept as text, not flattened to carry one
  }, 180_000);

  // The old CLI sent files as base64 over the DevTools protocol: a 150 MB file killed the page
  // and every later file failed with "Target page, context or browser has been closed"
  // (checked once against the old cli/stamp.ts).
  it('a 150 MB file, a 210 MB file, a folder and a missing file in one batch: clear answers, the rest stamped', () => {
    const work = mkdtempSync(join(tmpdir(), 'idstamp-cli-big-'));
    const out = join(work, 'out');
    const phone = readFileSync(join(dir, 'phone.jpg'));
    // A motion photo: the picture, then 150 MB of video after the end of the image.
    const big = join(work, 'motion.jpg');
    writeFileSync(big, Buffer.concat([phone, Buffer.alloc(150 * 2 ** 20)]));
    const huge = join(work, 'huge.jpg');
    writeFileSync(huge, Buffer.concat([phone, Buffer.alloc(210 * 2 ** 20)]));
    const hash = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
    const before = hash(big);
    const heic = join(DEFAULT_FORMAT_FIXTURES_DIR, 'iphone.heic');
    const r = cli(big, huge, work, join(work, 'missing.jpg'), join(dir, 'photo.png'), heic, '--strip-only', '--out', out, '--json');
    expect(r.code).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
    expect(lines.map((l) => l.error?.code ?? 'ok')).toEqual(['ok', 'too-large-file', 'is-folder', 'not-found', 'ok', 'ok']);
    expect(lines[0]!.removed).toContain('trailer');
    expect(readFileSync(lines[0]!.output).length).toBeLessThan(phone.length);
    expect(leftovers(exiftool(lines[0]!.output), { allowOrientation: true })).toEqual([]);
    expect(lines[1]!.error.message).toMatch(/too large \(210\.\d MB, limit 200\.0 MB\)/);
    expect(lines[2]!.error.message).toContain('is a folder');
    expect(lines[5]).toMatchObject({ type: 'heic', output: join(out, 'iphone.jpg') });
    expect(leftovers(exiftool(lines[5]!.output))).toEqual([]);
    expect(hash(big)).toBe(before);
  }, 180_000);

  it('stamp mode: a 150 MB motion photo, a HEIC grid, a JPEG without its end marker, a multi-page TIFF and a JPEG no browser decodes in one batch: each stamped or clearly refused, the rest unaffected', () => {
    const work = mkdtempSync(join(tmpdir(), 'idstamp-cli-batch-'));
    const out = join(work, 'out');
    const big = join(work, 'motion.jpg');
    writeFileSync(big, Buffer.concat([readFileSync(join(dir, 'phone.jpg')), Buffer.alloc(150 * 2 ** 20, 7)]));
    const f = (n: string) => join(DEFAULT_FORMAT_FIXTURES_DIR, n);
    const inputs = [big, f('lossless-sof3.jpg'), f('grid.heic'), f('no-end-marker.jpg'), f('multipage.tif'), join(dir, 'photo.png')];
    const r = cli(...inputs, '--site', 'okx.com', '--out', out, '--json');
    expect(r.code).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
    expect(lines.map((l) => l.error?.code ?? 'ok')).toEqual(['ok', 'decode-failed', 'ok', 'ok', 'ok', 'ok']);
    expect(lines[1]!.error.message).toContain('could not open this JPEG image');
    expect(lines.map((l) => l.output && l.output.slice(out.length + 1))).toEqual(['motion.jpg', undefined, 'grid.jpg', 'no-end-marker.jpg', 'multipage.pdf', 'photo.png']);
    expect(lines[0]!.removed).toContain('trailer');
    expect(lines[3]!.report.warnings).toContain('end-marker-missing');
    for (const l of lines.filter((x) => x.output)) {
      expect(leftovers(exiftool(l.output)), l.output).toEqual([]);
      expect(l.report.watermark.lines[0]).toBe('Only for okx.com identity verification');
    }
    expect(existsSync(join(out, 'lossless-sof3.jpg'))).toBe(false);
  }, 300_000);

  // Copies over 4 MB leave the page in 8 MB pieces (DevTools IO.read), not in the stamping
  // call's answer: a 4.3 MP PNG of noise keeps its ~12 MB through --strip-only, so it crosses
  // in two pieces. (It was a 35 MB copy: more pieces of the same kind, three times the time.)
  it('a copy of two IO.read pieces (over 8 MB) arrives whole: same pixels, every byte, nothing left under a temporary name', async () => {
    const work = mkdtempSync(join(tmpdir(), 'idstamp-cli-stream-'));
    const noise = join(work, 'noise.png');
    await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
      .png({ compressionLevel: 1 })
      .toFile(noise);
    const out = join(work, 'out');
    const r = cli(noise, '--strip-only', '--out', out, '--json');
    expect(r.code).toBe(0);
    const line = JSON.parse(r.stdout) as Record<string, any>;
    expect(line.bytesOut).toBeGreaterThan(8 * 2 ** 20);
    expect(readFileSync(line.output).length).toBe(line.bytesOut);
    expect((await storedRgba(line.output)).data.equals((await storedRgba(noise)).data)).toBe(true);
    expect(readdirSync(out)).toEqual(['noise.png']);
  }, 180_000);

  it('a file over its time limit is told as such (not as memory), and leaves no file', () => {
    const out = mkdtempSync(join(tmpdir(), 'idstamp-cli-timeout-'));
    const r = cli(join(dir, 'phone.jpg'), '--timeout', '0.05', '--out', out, '--json');
    expect(r.code).toBe(1);
    const line = JSON.parse(r.stdout) as Record<string, any>;
    expect(line.error).toMatchObject({ code: 'page-timeout', message: expect.stringContaining('phone.jpg (0.3 MB) was not finished after 0.05 s') });
    expect(line.error.message).not.toMatch(/memory/);
    expect(readdirSync(out)).toEqual([]);
    expect(cli(join(dir, 'phone.jpg'), '--jobs', '0', '--out', out).code).toBe(2);
  });

  it('--password opens a protected PDF (from standard input too); the output has no password; a wrong one says so', () => {
    const out = mkdtempSync(join(tmpdir(), 'idstamp-cli-pw-'));
    const pdf = join(DEFAULT_PDF_FIXTURES_DIR, 'user-password.pdf');
    const ok = cli(pdf, '--password', 'secret', '--out', out, '--json');
    expect(ok.code).toBe(0);
    const line = JSON.parse(ok.stdout) as Record<string, any>;
    expect(line.report).toMatchObject({ pdfMode: 'flatten', output: { pages: 1 } });
    expect(ok.stdout).not.toContain('secret');
    expect(execFileSync('qpdf', ['--show-encryption', line.output], { encoding: 'utf8' })).toContain('File is not encrypted');
    expect(leftovers(exiftool(line.output))).toEqual([]);
    const strip = spawnSync(process.execPath, [...STAMP, pdf, '--password', '-', '--strip-only', '--out', out, '--json'], { input: 'secret\n', encoding: 'utf8', timeout: 120_000 });
    expect(strip.status).toBe(0);
    const stripped = JSON.parse(strip.stdout) as Record<string, any>;
    expect(stripped.report.warnings).toContain('flattened-protected-pdf');
    expect(execFileSync('qpdf', ['--show-encryption', stripped.output], { encoding: 'utf8' })).toContain('File is not encrypted');
    const wrong = cli(pdf, '--password', 'nope', '--out', out, '--json', '--lang', 'zh_CN');
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout).error).toMatchObject({ code: 'pdf-wrong-password', message_zh_CN: expect.stringContaining('密码不正确') });
  }, 180_000);

  it('says in the chosen language that a path is missing or a folder', () => {
    const work = mkdtempSync(join(tmpdir(), 'idstamp-cli-lang-'));
    const missing = join(work, 'nope.jpg');
    for (const [lang, folder, notFound] of [
      ['ja', 'はフォルダーです', 'ファイルが見つかりません'],
      ['ar', 'مجلد', 'الملف غير موجود'],
      ['de', 'ist ein Ordner', 'Datei nicht gefunden'],
    ] as const) {
      const r = cli(work, missing, '--lang', lang, '--out', join(work, 'out'));
      expect(r.code).toBe(1);
      expect(r.stdout, lang).toContain(`${work} ${folder}`);
      expect(r.stdout, lang).toContain(notFound);
      expect(r.stdout, lang).toContain(missing);
    }
  }, 180_000);

  it('explains bad options and shows help, in the language of --lang or of the environment', () => {
    expect(cli('--help').stdout).toContain('Usage: npm run stamp');
    const out = mkdtempSync(join(tmpdir(), 'x-'));
    // A bad name is told before any browser starts, and nothing is written.
    const bad = cli(join(dir, 'photo.jpg'), '--naming', 'weird', '--json', '--out', out);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('--naming weird is not one of its choices: use one of suffix, keep, neutral.');
    expect(readdirSync(out)).toEqual([]);
    // Before, Node's own English: "Unknown option '--outt'. To specify a positional argument…".
    const zh = readTree('zh_CN').cli;
    const typo = cliIn({ LANG: 'zh_CN.UTF-8' }, join(dir, 'photo.jpg'), '--outt', out);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(zh['usage-unknown-option'].replace('{option}', '--outt'));
    expect(typo.stderr).not.toMatch(/Unknown option|not an option/);
    expect(cliIn({ LC_ALL: 'de_DE.UTF-8', LANG: 'zh_CN.UTF-8' }, join(dir, 'photo.jpg'), '--out').stderr).toContain('--out braucht einen Wert');
    const help = cliIn({ LC_MESSAGES: 'zh_CN.UTF-8' }, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`${zh['help-usage']} npm run stamp`);
    expect(help.stdout).toContain(zh['help-strip-only']);
    expect(help.stdout).not.toContain(readTree('en').cli['help-strip-only']);
    expect(cli('--help', '--lang', 'ja').stdout).toContain(readTree('ja').cli['help-out']);
  });
});

describe('npm run stamp: every setting of the mark, every language', () => {
  const white = join(mkdtempSync(join(tmpdir(), 'idstamp-white-')), 'white.png');
  const json = (r: ReturnType<typeof cli>) => JSON.parse(r.stdout.trim().split('\n')[0]!) as Record<string, any>;
  const out = () => mkdtempSync(join(tmpdir(), 'idstamp-cli-'));

  it('--help lists the look options and every language', () => {
    const help = cli('--help').stdout;
    for (const o of ['--preset', '--opacity', '--size', '--density', '--angle', '--color', '--lang']) expect(help).toContain(o);
    for (const l of LANGS) expect(help).toContain(l);
  });

  it('--preset strict and --lang ja: the preset’s look, a Japanese purpose line', () => {
    const r = json(cli(join(dir, 'photo.jpg'), '--site', 'okx.com', '--preset', 'strict', '--lang', 'ja', '--json', '--out', out()));
    const w = r.report.watermark;
    expect(w.lines[0]).toBe('okx.comの本人確認専用');
    const kyc = json(cli(join(dir, 'photo.jpg'), '--site', 'okx.com', '--json', '--out', out())).report.watermark;
    expect(kyc.lines[0]).toBe('Only for okx.com identity verification');
    // Each copy's opacity is its preset's (× ON_DOCUMENT on a found document) give or take the
    // per-copy jitter: a random ±0.04 each, so a ratio of the two is no fixed figure.
    for (const [mark, preset] of [
      [w, PRESETS.strict],
      [kyc, PRESETS.kyc],
    ] as const) {
      const expected = preset.opacity * (mark.document ? ON_DOCUMENT.opacity : 1);
      expect(Math.abs(mark.opacity - expected)).toBeLessThanOrEqual(JITTER_SPREAD.opacity + 0.001);
    }
    expect(w.opacity).toBeGreaterThan(kyc.opacity);
    // (Tile counts are not compared: on a found document both presets are pushed towards full
    // coverage, so they differ mainly in darkness and size.)
    expect(w.fontPx).toBeGreaterThan(kyc.fontPx);
  });

  it('--opacity, --size, --density, --angle, --color, --lang ar reach the mark', async () => {
    await sharp({ create: { width: 1500, height: 1000, channels: 3, background: '#ffffff' } })
      .png()
      .toFile(white);
    const dirOut = out();
    // A small mark: at 6 % of the short side and more, every region's gap fill (draw.ts) hides
    // what density does to the count of blocks.
    const r = json(cli(white, '--site', 'okx.com', '--opacity', '0.9', '--size', '0.02', '--density', '0.1', '--angle', '20', '--color', '#cc0000', '--lang', 'ar', '--json', '--out', dirOut));
    const w = r.report.watermark;
    expect(w.lines[0]).toBe(defaultPurpose('okx.com', 'ar'));
    expect(w.angle).toBeGreaterThan(20 - 3.1);
    expect(w.angle).toBeLessThan(20 + 3.1);
    expect(w.opacity).toBeGreaterThan(0.85);
    expect(w.fontPx).toBeGreaterThan(0.02 * 1000 * 0.9);
    expect(w.fontPx).toBeLessThan(0.02 * 1000 * 1.1);
    // The pixels are red: sharp reads the output.
    const { data } = await sharp(r.output).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let red = 0;
    for (let i = 0; i < data.length; i += 3) if (data[i]! > 150 && data[i + 1]! < 90 && data[i + 2]! < 90) red++;
    expect(red).toBeGreaterThan(2000);
    // The same mark but for its density (another line or angle would change the count by itself).
    const dense = json(cli(white, '--site', 'okx.com', '--size', '0.02', '--density', '0.9', '--angle', '20', '--lang', 'ar', '--json', '--out', out())).report.watermark;
    expect(dense.tiles).toBeGreaterThan(w.tiles * 1.5);
  });

  it('every language gives its own default purpose line (zh-TW and pt-BR spelled the browser’s way)', () => {
    const r = cli(join(dir, 'photo.png'), join(dir, 'photo.png'), '--site', 'okx.com', '--lang', 'zh-TW', '--json', '--out', out());
    expect(JSON.parse(r.stdout.split('\n')[0]!).report.watermark.lines[0]).toBe(defaultPurpose('okx.com', 'zh_TW'));
    const pt = json(cli(join(dir, 'photo.png'), '--lang', 'pt-BR', '--json', '--out', out()));
    expect(pt.report.watermark.lines[0]).toBe(defaultPurpose('', 'pt_BR'));
  });

  it('tells errors in the chosen language; bad names are usage errors (exit 2), bad values invalid options', () => {
    const de = cli(join(dir, 'empty.jpg'), '--lang', 'de', '--out', out());
    expect(de.code).toBe(1);
    expect(de.stdout).toContain('Die Datei ist leer');
    const lang = cli(join(dir, 'photo.jpg'), '--lang', 'klingon', '--out', out());
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('--lang klingon');
    expect(cli(join(dir, 'photo.jpg'), '--preset', 'loud', '--out', out()).code).toBe(2);
    // Both bad values in one run (one browser): the core names each of them.
    const bad = cli(join(dir, 'photo.jpg'), '--opacity', '5', '--color', 'red', '--json', '--out', out());
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).error).toMatchObject({ code: 'invalid-options', message: expect.stringContaining('opacity') });
    expect(JSON.parse(bad.stdout).error.message).toContain('color');
  });
});

describe('npm run stamp --lang: every line a person reads is in that language', () => {
  // The words the result and MRZ lines used to print in English whatever --lang said.
  const ENGLISH = /\b(removed|nothing|expires|valid|pages?|machine-readable|reads|camera|location|thumbnail)\b/i;

  it.each(['ar', 'ja'] as const)(
    '--lang %s: a photo and a passport, result and MRZ lines from the tree',
    async (lang) => {
      const work = mkdtempSync(join(tmpdir(), 'idstamp-cli-words-'));
      writeFileSync(join(work, 'passport.png'), (await renderDocument('passport')).png);
      const r = cli(join(dir, 'photo.jpg'), join(work, 'passport.png'), '--lang', lang, '--out', join(work, 'out'));
      expect(r.code).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines.filter((l) => ENGLISH.test(l))).toEqual([]);
      const cli2 = readTree(lang).cli;
      const ui = readTree(lang).ui;
      // "removed:" as the tree says it, the photo's GPS location by the pages' own name.
      expect(r.stdout).toContain(cli2.result.split('{removed}')[0]!.split('{sizes}')[1]!.trim());
      expect(r.stdout).toContain(ui.kind_gps);
      const mrz = lines.find((l) => l.includes('MRZ TD3'));
      expect(mrz).toContain('ERIKSSON, ANNA MARIA · L898902C3');
      expect(mrz).toContain(cli2.mrz.split('{number}')[1]!.split('{expiry}')[0]!.trim());
      expect(mrz).toContain(cli2['expiry-valid']);
      expect(mrz).toContain(cli2['mrz-still-reads']);
    },
    120_000,
  );
});

describe('npm run stamp: the invisible trace (which copy leaked?)', () => {
  const work = mkdtempSync(join(tmpdir(), 'idstamp-cli-trace-'));
  const keyFile = join(work, 'keys', 'trace-key');
  const photo = join(dir, 'photo.jpg'); // 1200 × 800
  const identify = (...args: string[]) => {
    const r = cli('--identify', ...args, '--json');
    return {
      code: r.code,
      lines: r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, any>),
    };
  };

  it('a stamped copy carries the code, re-saved at q60 and shrunk to 0.6×; not with another key; the key file is 0600 and never printed', async () => {
    // A 2 MP phone photo of a passport on a table, the trace tests' own kind of picture.
    const scene = join(work, 'scene.jpg');
    writeFileSync(scene, await scenePhoto(SCENES[0]!, 2));
    const r = cli(scene, '--trace-key', keyFile, '--out', join(work, 'stamped'), '--json');
    expect(r.code).toBe(0);
    const line = JSON.parse(r.stdout) as Record<string, any>;
    const code = line.report.trace?.code ?? line.report.watermark.code;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8').trim();
    expect(key).toMatch(/^IDSTK-/);
    expect(r.stdout + r.stderr).not.toContain(key);

    const q60 = join(work, 'q60.jpg');
    const small = join(work, 'small.jpg');
    await sharp(line.output).jpeg({ quality: 60 }).toFile(q60);
    await sharp(line.output)
      .resize(Math.round(line.report.input.width * 0.6))
      .jpeg({ quality: 90 })
      .toFile(small);
    // The history finds the copy by its code (in the same run: one browser for both).
    const history = join(work, 'history.json');
    const entry = { at: '2026-12-01T10:00:00.000Z', site: 'okx.com', purpose: 'KYC', code, mode: 'stamp', type: 'image/jpeg', name: 'photo.jpg', sha256: '0'.repeat(64) };
    writeFileSync(history, JSON.stringify([entry], null, 2));
    const found = identify(q60, small, photo, '--trace-key', keyFile, '--history', history);
    expect(found.code).toBe(0);
    expect(found.lines.map((l) => l.trace)).toEqual([code, code, null]);
    expect(found.lines[1]!.match).toEqual([entry]);
    const human = cli('--identify', q60, '--trace-key', keyFile, '--lang', 'ja');
    expect(human.stdout).toContain(readTree('ja').cli['identify-found'].replace('{input}', q60).replace('{code}', code));
    expect(human.stdout + human.stderr).not.toContain(key);

    const other = identify(q60, '--trace-key', join(work, 'other-key'));
    expect(other.lines[0]).toMatchObject({ input: q60, trace: null });
    expect(readFileSync(join(work, 'other-key'), 'utf8').trim()).not.toBe(key);
  }, 180_000);

  // One identify run reads both copies: the --trace-only one carries its code, the --no-trace
  // one none. Both with the default key, made in the config folder.
  it('--trace-only: no visible mark (mean difference under 2 levels), and it identifies; --no-trace: a stamped copy without the trace', async () => {
    const r = cli(photo, '--trace-only', '--out', join(work, 'trace-only'), '--json');
    expect(r.code).toBe(0);
    const line = JSON.parse(r.stdout) as Record<string, any>;
    expect(line.report.mode).toBe('trace');
    const [a, b] = await Promise.all([photo, line.output].map((f) => sharp(f).removeAlpha().raw().toBuffer({ resolveWithObject: true })));
    expect([b!.info.width, b!.info.height]).toEqual([a!.info.width, a!.info.height]);
    let sum = 0;
    for (let i = 0; i < a!.data.length; i++) sum += Math.abs(a!.data[i]! - b!.data[i]!);
    expect(sum / a!.data.length).toBeLessThan(2);
    const none = cli(photo, '--no-trace', '--out', join(work, 'no-trace'), '--json');
    const untraced = JSON.parse(none.stdout) as Record<string, any>;
    expect(untraced.report.trace).toBeUndefined();
    const found = identify(line.output, untraced.output);
    expect(found.lines.map((l) => l.trace)).toEqual([line.report.trace.code, null]);
    expect(statSync(join(CONFIG, 'idstamp', 'trace-key')).mode & 0o777).toBe(0o600);
  }, 180_000);

  it('a picture too small for the trace is refused (no untraced copy), with the flag that stamps it anyway', async () => {
    const tiny = join(work, 'tiny.png');
    await sharp({ create: { width: 96, height: 64, channels: 3, background: '#e0e0e0' } })
      .png()
      .toFile(tiny);
    const refused = cli(tiny, '--lang', 'de', '--out', join(work, 'tiny-out'));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(readTree('de').cli['trace-failed-hint']);
    expect(existsSync(join(work, 'tiny-out', 'tiny.png'))).toBe(false);
    expect(cli(tiny, '--no-trace', '--out', join(work, 'tiny-out')).code).toBe(0);
  }, 120_000);
});
