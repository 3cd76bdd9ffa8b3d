// The command line as typed: every mistake is a UsageError with a stable code, told in the
// person's language (--lang, else LC_ALL / LC_MESSAGES / LANG) as a sentence that says what to
// do; --help speaks that language too. (Before, --help and these errors were English only, and
// the errors were Node's own: "Unknown option '--outt'. To specify a positional argument…".)
import { describe, expect, it } from 'vitest';
import { commandLang, envLang, helpText, parseCommand, usageText, UsageError, wrap, columns } from '../../cli/usage.ts';
import { defaultJobs } from '../../cli/batch.ts';
import { LANGS } from '../../src/core/lang.ts';
import { readTree } from '../helpers/locales.ts';

const NO_ENV = {};

/** The UsageError `argv` is refused with. */
function refusal(argv: string[], env: NodeJS.ProcessEnv = NO_ENV): UsageError {
  try {
    parseCommand(argv, env);
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

// Each mistake, its code, and the sentence in English and in Chinese.
const MISTAKES: [string[], string, string, string][] = [
  [['a.jpg', '--outt', 'x'], 'usage-unknown-option', '--outt is not an option of this command', '--outt 不是此命令的选项'],
  [['-x', 'a.jpg'], 'usage-unknown-option', '-x is not an option of this command', '-x 不是此命令的选项'],
  [['a.jpg', '--out'], 'usage-missing-value', '--out needs a value: write it right after the option, as in --out DIR.', '--out 需要一个值'],
  [['a.jpg', '--out', '--json'], 'usage-missing-value', '--out needs a value', '例如 --out DIR'],
  [['a.jpg', '--json=yes'], 'usage-no-value', '--json takes no value ("yes" was given)', '--json 不接受值（给出了“yes”）'],
  [['a.jpg', '--opacity', 'half'], 'usage-not-a-number', '--opacity half is not a number', '--opacity half 不是数字'],
  [['a.jpg', '--max-bytes', ''], 'usage-not-a-number', '--max-bytes  is not a number', '不是数字'],
  [['a.jpg', '--to', 'gif'], 'usage-bad-choice', '--to gif is not one of its choices: use one of same, jpeg, png, webp, pdf.', '--to gif 不是可选值之一：请使用 same, jpeg, png, webp, pdf 之一。'],
  [['a.jpg', '--preset', 'loud'], 'usage-bad-choice', 'use one of kyc, strict', '请使用 kyc, strict 之一'],
  [['a.jpg', '--naming', 'weird'], 'usage-bad-choice', '--naming weird is not one of its choices', '--naming weird 不是可选值之一'],
  [['a.jpg', '--pdf-mode', 'ocr'], 'usage-bad-choice', 'use one of flatten, keep-text', '请使用 flatten, keep-text 之一'],
  [['a.jpg', '--lang', 'klingon'], 'usage-bad-choice', '--lang klingon is not one of its choices', '--lang klingon 不是可选值之一'],
  [['a.jpg', '--jobs', '0'], 'usage-whole-number', '--jobs 0 is not allowed: use a whole number from 1 to 2.', '请使用 1 到 2 之间的整数'],
  [['a.jpg', '--jobs', '2.5'], 'usage-whole-number', 'use a whole number from 1 to 2', '之间的整数'],
  // A batch holds at most two decoded pictures at once (issue 22): more pages are refused.
  [['a.jpg', '--jobs', '3'], 'usage-whole-number', '--jobs 3 is not allowed: use a whole number from 1 to 2.', '请使用 1 到 2 之间的整数'],
  [['a.jpg', '--timeout', '0'], 'usage-seconds', '--timeout 0 is not allowed: give a number of seconds above 0', '请给出大于 0 的秒数'],
  [[], 'usage-no-files', 'No files given: name the pictures or PDFs', '没有给出文件'],
  [['--json'], 'usage-no-files', 'No files given', '没有给出文件'],
  [['a.jpg', '--trace-only', '--strip-only'], 'usage-not-together', '--trace-only cannot be used together with --strip-only', '--trace-only 不能与 --strip-only 一起使用'],
  [['a.jpg', '--trace-only', '--no-trace'], 'usage-not-together', 'together with --no-trace', '不能与 --no-trace 一起使用'],
  [['a.pdf', '--trace-only', '--pdf-mode', 'keep-text'], 'usage-trace-keep-text', '--trace-only cannot be used with --pdf-mode keep-text', '--trace-only 不能与 --pdf-mode keep-text 一起使用'],
  [['a.jpg', '--history', 'h.json'], 'usage-only-with', '--history works only together with --identify: add --identify', '--history 只能与 --identify 一起使用'],
];

describe('CLI usage errors', () => {
  it.each(MISTAKES)('%j → %s, in English and Chinese', (argv, code, english, chinese) => {
    const e = refusal(argv);
    expect(e.code).toBe(code);
    expect(e.message).toContain(english);
    expect(usageText(e, 'en')).toContain(english);
    const zh = usageText(e, 'zh_CN');
    expect(zh).toContain(chinese);
    expect(zh).toContain('查看所有选项的说明：npm run stamp -- --help');
    expect(zh).not.toContain(english);
  });

  it('the language of an error: --lang, else LC_ALL, LC_MESSAGES, LANG in that order, else English', () => {
    expect(commandLang(['a.jpg', '--outt', '--lang', 'zh-CN'], NO_ENV)).toBe('zh_CN');
    expect(commandLang(['a.jpg', '--lang=ja'], { LANG: 'de_DE.UTF-8' })).toBe('ja');
    // A --lang that names no language is itself the mistake: it is told in the environment's.
    expect(commandLang(['a.jpg', '--lang', 'klingon'], { LANG: 'zh_CN.UTF-8' })).toBe('zh_CN');
    expect(usageText(refusal(['a.jpg', '--lang', 'klingon'], { LANG: 'zh_CN.UTF-8' }), commandLang(['a.jpg', '--lang', 'klingon'], { LANG: 'zh_CN.UTF-8' }))).toContain(
      '--lang klingon 不是可选值之一',
    );
    expect(envLang({ LC_ALL: 'zh_CN.UTF-8', LC_MESSAGES: 'ja_JP.UTF-8', LANG: 'de_DE.UTF-8' })).toBe('zh_CN');
    expect(envLang({ LC_ALL: '', LC_MESSAGES: 'ja_JP.UTF-8', LANG: 'de_DE.UTF-8' })).toBe('ja');
    expect(envLang({ LANG: 'pt_BR.UTF-8' })).toBe('pt_BR');
    expect(envLang({ LANG: 'C.UTF-8' })).toBe('en');
    expect(envLang({ LANG: 'POSIX' })).toBe('en');
    expect(envLang({})).toBe('en');
    expect(parseCommand(['a.jpg'], { LC_MESSAGES: 'zh_TW.UTF-8' }).lang).toBe('zh_TW');
  });

  it('a good command line: defaults filled in, values as typed, a value may start with one dash', () => {
    const c = parseCommand(['a.jpg', 'b.png', '--angle', '-30', '--password', '-', '--jobs', '2', '--json', '--', '--odd-name.jpg'], NO_ENV);
    expect(c.files).toEqual(['a.jpg', 'b.png', '--odd-name.jpg']);
    expect(c.values).toMatchObject({ angle: '-30', password: '-', json: true, out: 'stamped', naming: 'keep', to: 'same', preset: 'kyc', 'pdf-mode': 'flatten', 'strip-only': false });
    expect([c.jobs, c.timeoutS, c.lang, c.help]).toEqual([2, 150, 'en', false]);
  });

  it('--help (or -h) wins over anything else on the line', () => {
    expect(parseCommand(['--help'], NO_ENV).help).toBe(true);
    expect(parseCommand(['-h', '--to', 'gif'], NO_ENV).help).toBe(true);
  });
});

describe('CLI --help', () => {
  const english = readTree('en').cli;

  it('zh_CN: headings and every option’s line from the Chinese tree, none of the English sentences', () => {
    const help = helpText('zh_CN', { XDG_CONFIG_HOME: '/home/li/.config' });
    const zh = readTree('zh_CN').cli;
    expect(help).toMatch(/^用法： npm run stamp -- <files…> \[options\]/);
    expect(help).toContain('\n选项：\n');
    expect(help).toContain('只无损地清除元数据；不加水印，也不加追踪码');
    expect(help).toContain('默认：“仅用于<site>身份认证”');
    expect(help).toContain('/home/li/.config/idstamp/trace-key');
    for (const o of ['--purpose', '--strip-only', '--out DIR', '--naming keep|suffix|neutral', '--to TYPE', '--lang LANG', '-h, --help']) expect(help).toContain(o);
    for (const l of LANGS) expect(help).toContain(l);
    const englishHelp = Object.entries(english).filter(([k]) => k.startsWith('help-') && k !== 'help-options');
    // Compared without white space: a sentence may be wrapped over lines.
    const squash = (s: string) => s.replace(/\s+/g, '');
    const flat = squash(help);
    for (const [k] of englishHelp) expect(flat, k).toContain(squash(zh[k as keyof typeof zh].split('{')[0]!));
    expect(englishHelp.filter(([, text]) => flat.includes(squash(text.split('{')[0]!))).map(([k]) => k)).toEqual([]);
  });

  it('English: the usage line and the options, as before', () => {
    const help = helpText('en', NO_ENV);
    expect(help).toContain('Usage: npm run stamp -- <files…> [options]');
    expect(help).toContain('  --strip-only          only remove metadata, losslessly; no watermark and no trace');
  });

  it('lines fit 100 columns, Chinese counted as two columns a character', () => {
    for (const lang of ['en', 'zh_CN', 'ja', 'de'] as const) for (const line of helpText(lang, NO_ENV).split('\n').slice(2)) expect(columns(line), `${lang}: ${line}`).toBeLessThanOrEqual(100);
    expect(wrap('只无损地清除元数据；不加水印', 10)).toEqual(['只无损地清', '除元数据；', '不加水印']);
    expect(wrap('keep the file name', 9)).toEqual(['keep the', 'file name']);
  });
});

describe('CLI batch size', () => {
  it('a batch holds at most two decoded pictures: two pages on any machine, fewer when memory is short', () => {
    const GiB = 2 ** 30;
    expect(defaultJobs(8, 64 * GiB)).toBe(2);
    expect(defaultJobs(2, 64 * GiB)).toBe(2);
    expect(defaultJobs(1, 64 * GiB)).toBe(1);
    expect(defaultJobs(8, 2 * GiB)).toBe(1); // 1.5 GB a page
    expect(defaultJobs(8, 0)).toBe(1);
  });
});
