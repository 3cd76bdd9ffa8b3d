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
import { formatMessage, type StampErrorCode } from '../src/core/errors.ts';
import type { Lang } from '../src/core/lang.ts';
import { message } from '../src/core/messages.ts';
import { MAX_INPUT_BYTES } from '../src/core/limits.ts';
import { PRESETS, type PresetName } from '../src/settings/schema.ts';
import { CHROME_BUILD, ROOT } from './chromium.ts';
import { defaultJobs, runBatch } from './batch.ts';
import { identifyFiles, type IdentifyLine } from './identify.ts';
import { cliError, humanLines, identifyLines, lineOf, type Line, type LineError } from './lines.ts';
import { defaultKeyPath, loadOrCreateKey } from './trace-key.ts';
import { CliSetupError } from './errors.ts';
import { commandLang, helpText, parseCommand, usageText, USAGE_EXIT, UsageError } from './usage.ts';

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values: v, files, lang, help, jobs, timeoutS } = parseCommand(argv, env);
  if (help) {
    console.log(helpText(lang, env));
    return 0;
  }
  // The key is read (or made) only when a copy will carry the trace or one is identified. A PDF
  // kept as text carries none (the trace lives in pixels): the core says so in its report, and
  // the photos of the same run are traced as usual.
  const traced = v.identify || v['trace-only'] || !(v['strip-only'] || v['no-trace']);
  const key = traced ? loadOrCreateKey(resolve(v['trace-key'] ?? defaultKeyPath(env))) : undefined;
  if (v.identify) return identifyAll(files, key!, v.history, v.json, lang, timeoutS * 1000);
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
    { options, mrz, jobs: jobs ?? defaultJobs(), timeoutMs: timeoutS * 1000, outDir, inputs: new Set(files.map((f) => resolve(f))) },
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
      throw new UsageError('usage-history-unreadable', { file: historyPath, detail: (e as Error).message });
    }
    if (!Array.isArray(history)) throw new UsageError('usage-history-not-list', { file: historyPath });
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

function print(l: Line, json: boolean, lang: Lang): void {
  if (json) console.log(JSON.stringify(l));
  else for (const text of humanLines(l, lang, kindLabels(lang))) console.log(text);
}

/** The pages' own names for kinds of metadata (ui section, kind_…) in `lang`; the code if one has none. */
function kindLabels(lang: Lang): (kind: string) => string {
  const ui = (JSON.parse(readFileSync(join(ROOT, 'src', 'locales', `${lang}.json`), 'utf8')) as { ui: Record<string, string> }).ui;
  return (k) => ui[`kind_${k.replaceAll('-', '_')}`] ?? k;
}

const argv = process.argv.slice(2);
main(argv, process.env).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      console.error(usageText(e, commandLang(argv, process.env)));
      process.exit(USAGE_EXIT);
    }
    if (e instanceof CliSetupError) {
      console.error(e.localized(commandLang(argv, process.env)));
      process.exit(2);
    }
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
