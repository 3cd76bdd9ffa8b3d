// The mark measured on the project's own documents, next to two anchors re-drawn from their
// public parameters: Filigrane Facile (the French government's tool) and dxcweb's watermark.
// For each photographed document: OCR of the printed fields and of the MRZ (tesseract, after
// levelling the document as a provider does) relative to the unstamped photo, the share of the
// document's 40-px blocks that carry the mark, the share of the photo's 32-px blocks changed,
// and whether its 2D code still decodes (ZXing, WebAssembly, local file).
// Used by tests/quality/marks.test.ts (which asserts IDStamp's figures) and by tools/bench/bench.ts,
// in one line with its stamping page open:
//   console.log(formatMarks(await measureMarks(stampInBrowser(page))));
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { stampInPage } from '../harness/chromium.ts';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { levelDocument, photographDocument, renderDocument, type Background, type DocKind, type DocumentPhoto, type PhotoCase } from '../../tests/fixtures/documents.ts';

export type Marker = (name: string, jpeg: Buffer) => Promise<Buffer>;

export type MarkCase = PhotoCase;

/** Few but representative: each document type, each background, tilts from 6° to 15°. */
export const MARK_CASES: MarkCase[] = [
  { name: 'passport, busy, 9°', kind: 'passport', background: 'busy', angle: 9, seed: 20 },
  { name: 'ID card (QR), wood, −12°', kind: 'id-card', background: 'wood', angle: -12, seed: -1 },
  { name: 'TD2 (DataMatrix), dark, 15°', kind: 'td2', background: 'dark', angle: 15, seed: 26 },
  { name: 'licence (PDF417), light, 6°', kind: 'licence', background: 'light', angle: 6, seed: 17 },
];

export interface MarkRow {
  marker: string;
  case: string;
  /** OCR similarity of the fields and of the MRZ, stamped / unstamped. */
  fields: number;
  mrz?: number;
  /** Share of the document's 40-px blocks, and of the photo's 32-px blocks, that changed. */
  docBlocks: number;
  photoBlocks: number;
  /** The 2D code decodes to its text after marking (undefined: the document has none). */
  code?: boolean;
  /** Corner error of the document found by IDStamp (px), when the marker reports one. */
  cornerError?: number;
}

/**
 * Default settings without what changes per copy (±8 % spacing, ±0.04 opacity, the date and the
 * trace code: the default template with both fixed in their usual form), so runs compare.
 */
export const REPEATABLE = { jitter: false, template: '{purpose}\n2026-11-29 · 7KQ2-M9XD' } as const;

/** IDStamp at default settings, in the built extension's stamping page. */
export const stampInBrowser =
  (page: Page) =>
  async (name: string, jpeg: Buffer): Promise<{ jpeg: Buffer; document?: { x: number; y: number }[] }> => {
    const r = await stampInPage(page, name, jpeg, { watermark: REPEATABLE });
    if (!r.ok) throw new Error(r.error.message);
    return { jpeg: Buffer.from(r.base64, 'base64'), document: r.report.watermark?.document };
  };

// --- Anchors --------------------------------------------------------------------------------

const TEXT = 'Only for okx.com identity verification · 2026-11-29';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * Filigrane Facile: text about 28 px per 1240 px of width, opacity about 0.55, −25°, about ten
 * lines over the picture, over a blurred copy of itself (its public parameters; colour assumed
 * mid-grey).
 */
export const filigrane: Marker = async (_name, jpeg) => {
  const { width: w, height: h } = await sharp(jpeg).metadata();
  const font = (28 * w!) / 1240;
  const diag = Math.hypot(w!, h!);
  const lines = Array.from({ length: 10 }, (_, i) => {
    const y = -diag / 2 + ((i + 0.5) * diag) / 10;
    return `<text x="0" y="${y}" text-anchor="middle">${esc(Array(12).fill(TEXT).join('   '))}</text>`;
  }).join('');
  const group = `<g transform="translate(${w! / 2} ${h! / 2}) rotate(-25)" font-family="DejaVu Sans, sans-serif" font-size="${font}" fill="#505050">${lines}</g>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><filter id="b"><feGaussianBlur stdDeviation="${font * 0.12}"/></filter></defs><g opacity="0.55"><g filter="url(#b)">${group}</g>${group}</g></svg>`;
  return sharp(jpeg)
    .composite([{ input: Buffer.from(svg) }])
    .jpeg({ quality: 92 })
    .toBuffer();
};

/** dxcweb's watermark: 23 px text, opacity 0.4, one copy per 280 × 180 px tile, −15° (its defaults; black). */
export const dxcweb: Marker = async (_name, jpeg) => {
  const { width: w, height: h } = await sharp(jpeg).metadata();
  const tiles: string[] = [];
  for (let y = 0; y < h!; y += 180)
    for (let x = 0; x < w!; x += 280) tiles.push(`<text x="${x + 140}" y="${y + 90}" text-anchor="middle" transform="rotate(-15 ${x + 140} ${y + 90})">${esc(TEXT.slice(0, 24))}</text>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><g font-family="DejaVu Sans, sans-serif" font-size="23" fill="#000" opacity="0.4">${tiles.join('')}</g></svg>`;
  return sharp(jpeg)
    .composite([{ input: Buffer.from(svg) }])
    .jpeg({ quality: 92 })
    .toBuffer();
};

// --- Oracles --------------------------------------------------------------------------------

let zxingReady: Promise<unknown> | undefined;
function zxing(): Promise<unknown> {
  // The WebAssembly from the package's own folder: never fetched.
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  zxingReady ??= Promise.resolve(prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true }));
  return zxingReady;
}

export async function decodeCodes(png: Buffer): Promise<string[]> {
  await zxing();
  const found = await readBarcodes(new Uint8Array(png), { formats: ['QRCode', 'DataMatrix', 'PDF417', 'Aztec'], tryHarder: true, maxNumberOfSymbols: 4 });
  return found.filter((b) => b.isValid).map((b) => b.text);
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length]!;
}

/** 1 − edit distance ÷ the wanted length (0 at worst). */
export const similarity = (got: string, want: string) => Math.max(0, 1 - levenshtein(got, want) / Math.max(1, want.length));

function tesseract(png: Buffer, args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'idstamp-ocr-'));
  try {
    const file = join(dir, 'in.png');
    writeFileSync(file, png);
    return execFileSync('tesseract', [file, 'stdout', '-l', 'eng', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Rgb {
  data: Buffer;
  width: number;
  height: number;
}

const rgb = async (jpeg: Buffer): Promise<Rgb> => {
  const { data, info } = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};

const png = (r: Rgb) =>
  sharp(r.data, { raw: { width: r.width, height: r.height, channels: 3 } })
    .png()
    .toBuffer();

/** Share of n×n blocks in which at least 2 % of pixels moved by more than 60 (sum of |ΔRGB|). */
export function changedBlocks(a: Rgb, b: Rgb, n: number): number {
  let marked = 0;
  let all = 0;
  for (let by = 0; by + n <= a.height; by += n)
    for (let bx = 0; bx + n <= a.width; bx += n) {
      let moved = 0;
      for (let y = by; y < by + n; y++)
        for (let x = bx; x < bx + n; x++) {
          const i = (y * a.width + x) * 3;
          if (Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!) > 60) moved++;
        }
      all++;
      if (moved >= n * n * 0.02) marked++;
    }
  return marked / all;
}

/** The printed fields read by tesseract, one similarity per field (crops stacked in one call). */
async function readFields(level: Rgb, photo: DocumentPhoto): Promise<number> {
  const crops = await Promise.all(
    photo.doc.fields.map((f) =>
      sharp(level.data, { raw: { width: level.width, height: level.height, channels: 3 } })
        .extract({ left: f.box.x, top: f.box.y, width: Math.min(f.box.w, level.width - f.box.x), height: f.box.h })
        .extend({ top: 12, bottom: 12, left: 12, right: 12, background: '#ffffff' })
        .png()
        .toBuffer({ resolveWithObject: true }),
    ),
  );
  const width = Math.max(...crops.map((c) => c.info.width));
  const height = crops.reduce((s, c) => s + c.info.height, 0);
  let top = 0;
  const stacked = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite(crops.map((c) => ({ input: c.data, left: 0, top: (top += c.info.height) - c.info.height })))
    .png()
    .toBuffer();
  const lines = tesseract(stacked, ['--psm', '6'])
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const scores = photo.doc.fields.map((f) => Math.max(0, ...lines.map((l) => similarity(l, f.text))));
  return scores.reduce((s, x) => s + x, 0) / scores.length;
}

async function readMrz(level: Rgb, photo: DocumentPhoto): Promise<number | undefined> {
  const mrz = photo.doc.mrz;
  if (!mrz) return undefined;
  const crop = await sharp(level.data, { raw: { width: level.width, height: level.height, channels: 3 } })
    .extract({ left: mrz.box.x, top: mrz.box.y, width: Math.min(mrz.box.w, level.width - mrz.box.x), height: Math.min(mrz.box.h, level.height - mrz.box.y) })
    .extend({ top: 20, bottom: 20, left: 20, right: 20, background: '#ffffff' })
    .png()
    .toBuffer();
  const got = tesseract(crop, ['--psm', '6', '-c', 'tessedit_char_whitelist=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<'])
    .split('\n')
    .map((l) => l.replace(/\s/g, ''))
    .filter((l) => l.length > 10)
    .join('\n');
  return similarity(got, mrz.lines.join('\n'));
}

interface Reading {
  fields: number;
  mrz?: number;
  code?: boolean;
  level: Rgb;
  photo: Rgb;
}

async function read(jpeg: Buffer, photo: DocumentPhoto): Promise<Reading> {
  const pixels = await rgb(jpeg);
  const level = { data: levelDocument(pixels, photo.corners, photo.doc.width, photo.doc.height), width: photo.doc.width, height: photo.doc.height };
  const [fields, mrz] = [await readFields(level, photo), await readMrz(level, photo)];
  const want = photo.doc.codes[0]?.text;
  const code = want === undefined ? undefined : (await decodeCodes(await png(level))).includes(want);
  return { fields, mrz, code, level, photo: pixels };
}

export interface Measured {
  rows: MarkRow[];
  /** Blocks "changed" between the photo and its plain JPEG re-encode (the metric's noise floor). */
  floor: number;
}

/**
 * Every case through IDStamp (`stamp`: the browser path) and each anchor; `corners` reads the
 * outline IDStamp found from its output's report, for the corner error.
 */
export async function measureMarks(stamp: (name: string, jpeg: Buffer) => Promise<{ jpeg: Buffer; document?: { x: number; y: number }[] }>, cases = MARK_CASES): Promise<Measured> {
  const rows: MarkRow[] = [];
  let floor = 0;
  for (const c of cases) {
    const photo = await photographDocument(await renderDocument(c.kind), { seed: c.seed, angle: c.angle, background: c.background, perspective: 0.03 });
    const plain = await read(photo.jpeg, photo);
    const again = await rgb(await sharp(photo.jpeg).jpeg({ quality: 92 }).toBuffer());
    floor = Math.max(floor, changedBlocks(plain.photo, again, 32));
    const markers: [string, () => Promise<{ jpeg: Buffer; document?: { x: number; y: number }[] }>][] = [
      ['IDStamp', () => stamp(`${c.kind}.jpg`, photo.jpeg)],
      ['Filigrane Facile', async () => ({ jpeg: await filigrane(c.kind, photo.jpeg) })],
      ['dxcweb', async () => ({ jpeg: await dxcweb(c.kind, photo.jpeg) })],
    ];
    for (const [marker, mark] of markers) {
      const out = await mark();
      const r = await read(out.jpeg, photo);
      const cornerError = out.document?.length === 4 ? Math.max(...out.document.map((p, i) => Math.hypot(p.x - photo.corners[i]!.x, p.y - photo.corners[i]!.y))) : undefined;
      rows.push({
        marker,
        case: c.name,
        fields: r.fields / plain.fields,
        ...(plain.mrz !== undefined && r.mrz !== undefined ? { mrz: r.mrz / plain.mrz } : {}),
        docBlocks: changedBlocks(plain.level, r.level, 40),
        photoBlocks: changedBlocks(plain.photo, r.photo, 32),
        ...(r.code !== undefined ? { code: r.code } : {}),
        ...(cornerError !== undefined ? { cornerError } : {}),
      });
    }
  }
  return { rows, floor };
}

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

export function formatMarks(m: Measured): string {
  const head =
    '| marker | document photo | fields OCR (÷ unstamped) | MRZ OCR (÷ unstamped) | document 40-px blocks marked | photo 32-px blocks changed | 2D code decodes | outline found (max corner error) |';
  const rows = m.rows.map(
    (r) =>
      `| ${r.marker} | ${r.case} | ${r.fields.toFixed(3)} | ${r.mrz === undefined ? '–' : r.mrz.toFixed(3)} | ${pct(r.docBlocks)} | ${pct(r.photoBlocks)} | ${r.code === undefined ? '–' : r.code ? 'yes' : '**no**'} | ${r.cornerError === undefined ? '–' : `${r.cornerError.toFixed(1)} px`} |`,
  );
  return [head, '|---|---|---|---|---|---|---|---|', ...rows, '', `Noise floor (a plain JPEG re-encode, 32-px blocks changed): ${pct(m.floor)}.`].join('\n');
}
