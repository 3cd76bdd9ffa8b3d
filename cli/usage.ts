// What the person typed, checked before any file is touched or any browser started: the options,
// the files, the language every later line is in, and --help. A mistake is a UsageError with a
// stable code (src/core/codes.ts) whose sentence, in the person's language (src/locales/<lang>.json
// → cli), says what went wrong and what to do; the CLI prints it and exits with USAGE_EXIT.
// Pure (no browser, no files): the unit lane tests it as it is.
import { parseArgs } from 'node:util';
import type { CliHelpCode, CliUsageCode } from '../src/core/codes.ts';
import { LANGS, matchLang, type Lang } from '../src/core/lang.ts';
import { message, purposeLine, type Params } from '../src/core/messages.ts';
import { PdfOptionsSchema, StampOptionsSchema } from '../src/core/options.ts';
import { PRESETS } from '../src/settings/schema.ts';
import { CliMessageError } from './errors.ts';
import { defaultKeyPath } from './trace-key.ts';

/**
 * Files stamped side by side at most (--jobs): each page holds one decoded picture while it
 * stamps (a 100 MP photo about 1 GB), and a batch holds at most two (issue 22). Two pages
 * already use both cores of a small machine: 5.8 files/s against 4.1 with one (bench).
 */
export const MAX_JOBS = 2;

/** Exit status of a command line that cannot be run (0: all done, 1: some files failed). */
export const USAGE_EXIT = 2;

export class UsageError extends CliMessageError<CliUsageCode> {
  override readonly name = 'UsageError';
}

interface Spec {
  type: 'string' | 'boolean';
  /** What follows the option, as --help and a missing value's message show it. */
  value?: string;
  short?: string;
  default?: string;
  /** The values it takes; anything else is a usage error. */
  choices?: readonly string[];
  /** A number, checked here for being one; its range is the core's (src/core/options.ts). */
  number?: true;
}

// One table for parsing, checking and --help, in the order --help lists them.
const OPTIONS = {
  purpose: { type: 'string', value: 'TEXT' },
  site: { type: 'string', value: 'NAME' },
  template: { type: 'string', value: 'TEXT' },
  'strip-only': { type: 'boolean' },
  'trace-only': { type: 'boolean' },
  'no-trace': { type: 'boolean' },
  'trace-key': { type: 'string', value: 'FILE' },
  identify: { type: 'boolean' },
  history: { type: 'string', value: 'FILE' },
  out: { type: 'string', value: 'DIR', default: 'stamped' },
  'max-bytes': { type: 'string', value: 'N', number: true },
  'max-dimension': { type: 'string', value: 'N', number: true },
  naming: { type: 'string', value: 'keep|suffix|neutral', default: 'keep', choices: StampOptionsSchema.shape.naming.unwrap().options },
  'pdf-mode': { type: 'string', value: 'MODE', default: 'flatten', choices: PdfOptionsSchema.shape.mode.unwrap().options },
  dpi: { type: 'string', value: 'N', number: true },
  to: { type: 'string', value: 'TYPE', default: 'same', choices: StampOptionsSchema.shape.output.unwrap().options },
  password: { type: 'string', value: 'TEXT|-' },
  preset: { type: 'string', value: 'NAME', default: 'kyc', choices: Object.keys(PRESETS) },
  opacity: { type: 'string', value: 'X', number: true },
  size: { type: 'string', value: 'X', number: true },
  density: { type: 'string', value: 'X', number: true },
  angle: { type: 'string', value: 'DEG', number: true },
  color: { type: 'string', value: '#RRGGBB' },
  lang: { type: 'string', value: 'LANG' },
  json: { type: 'boolean' },
  'no-mrz': { type: 'boolean' },
  jobs: { type: 'string', value: 'N' },
  timeout: { type: 'string', value: 'S', default: '150' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Record<string, Spec>;

type Name = keyof typeof OPTIONS;
type StringName = { [K in Name]: (typeof OPTIONS)[K]['type'] extends 'string' ? K : never }[Name];
type BooleanName = Exclude<Name, StringName>;
/** The options as given: strings (defaults filled in) and flags. */
export type Values = { [K in StringName]?: string } & { [K in BooleanName]: boolean };

export interface Command {
  values: Values;
  files: string[];
  lang: Lang;
  help: boolean;
  /** --jobs, when given (else the batch picks). */
  jobs?: number;
  timeoutS: number;
}

const spec = (name: string): Spec | undefined => (Object.hasOwn(OPTIONS, name) ? (OPTIONS as Record<string, Spec>)[name] : undefined);

/** The person's language from the environment (LC_ALL, then LC_MESSAGES, then LANG), else English. */
export function envLang(env: NodeJS.ProcessEnv): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => !!v?.trim());
  return (locale && matchLang(locale)) || 'en';
}

// Only names and types: defaults and checks are ours, so that each mistake gets our words.
const PARSE = Object.fromEntries(Object.entries(OPTIONS).map(([name, s]: [string, Spec]) => [name, { type: s.type, ...(s.short ? { short: s.short } : {}) }]));

function tokensOf(argv: string[]) {
  return parseArgs({ args: argv, options: PARSE, strict: false, allowPositionals: true, tokens: true }).tokens;
}

/** The last --lang given, when it names a language: else the environment's. */
export function commandLang(argv: string[], env: NodeJS.ProcessEnv): Lang {
  const given = tokensOf(argv).findLast((t) => t.kind === 'option' && t.name === 'lang');
  const value = given?.kind === 'option' ? given.value : undefined;
  return (value !== undefined && matchLang(value)) || envLang(env);
}

/** The command line read and checked; a UsageError for the first thing that cannot be run. */
export function parseCommand(argv: string[], env: NodeJS.ProcessEnv): Command {
  const lang = commandLang(argv, env);
  const given: Partial<Record<Name, string | true>> = {};
  const files: string[] = [];
  // Not strict: an unknown name parses as an option of its own, told below in our words.
  for (const t of tokensOf(argv)) {
    if (t.kind === 'positional') files.push(t.value);
    if (t.kind !== 'option') continue;
    const name = t.name;
    const s = spec(name);
    if (!s) throw new UsageError('usage-unknown-option', { option: t.rawName });
    given[name as Name] = s.type === 'boolean' ? flag(t.rawName, t.value) : valueOf(`--${name}`, s, t.value, t.inlineValue);
  }
  const values = Object.fromEntries((Object.entries(OPTIONS) as [Name, Spec][]).map(([name, s]) => [name, given[name] ?? (s.type === 'boolean' ? false : s.default)])) as Values;
  if (values.help) return { values, files, lang, help: true, timeoutS: 0 };
  if (files.length === 0) throw new UsageError('usage-no-files');
  if (values.lang !== undefined && !matchLang(values.lang)) throw new UsageError('usage-bad-choice', { option: '--lang', value: values.lang, choices: LANGS.join(', ') });
  for (const [name, s] of Object.entries(OPTIONS) as [Name, Spec][]) checkValue(name, s, values);
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= MAX_JOBS)) throw new UsageError('usage-whole-number', { option: '--jobs', value: values.jobs!, min: 1, max: MAX_JOBS });
  const timeoutS = Number(values.timeout);
  if (!(timeoutS > 0)) throw new UsageError('usage-seconds', { option: '--timeout', value: values.timeout! });
  checkTogether(values);
  return { values, files, lang, help: false, jobs, timeoutS };
}

/** A flag's value: none may be given (--json=yes is a mistake, not a yes). */
function flag(rawName: string, value: string | undefined): true {
  if (value !== undefined) throw new UsageError('usage-no-value', { option: rawName, value });
  return true;
}

/**
 * An option's value. `--out --json` is read as a forgotten value, not as a folder named
 * "--json"; a value that starts with one dash stays a value (--angle -30, --password -).
 */
function valueOf(option: string, s: Spec, value: string | undefined, inline: boolean | undefined): string {
  if (value === undefined || (!inline && value.startsWith('--'))) throw new UsageError('usage-missing-value', { option, value: s.value ?? '' });
  return value;
}

function checkValue(name: Name, s: Spec, values: Values): void {
  const value = (values as Record<string, unknown>)[name];
  if (typeof value !== 'string') return;
  if (s.choices && !s.choices.includes(value)) throw new UsageError('usage-bad-choice', { option: `--${name}`, value, choices: s.choices.join(', ') });
  if (s.number && (value.trim() === '' || !Number.isFinite(Number(value)))) throw new UsageError('usage-not-a-number', { option: `--${name}`, value });
}

/** Options that exclude or need one another. */
function checkTogether(v: Values): void {
  for (const other of ['strip-only', 'no-trace'] as const) if (v['trace-only'] && v[other]) throw new UsageError('usage-not-together', { option: '--trace-only', other: `--${other}` });
  // keep-text keeps a PDF's pages as they are, and a trace lives in pixels.
  if (v['trace-only'] && v['pdf-mode'] === 'keep-text') throw new UsageError('usage-trace-keep-text');
  if (v.history !== undefined && !v.identify) throw new UsageError('usage-only-with', { option: '--history', needs: '--identify' });
}

/** A usage error as printed: the sentence, then where every option is explained. */
export const usageText = (e: UsageError, lang: Lang): string => `${e.localized(lang)}\n${message('usage-see-help', lang)}`;

// --help's layout: option names in a column of their own, descriptions wrapped beside them.
const COLUMN = 24;
const WIDTH = 100;
// East Asian wide characters take two columns in a terminal, and a line may break between any two.
const WIDE = '\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6';
const PIECES = new RegExp(`\\s+|[${WIDE}]|[^\\s${WIDE}]+`, 'gu');
const IS_WIDE = new RegExp(`[${WIDE}]`, 'u');

/** Columns a text takes in a terminal. */
export const columns = (s: string): number => [...s].reduce((n, c) => n + (IS_WIDE.test(c) ? 2 : 1), 0);

/** `text` in lines of at most `max` columns, broken at spaces or between wide characters. */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const piece of text.match(PIECES) ?? []) {
    if (/^\s/.test(piece)) {
      if (line) line += ' ';
    } else if (line.trim() && columns(line + piece) > max) {
      lines.push(line.trimEnd());
      line = piece;
    } else line += piece;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** --help in `lang`: every sentence from the translation tree, option names as they are typed. */
export function helpText(lang: Lang, env: NodeJS.ProcessEnv = process.env): string {
  const params = { example: purposeLine('<site>', lang), fields: '{purpose} {site} {date} {code}', path: defaultKeyPath(env), langs: LANGS.join(' ') };
  const label = message('help-usage', lang);
  const out = [
    `${label} npm run stamp -- <files…> [options]`,
    `${' '.repeat(columns(label))} npm run stamp -- --identify <files…> [--history FILE] [--trace-key FILE] [--json]`,
    '',
    ...wrap(message('help-intro', lang), WIDTH),
    '',
    message('help-options', lang),
  ];
  for (const [name, s] of Object.entries(OPTIONS) as [Name, Spec][]) {
    const left = `  ${s.short ? `-${s.short}, ` : ''}--${name}${s.value ? ` ${s.value}` : ''}`;
    const text = wrap(message(`help-${name}` satisfies CliHelpCode, lang, params), WIDTH - COLUMN);
    const indent = ' '.repeat(COLUMN);
    if (left.length + 2 > COLUMN) out.push(left, ...text.map((l) => indent + l));
    else out.push(left.padEnd(COLUMN) + text[0], ...text.slice(1).map((l) => indent + l));
  }
  return out.join('\n');
}
