// npm run stamp -- <files…> [--purpose "…"] [--site example.com] [--strip-only] [--out DIR]
//                            [--max-bytes N] [--max-dimension N] [--naming keep|neutral]
//                            [--pdf-mode flatten|keep-text] [--dpi N] [--to same|jpeg|png|webp|pdf]
//                            [--lang en|zh_CN] [--json] [--no-mrz]
// Runs the extension's own stamping page in headless Chromium; one output per input in DIR.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, parse, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { StampReport } from '../src/core/report.ts';
import { warningMessage } from '../src/core/warnings.ts';
import { CHROME_BUILD, ROOT, launchWithExtension, openStampPage, stampInPage } from './chromium.ts';

const HELP = `Usage: npm run stamp -- <files…> [options]

Watermarks and cleans pictures (JPEG, PNG, WebP; GIF/BMP come out as PNG) and PDFs on this machine.
  --purpose TEXT        purpose line (default: "Only for <site> identity verification")
  --site NAME           site or company the copy is for, e.g. okx.com
  --template TEXT       watermark template with {purpose} {site} {date} {code}; \\n = new line
  --strip-only          only remove metadata, losslessly; no watermark
  --out DIR             where to write the results (default: ./stamped)
  --max-bytes N         make each output at most N bytes (quality, then size)
  --max-dimension N     make the longest side at most N pixels
  --naming keep|neutral keep the file name (default) or use a neutral one
  --pdf-mode MODE       flatten (default): pages become pictures, the mark cannot be removed;
                        keep-text: text stays selectable, but a PDF editor can delete the mark
  --dpi N               resolution of flattened PDF pages (72-300, default 150)
  --to TYPE             same (default), jpeg, png, webp or pdf: convert for fields that accept
                        only one type (a PDF becomes its first page as a picture)
  --lang en|zh_CN       language of the default purpose and of messages
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
  error?: { code: string; message: string; message_zh_CN?: string };
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
      json: { type: 'boolean', default: false },
      'no-mrz': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (v.help || files.length === 0) {
    console.log(HELP);
    return v.help ? 0 : 2;
  }
  const options = {
    mode: v['strip-only'] ? 'strip' : 'stamp',
    naming: v.naming,
    output: v.to,
    pdf: { mode: v['pdf-mode'], ...(v.dpi ? { dpi: Number(v.dpi) } : {}) },
    lang: v.lang,
    maxBytes: v['max-bytes'] ? Number(v['max-bytes']) : undefined,
    maxDimension: v['max-dimension'] ? Number(v['max-dimension']) : undefined,
    watermark: {
      purpose: v.purpose ?? '',
      site: v.site ?? '',
      ...(v.template ? { template: v.template.replace(/\\n/g, '\n') } : {}),
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

  const browser = await launchWithExtension();
  let failed = 0;
  try {
    const page = await openStampPage(browser);
    for (const f of files) {
      const line: Line = { input: f };
      try {
        const bytes = readFileSync(f);
        line.bytesIn = bytes.length;
        // The MRZ is read before and after stamping (the mark lightened if the copy no longer reads).
        const r = v['no-mrz'] || v['strip-only'] ? await stampInPage(page, basename(f), bytes, options) : await stampWithMrzInPage(page, basename(f), bytes, options);
        if (!r.ok) {
          line.error = r.error;
        } else {
          const target = freePath(outDir, r.name, inputs, written);
          writeFileSync(target, Buffer.from(r.base64, 'base64'));
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
        const err = e as NodeJS.ErrnoException;
        line.error =
          err.code === 'ENOENT'
            ? { code: 'not-found', message: `File not found: ${f}. Check the path.`, message_zh_CN: `找不到文件：${f}。请检查路径。` }
            : { code: 'io', message: `Cannot read ${f}: ${err.message}` };
      }
      if (line.error) failed++;
      print(line, v.json!, v.lang === 'zh_CN');
    }
  } finally {
    await browser.close();
  }
  return failed > 0 ? 1 : 0;
}

/** Never overwrite an input or an earlier output of this run: add " (2)", " (3)"… */
function freePath(dir: string, name: string, inputs: Set<string>, written: Set<string>): string {
  const { name: stem, ext } = parse(name);
  for (let i = 1; ; i++) {
    const p = join(dir, i === 1 ? name : `${stem} (${i})${ext}`);
    if (!inputs.has(p) && !written.has(p)) return p;
  }
}

function print(l: Line, json: boolean, zh: boolean): void {
  if (json) {
    console.log(JSON.stringify(l));
    return;
  }
  const kb = (n?: number) => `${((n ?? 0) / 1024).toFixed(0)} KB`;
  if (l.error) {
    console.log(`✖ ${l.input}: ${(zh && l.error.message_zh_CN) || l.error.message}`);
    return;
  }
  const n = l.report?.output.pages;
  const pages = n ? `, ${n} ${n === 1 ? 'page' : 'pages'}` : '';
  console.log(
    `✔ ${l.input} → ${l.output} (${l.type?.toUpperCase()}${pages}, ${kb(l.bytesIn)} → ${kb(l.bytesOut)}, ` +
      `removed: ${l.removed?.join(', ') || 'nothing'}, ${l.ms} ms)`,
  );
  for (const w of l.report?.warnings ?? []) console.log(`  ! ${warningMessage(w, zh ? 'zh_CN' : 'en')}`);
  const m = l.report?.mrz;
  if (m?.fields)
    console.log(
      `  MRZ ${m.format}: ${m.fields.surname}, ${m.fields.givenNames} · ${m.fields.documentNumber} · expires ${m.fields.expiryDate ?? '?'} (${m.expiry})` +
        `${m.valid ? '' : ' · check digits fail: retake the photo'}${m.after ? (m.after.valid ? ' · stamped copy still machine-readable ✓' : ' · stamped copy no longer reads') : ''}`,
    );
}

function stampWithMrzInPage(page: Parameters<typeof stampInPage>[0], name: string, bytes: Uint8Array, options: unknown) {
  const base64 = Buffer.from(bytes).toString('base64');
  return page.evaluate(([n, b, o]) => window.idstamp!.stampBase64(n, b, o, true), [name, base64, options] as const);
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
