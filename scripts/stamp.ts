// npm run stamp -- <files…> [--purpose "…"] [--site example.com] [--strip-only] [--out DIR]
//                            [--max-bytes N] [--max-dimension N] [--naming keep|suffix|neutral]
//                            [--pdf-mode flatten|keep-text] [--dpi N] [--to same|jpeg|png|webp|pdf]
//                            [--preset kyc|strict] [--opacity X] [--size X] [--density X] [--angle DEG]
//                            [--color #RRGGBB] [--password TEXT|-] [--lang LANG] [--json] [--no-mrz]
// Runs the extension's own stamping page in headless Chromium; one output per input in DIR.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, parse, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { formatMessage } from '../src/core/errors.ts';
import { LANGS, matchLang, type Lang } from '../src/core/lang.ts';
import type { CliErrorCode } from '../src/core/codes.ts';
import { message, type MessageCode } from '../src/core/messages.ts';
import { MAX_INPUT_BYTES } from '../src/core/limits.ts';
import type { StampReport } from '../src/core/report.ts';
import { warningMessage } from '../src/core/warnings.ts';
import { PRESETS, type PresetName } from '../src/settings/schema.ts';
import type { UrlResult } from '../src/ui/automation.ts';
import { CHROME_BUILD, ROOT, launchWithExtension, openStampPage, type ExtensionBrowser } from './chromium.ts';

const HELP = `Usage: npm run stamp -- <files…> [options]

Watermarks and cleans pictures and PDFs on this machine: JPEG, PNG, WebP; GIF/BMP come out as PNG;
HEIC/HEIF, AVIF and TIFF as JPEG (black-and-white scans as PNG, multi-page TIFF as a PDF).
  --purpose TEXT        purpose line (default: "Only for <site> identity verification")
  --site NAME           site or company the copy is for, e.g. okx.com
  --template TEXT       watermark template with {purpose} {site} {date} {code}; \\n = new line
  --strip-only          only remove metadata, losslessly; no watermark
  --out DIR             where to write the results (default: ./stamped)
  --max-bytes N         make each output at most N bytes (quality, then size)
  --max-dimension N     make the longest side at most N pixels
  --naming keep|suffix|neutral  keep the file name (default), add -stamped/-clean, or use a neutral one
  --pdf-mode MODE       flatten (default): pages become pictures, the mark cannot be removed;
                        keep-text: text stays selectable, but a PDF editor can delete the mark
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
  --lang LANG           language of the default purpose line and of messages:
                        ${LANGS.join(' ')}
                        (zh-TW, pt-BR and the like are understood too)
  --json                print one JSON object per file (with what the document's MRZ says)
  --no-mrz              do not read passports' and ID cards' machine-readable zones
  -h, --help            show this help`;

interface Line {
  input: string;
  output?: string;
  type?: string;
  bytesIn?: number;
  bytesOut?: number;
  removed?: string[];
  ms?: number;
  report?: StampReport;
  error?: { code: string; message: string; message_zh_CN?: string; params?: Record<string, string | number> };
}

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
  // The preset's look, then any setting given on its own (range checks: the core's schema).
  const look: Record<string, number | string> = { ...PRESETS[v.preset as PresetName] };
  for (const k of ['opacity', 'size', 'density', 'angle'] as const) if (v[k] !== undefined) look[k] = Number(v[k]);
  if (v.color !== undefined) look.color = v.color;
  const options = {
    mode: v['strip-only'] ? 'strip' : 'stamp',
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

  if (!existsSync(join(CHROME_BUILD, 'manifest.json'))) {
    console.error('Building the extension first (npx wxt build)…');
    execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const outDir = resolve(v.out!);
  mkdirSync(outDir, { recursive: true });
  const inputs = new Set(files.map((f) => resolve(f)));
  const written = new Set<string>();

  let browser: ExtensionBrowser | undefined;
  let page: Page | undefined;
  const timeoutMs = 120_000;
  let failed = 0;
  try {
    for (const f of files) {
      const line: Line = { input: f };
      const problem = checkPath(f);
      if (problem) line.error = problem;
      else {
        line.bytesIn = statSync(f).size;
        try {
          browser ??= await launchWithExtension();
          page ??= await openStampPage(browser);
          // The MRZ is read before and after stamping (the mark lightened if the copy no longer reads).
          const r = await stampFile(page, resolve(f), options, timeoutMs + 30_000, !v['no-mrz'] && !v['strip-only']);
          if (!r.ok) line.error = r.error;
          else {
            const target = freePath(outDir, r.name, inputs, written);
            await download(page, r.url, r.name, target);
            written.add(target);
            Object.assign(line, {
              output: target,
              type: r.report.input.kind,
              bytesOut: r.report.output.bytes,
              removed: r.report.removed,
              ms: Math.round(r.report.ms.total),
              report: r.report,
            });
          }
        } catch (e) {
          // The page (or the whole browser) died on this file, most likely out of memory, or
          // stopped answering: this file fails, the next ones get a fresh page.
          line.error = crashed(f, line.bytesIn, e);
          await page?.close().catch(() => undefined);
          page = undefined;
          if (!browser?.context.browser()?.isConnected() && browser) {
            await browser.close().catch(() => undefined);
            browser = undefined;
          }
        }
      }
      if (line.error) failed++;
      print(line, v.json!, lang);
    }
  } finally {
    await browser?.close();
  }
  return failed > 0 ? 1 : 0;
}

type LineError = NonNullable<Line['error']>;

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

function crashed(f: string, bytes: number | undefined, e: unknown): LineError {
  const detail = e instanceof Error ? e.message.split('\n')[0]! : String(e);
  // The browser's own words stay in the English message (for a bug report), not in translations.
  const error = cliError('browser-failed', { file: f, size: ((bytes ?? 0) / 2 ** 20).toFixed(1) });
  return { ...error, message: `${error.message} (${detail})` };
}

/** A CLI error as JSON carries it: English and Chinese messages, and the fields for other languages. */
function cliError(code: CliErrorCode, params: Record<string, string>): LineError {
  return { code, message: message(code, 'en', params), message_zh_CN: message(code, 'zh_CN', params), params };
}

/**
 * Hands the file to the page through a file field filled with its path (no bytes over the
 * DevTools protocol, so hundreds of MB work), and stamps it there.
 */
async function stampFile(page: Page, path: string, options: unknown, timeoutMs: number, mrz: boolean): Promise<UrlResult> {
  const input = await page.evaluateHandle(() => {
    const el = document.createElement('input');
    el.type = 'file';
    el.hidden = true;
    document.body.append(el);
    return el;
  });
  try {
    await input.setInputFiles(path);
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer after ${timeoutMs / 1000} s`)), timeoutMs)));
    try {
      return await Promise.race([input.evaluate((el, [o, m]) => window.idstamp!.stampToUrl(el.files![0]!, o, m), [options, mrz] as const), stalled]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await input.evaluate((el) => el.remove()).catch(() => undefined);
    await input.dispose().catch(() => undefined);
  }
}

/** The output leaves the page as a download (streamed to disk by the browser). */
async function download(page: Page, url: string, name: string, target: string): Promise<void> {
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.evaluate(([u, n]) => {
      const a = document.createElement('a');
      a.href = u;
      a.download = n;
      a.click();
    }, [url, name] as const),
  ]);
  await d.saveAs(target);
  await d.delete().catch(() => undefined);
  await page.evaluate((u) => URL.revokeObjectURL(u), url);
}

/** Never overwrite an input or an earlier output of this run: add " (2)", " (3)"… */
function freePath(dir: string, name: string, inputs: Set<string>, written: Set<string>): string {
  const { name: stem, ext } = parse(name);
  for (let i = 1; ; i++) {
    const p = join(dir, i === 1 ? name : `${stem} (${i})${ext}`);
    if (!inputs.has(p) && !written.has(p)) return p;
  }
}

function usage(message: string): number {
  console.error(`${message}\n\n${HELP}`);
  return 2;
}

/** An error in the chosen language, from its code and fields. */
function errorText(e: NonNullable<Line['error']>, lang: Lang): string {
  // The core's errors and the command line's own share one set of codes (src/core/codes.ts).
  if (e.params) return message(e.code as MessageCode, lang, e.params);
  return (lang === 'zh_CN' && e.message_zh_CN) || e.message;
}

function print(l: Line, json: boolean, lang: Lang): void {
  if (json) {
    console.log(JSON.stringify(l));
    return;
  }
  const kb = (n?: number) => `${((n ?? 0) / 1024).toFixed(0)} KB`;
  if (l.error) {
    console.log(`✖ ${l.input}: ${errorText(l.error, lang)}`);
    return;
  }
  const n = l.report?.output.pages;
  const pages = n ? `, ${n} ${n === 1 ? 'page' : 'pages'}` : '';
  console.log(
    `✔ ${l.input} → ${l.output} (${l.type?.toUpperCase()}${pages}, ${kb(l.bytesIn)} → ${kb(l.bytesOut)}, ` +
      `removed: ${l.removed?.join(', ') || 'nothing'}, ${l.ms} ms)`,
  );
  for (const w of l.report?.warnings ?? []) console.log(`  ! ${warningMessage(w, lang)}`);
  const m = l.report?.mrz;
  if (m?.fields)
    console.log(
      `  MRZ ${m.format}: ${m.fields.surname}, ${m.fields.givenNames} · ${m.fields.documentNumber} · expires ${m.fields.expiryDate ?? '?'} (${m.expiry})` +
        `${m.valid ? '' : ' · check digits fail: retake the photo'}${m.after ? (m.after.valid ? ' · stamped copy still machine-readable ✓' : ' · stamped copy no longer reads') : ''}`,
    );
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
