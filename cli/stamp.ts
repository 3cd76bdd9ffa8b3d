// npm run stamp -- <files…> [--purpose "…"] [--site example.com] [--strip-only] [--out DIR]
//                            [--max-bytes N] [--max-dimension N] [--naming keep|suffix|neutral]
//                            [--pdf-mode flatten|keep-text] [--dpi N] [--to same|jpeg|png|webp|pdf]
//                            [--preset kyc|strict] [--opacity X] [--size X] [--density X] [--angle DEG]
//                            [--color #RRGGBB] [--password TEXT|-] [--lang LANG] [--json] [--no-mrz]
//                            [--jobs N] [--timeout S] [--trace-key FILE] [--no-trace] [--trace-only]
//        npm run stamp -- --identify <files…> [--history FILE] [--trace-key FILE] [--json]
// Runs the extension's own stamping page in headless Chromium; one output per input in DIR, or
// an error that names its cause. Exit status: 0 all done, 1 some failed, 2 usage.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatMessage, type StampErrorCode } from '../src/core/errors.ts';
import { LANGS, matchLang, type Lang } from '../src/core/lang.ts';
import { message } from '../src/core/messages.ts';
import { MAX_INPUT_BYTES } from '../src/core/limits.ts';
import { PRESETS, type PresetName } from '../src/settings/schema.ts';
import { CHROME_BUILD, ROOT } from './chromium.ts';
import { defaultJobs, runBatch } from './batch.ts';
import { identifyFiles, type IdentifyLine } from './identify.ts';
import { cliError, humanLines, identifyLines, lineOf, type Line, type LineError } from './lines.ts';
import { defaultKeyPath, loadOrCreateKey } from './trace-key.ts';

const HELP = `Usage: npm run stamp -- <files…> [options]

Watermarks and cleans pictures and PDFs on this machine: JPEG, PNG, WebP; GIF/BMP come out as PNG;
HEIC/HEIF, AVIF and TIFF as JPEG (black-and-white scans as PNG, multi-page TIFF as a PDF).
  --purpose TEXT        purpose line (default: "Only for <site> identity verification")
  --site NAME           site or company the copy is for, e.g. okx.com
  --template TEXT       watermark template with {purpose} {site} {date} {code}; \\n = new line
  --strip-only          only remove metadata, losslessly; no watermark and no trace
  --trace-only          a clean copy with no visible mark, carrying only the invisible trace
  --no-trace            leave out the invisible trace (on by default in stamped copies)
  --trace-key FILE      your secret trace key (default: $XDG_CONFIG_HOME/idstamp/trace-key or
                        ~/.config/idstamp/trace-key, made on first use, readable only by you)
  --identify            read the invisible trace of the files instead (which copy leaked?)
  --history FILE        with --identify: an exported IDStamp history (JSON) to find the code in
  --out DIR             where to write the results (default: ./stamped)
  --max-bytes N         make each output at most N bytes (quality, then size)
  --max-dimension N     make the longest side at most N pixels
  --naming keep|suffix|neutral  keep the file name (default), add -stamped/-clean, or use a neutral one
  --pdf-mode MODE       flatten (default): pages become pictures, the mark cannot be removed;
                        keep-text: text stays selectable, but a PDF editor can delete the mark
                        (and no invisible trace: it lives in the pixels of flattened pages)
  --dpi N               resolution of flattened PDF pages (72-300, default 150)
  --to TYPE             same (default), jpeg, png, webp or pdf: convert for fields that accept
                        only one type (a PDF becomes its first page as a picture)
  --password TEXT       open PDFs protected with this password ("-": read it from standard
                        input); used for this run only, never stored or printed
  --preset NAME         kyc (default: light, data readable) or strict (denser, darker)
  --opacity X           opacity of the mark, 0.05-1 (kyc 0.3, strict 0.42)
  --size X              text height as a fraction of the shorter side, 0.01-0.2 (kyc 0.028)
  --density X           how close the copies are, 0 sparse - 1 dense (kyc 0.5)
  --angle DEG           angle in degrees, -90-90 (default -30: rising to the right)
  --color #RRGGBB       colour of the mark (default #6b7280)
  --lang LANG           language of the default purpose line and of every result line and
                        message (this help and option errors stay in English):
                        ${LANGS.join(' ')}
                        (zh-TW, pt-BR and the like are understood too)
  --json                print one JSON object per file (with what the document's MRZ says)
  --no-mrz              do not read passports' and ID cards' machine-readable zones
  --jobs N              files stamped side by side (default: one per core, at most 4,
                        fewer when memory is short)
  --timeout S           seconds one file may take before its page is closed (default 150)
  -h, --help            show this help`;

async function main(): Promise<number> {
  const { values: v, positionals: files } = parseArgs({
    allowPositionals: true,
    options: {
      purpose: { type: 'string' },
      site: { type: 'string' },
      template: { type: 'string' },
      'strip-only': { type: 'boolean', default: false },
      out: { type: 'string', default: 'stamped' },
      'max-bytes': { type: 'string' },
      'max-dimension': { type: 'string' },
      naming: { type: 'string', default: 'keep' },
      'pdf-mode': { type: 'string', default: 'flatten' },
      dpi: { type: 'string' },
      to: { type: 'string', default: 'same' },
      lang: { type: 'string', default: 'en' },
      preset: { type: 'string', default: 'kyc' },
      opacity: { type: 'string' },
      size: { type: 'string' },
      density: { type: 'string' },
      angle: { type: 'string' },
      color: { type: 'string' },
      password: { type: 'string' },
      json: { type: 'boolean', default: false },
      'no-mrz': { type: 'boolean', default: false },
      'trace-key': { type: 'string' },
      'no-trace': { type: 'boolean', default: false },
      'trace-only': { type: 'boolean', default: false },
      identify: { type: 'boolean', default: false },
      history: { type: 'string' },
      jobs: { type: 'string' },
      timeout: { type: 'string', default: '150' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (v.help || files.length === 0) {
    console.log(HELP);
    return v.help ? 0 : 2;
  }
  const lang = matchLang(v.lang!);
  if (!lang) return usage(`--lang ${v.lang}: not one of ${LANGS.join(', ')}`);
  if (!(v.preset! in PRESETS)) return usage(`--preset ${v.preset}: use kyc or strict`);
  const jobs = v.jobs === undefined ? defaultJobs() : Number(v.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 32) return usage(`--jobs ${v.jobs}: a whole number from 1 to 32`);
  const timeoutS = Number(v.timeout);
  if (!(timeoutS > 0)) return usage(`--timeout ${v.timeout}: a number of seconds above 0`);
  if (v['trace-only'] && (v['strip-only'] || v['no-trace'])) return usage(`--trace-only: not with --strip-only or --no-trace`);
  if (v.history !== undefined && !v.identify) return usage(`--history: only with --identify`);
  // The key is read (or made) only when a copy will carry the trace or one is identified.
  // keep-text keeps a PDF's pages as they are, and a trace lives in pixels: the core would
  // flatten the pages to carry it, against what was asked, so keep-text goes without one.
  const keepText = v['pdf-mode'] === 'keep-text';
  if (v['trace-only'] && keepText) return usage(`--trace-only: not with --pdf-mode keep-text (the trace lives in the pages' pixels)`);
  const traced = v.identify || v['trace-only'] || !(v['strip-only'] || v['no-trace'] || keepText);
  const key = traced ? loadOrCreateKey(resolve(v['trace-key'] ?? defaultKeyPath())) : undefined;
  if (v.identify) return identifyAll(files, key!, v.history, v.json!, lang, timeoutS * 1000);
  // The preset's look, then any setting given on its own (range checks: the core's schema).
  const look: Record<string, number | string> = { ...PRESETS[v.preset as PresetName] };
  for (const k of ['opacity', 'size', 'density', 'angle'] as const) if (v[k] !== undefined) look[k] = Number(v[k]);
  if (v.color !== undefined) look.color = v.color;
  const options = {
    mode: v['strip-only'] ? 'strip' : v['trace-only'] ? 'trace' : 'stamp',
    ...(key && !v['strip-only'] ? { trace: { key } } : {}),
    naming: v.naming,
    output: v.to,
    pdf: { mode: v['pdf-mode'], ...(v.dpi ? { dpi: Number(v.dpi) } : {}) },
    lang,
    ...(v.password !== undefined ? { password: v.password === '-' ? readStdinLine() : v.password } : {}),
    maxBytes: v['max-bytes'] ? Number(v['max-bytes']) : undefined,
    maxDimension: v['max-dimension'] ? Number(v['max-dimension']) : undefined,
    watermark: {
      purpose: v.purpose ?? '',
      site: v.site ?? '',
      ...(v.template ? { template: v.template.replace(/\\n/g, '\n') } : {}),
      ...look,
    },
  };

  ensureBuilt(lang);
  const outDir = resolve(v.out!);
  mkdirSync(outDir, { recursive: true });
  const lines: (Line | undefined)[] = files.map(() => undefined);
  const toStamp: number[] = [];
  const sizes = files.map((f, i) => {
    const problem = checkPath(f);
    if (problem) lines[i] = { input: f, error: problem };
    else toStamp.push(i);
    return problem ? 0 : statSync(f).size;
  });
  // Lines are printed in input order, each as soon as every earlier one is known.
  let printed = 0;
  const flush = () => {
    for (; printed < files.length && lines[printed]; printed++) print(lines[printed]!, v.json!, lang);
  };
  flush();
  const mrz = !v['no-mrz'] && !v['strip-only'];
  await runBatch(
    toStamp.map((i) => resolve(files[i]!)),
    { options, mrz, jobs, timeoutMs: timeoutS * 1000, outDir, inputs: new Set(files.map((f) => resolve(f))) },
    (k, r) => {
      const i = toStamp[k]!;
      lines[i] = lineOf(files[i]!, sizes[i]!, r);
      flush();
    },
  );
  return lines.some((l) => l?.error) ? 1 : 0;
}

/** The extension is built before its page is used. */
function ensureBuilt(lang: Lang): void {
  if (existsSync(join(CHROME_BUILD, 'manifest.json'))) return;
  console.error(message('building', lang));
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/** --identify: each file's trace (and history entries), a line per file in input order. */
async function identifyAll(files: string[], key: string, historyPath: string | undefined, json: boolean, lang: Lang, timeoutMs: number): Promise<number> {
  let history: unknown[] | undefined;
  if (historyPath !== undefined) {
    try {
      history = JSON.parse(readFileSync(historyPath, 'utf8')) as unknown[];
    } catch (e) {
      return usage(`--history ${historyPath}: ${(e as Error).message}`);
    }
    if (!Array.isArray(history)) return usage(`--history ${historyPath}: not an exported IDStamp history (a JSON list)`);
  }
  ensureBuilt(lang);
  const lines: (IdentifyLine | undefined)[] = files.map((f) => {
    const error = checkPath(f);
    return error ? { input: f, error } : undefined;
  });
  const todo = files.flatMap((f, i) => (lines[i] ? [] : [{ i, input: f, path: resolve(f), bytes: statSync(f).size }]));
  let printed = 0;
  const flush = () => {
    for (; printed < files.length && lines[printed]; printed++) {
      const l = lines[printed]!;
      if (json) console.log(JSON.stringify(l));
      else for (const text of identifyLines(l, lang, history !== undefined)) console.log(text);
    }
  };
  flush();
  await identifyFiles(todo, { key, history, timeoutMs }, (k, line) => {
    lines[todo[k]!.i] = line;
    flush();
  });
  return lines.some((l) => l?.error) ? 1 : 0;
}

/** The password from standard input (one line), so it stays out of the shell's history. */
function readStdinLine(): string {
  return readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '';
}

/** Missing files, folders and files over the limit are told apart before any browser work. */
function checkPath(f: string): LineError | undefined {
  let st;
  try {
    st = statSync(f);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return cliError('not-found', { file: f });
    return cliError('io', { file: f, detail: (e as Error).message });
  }
  if (st.isDirectory()) return cliError('is-folder', { file: f, example: join(f, '*') });
  if (st.size > MAX_INPUT_BYTES) {
    const params = { size: (st.size / 2 ** 20).toFixed(1), limit: (MAX_INPUT_BYTES / 2 ** 20).toFixed(1) };
    return { code: 'too-large-file', message: formatMessage('too-large-file', params, 'en'), message_zh_CN: formatMessage('too-large-file', params, 'zh_CN'), params };
  }
  return undefined;
}

function usage(message: string): number {
  console.error(`${message}\n\n${HELP}`);
  return 2;
}

function print(l: Line, json: boolean, lang: Lang): void {
  if (json) console.log(JSON.stringify(l));
  else for (const text of humanLines(l, lang, kindLabels(lang))) console.log(text);
}

/** The pages' own names for kinds of metadata (ui section, kind_…) in `lang`; the code if one has none. */
function kindLabels(lang: Lang): (kind: string) => string {
  const ui = (JSON.parse(readFileSync(join(ROOT, 'src', 'locales', `${lang}.json`), 'utf8')) as { ui: Record<string, string> }).ui;
  return (k) => ui[`kind_${k.replaceAll('-', '_')}`] ?? k;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
