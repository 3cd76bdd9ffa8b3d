// Synthetic identity documents "photographed" on a desk, with the ways real photos fail:
// blurred, dark, glare, cut off, too small; the project's passports, ID cards and licences
// photographed at a tilt, whole or running off the frame; and born-digital documents (a bank
// statement PDF, a vector form, a screenshot, a document exported as PNG), which a camera
// check must leave alone. Seeded, the cards' sensor grain too. Rendered with sharp and
// pdf-lib.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import sharp from 'sharp';
import { cachedFixtures } from '../fixtures/cache.ts';
import { grain } from '../fixtures/grain.ts';
import { photographDocument, renderDocument, type Background, type DocKind } from '../fixtures/documents.ts';
import { DEFAULT_PDF_FIXTURES_DIR, makePdfFixtures } from '../fixtures/make-pdf-fixtures.ts';
import { makeScreenshot } from '../fixtures/size-inputs.ts';

export const CARDS_VERSION = 5;
export const DEFAULT_CARDS_DIR = 'tests/fixtures/out/cards';
/** What the check should say: good or one problem. */
export type Verdict = 'good' | 'blur' | 'dark' | 'glare' | 'cut' | 'small';
/** What a file is: a photo (good or with a problem), or a born-digital document (the check should say good). */
export type CardClass = Verdict | 'digital';
export interface CardManifest {
  version: number;
  files: Record<string, { class: CardClass; seed: number }>;
}

/** The MRZ of the synthetic passport page (two lines of 44, as ICAO 9303 TD3). */
export const MRZ = ['P<UTOSAMPLE<<ALEX<JORDAN<<<<<<<<<<<<<<<<<<<<', 'X1234567<8UTO9001011M3412315<<<<<<<<<<<<<<04'];

const rng = (seed: number) => () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;

/** An ID-1 card (85.6 × 54 mm) at 10 px/mm: portrait, data, and an MRZ in a monospace font. */
export function cardSvg(): string {
  const mono = `font-family="DejaVu Sans Mono, Noto Sans Mono, monospace" font-size="33" letter-spacing="1"`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="856" height="540">
  <rect width="856" height="540" rx="30" fill="#f2efe4"/>
  <rect width="856" height="70" rx="30" fill="#1d4f91"/><rect y="40" width="856" height="30" fill="#1d4f91"/>
  <text x="30" y="48" font-family="DejaVu Sans, sans-serif" font-size="30" font-weight="bold" fill="#fff">REPUBLIC OF UTOPIA · IDENTITY CARD</text>
  <rect x="30" y="95" width="190" height="240" fill="#c9ced6"/><circle cx="125" cy="180" r="52" fill="#8d95a3"/><rect x="55" y="250" width="140" height="85" rx="60" fill="#8d95a3"/>
  <g font-family="DejaVu Sans, sans-serif" fill="#222"><text x="250" y="120" font-size="18" fill="#555">Surname</text><text x="250" y="150" font-size="30" font-weight="bold">SAMPLE</text>
  <text x="250" y="190" font-size="18" fill="#555">Given names</text><text x="250" y="220" font-size="30" font-weight="bold">ALEX JORDAN</text>
  <text x="250" y="260" font-size="18" fill="#555">Date of birth</text><text x="250" y="290" font-size="28">01 JAN 1990</text>
  <text x="560" y="260" font-size="18" fill="#555">Document no.</text><text x="560" y="290" font-size="28">X1234567</text></g>
  <rect x="0" y="395" width="856" height="145" fill="#ffffff" opacity="0.55"/>
  <text x="28" y="445" ${mono} fill="#111">${MRZ[0]!.replace(/</g, '&lt;')}</text>
  <text x="28" y="500" ${mono} fill="#111">${MRZ[1]!.replace(/</g, '&lt;')}</text>
</svg>`;
}

/** The card on a desk: scaled, turned a little, lit unevenly, with sensor noise. */
async function photograph(seed: number, width = 1600, height = 1200): Promise<Buffer> {
  const r = rng(seed);
  const angle = (r() - 0.5) * 12;
  const cardW = Math.round(width * (0.55 + r() * 0.15));
  const card = await sharp(Buffer.from(cardSvg()))
    .resize(cardW)
    .rotate(angle, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer();
  const meta = await sharp(card).metadata();
  const desk = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="d" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${25 + r() * 20},35%,${28 + r() * 12}%)"/><stop offset="1" stop-color="hsl(${20 + r() * 20},30%,${18 + r() * 10}%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#d)"/></svg>`;
  const left = Math.round((width - meta.width!) * (0.3 + r() * 0.4));
  const top = Math.round((height - meta.height!) * (0.3 + r() * 0.4));
  const noise = grain(128, width * height * 3, 6 + r() * 6, seed);
  return sharp(Buffer.from(desk))
    .composite([
      { input: card, left, top },
      { input: Buffer.from(noise.buffer), raw: { width, height, channels: 3 }, blend: 'overlay' },
    ])
    .modulate({ brightness: 0.95 + r() * 0.15 })
    .jpeg({ quality: 88 })
    .toBuffer();
}

async function variant(cls: Verdict, seed: number): Promise<Buffer> {
  const r = rng(seed * 7 + 3);
  const base = await photograph(seed);
  switch (cls) {
    case 'good':
      return base;
    case 'blur':
      return sharp(base)
        .blur(3 + r() * 4)
        .jpeg({ quality: 88 })
        .toBuffer();
    case 'dark':
      return sharp(base)
        .modulate({ brightness: 0.22 + r() * 0.15 })
        .jpeg({ quality: 88 })
        .toBuffer();
    case 'glare': {
      const cx = 500 + r() * 600;
      const cy = 450 + r() * 300;
      const rx = 130 + r() * 90;
      const glare = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200"><defs><radialGradient id="g"><stop offset="0.55" stop-color="#fff" stop-opacity="1"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs><ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${rx * 0.7}" fill="url(#g)"/></svg>`;
      return sharp(base)
        .composite([{ input: Buffer.from(glare) }])
        .jpeg({ quality: 88 })
        .toBuffer();
    }
    case 'cut': {
      // Too close: the card runs off two or more sides of the frame.
      const w = Math.round(1600 * (0.5 + r() * 0.1));
      const h = Math.round(w * 0.75);
      return sharp(base)
        .extract({ left: Math.round(400 + r() * 120), top: Math.round(330 + r() * 100), width: w, height: h })
        .resize(1600, 1200)
        .jpeg({ quality: 88 })
        .toBuffer();
    }
    case 'small':
      return sharp(base)
        .resize(560 + Math.round(r() * 120))
        .jpeg({ quality: 88 })
        .toBuffer();
  }
}

/**
 * A project document photographed at 5–15° with slight perspective: whole (every corner at
 * least 4 % of the frame inside it), or so close that a corner is outside the frame.
 */
async function tiltedPhoto(i: number, cut: boolean): Promise<Buffer> {
  const kinds: DocKind[] = ['passport', 'id-card', 'licence'];
  const backgrounds: Background[] = ['wood', 'dark', 'busy', 'light'];
  const angle = (i % 2 ? -1 : 1) * (5 + ((i * 7) % 11));
  const doc = await renderDocument(kinds[i % 3]!);
  for (let seed = 300 + i * 17 + (cut ? 1000 : 0); ; seed += 1) {
    const photo = await photographDocument(doc, {
      seed,
      angle,
      perspective: 0.03,
      background: backgrounds[Math.floor(i / 3) % 4]!,
      share: cut ? 1.02 + (i % 4) * 0.06 : 0.5 + (i % 4) * 0.04,
    });
    const m = Math.min(photo.width, photo.height) * 0.04;
    const whole = photo.corners.every((c) => c.x >= m && c.y >= m && c.x <= photo.width - m && c.y <= photo.height - m);
    const out = photo.corners.some((c) => c.x < 0 || c.y < 0 || c.x > photo.width || c.y > photo.height);
    if (cut ? out : whole) return photo.jpeg;
  }
}

/** A one-page born-digital form: ruled boxes and filled bars, no text (vector content only). */
async function vectorForm(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawRectangle({ x: 0, y: 772, width: 595, height: 70, color: rgb(0.05, 0.36, 0.68) });
  for (let k = 0; k < 14; k++) page.drawRectangle({ x: 50, y: 700 - k * 46, width: 495, height: 30, borderColor: rgb(0.55, 0.58, 0.64), borderWidth: 1 });
  for (let k = 0; k < 14; k++) page.drawRectangle({ x: 60, y: 710 - k * 46, width: 80 + ((k * 53) % 300), height: 10, color: rgb(0.78, 0.8, 0.83) });
  return doc.save();
}

export const CLASSES: Verdict[] = ['good', 'blur', 'dark', 'glare', 'cut', 'small'];
/** Rows of the confusion table: every verdict, and the born-digital documents. */
export const TRUTHS: CardClass[] = [...CLASSES, 'digital'];
const TILTED = { good: 12, cut: 6 };
const PER_CLASS = { good: 24, blur: 12, dark: 12, glare: 12, cut: 12, small: 12 } satisfies Record<Verdict, number>;

export function makeCards(dir = DEFAULT_CARDS_DIR): Promise<CardManifest> {
  return cachedFixtures(dir, CARDS_VERSION, async (stage) => {
    mkdirSync(stage, { recursive: true });
    type Entry = [string, CardManifest['files'][string]];
    const write = async (name: string, bytes: Promise<Buffer>, entry: Entry[1]): Promise<Entry> => {
      await sharp(await bytes).toFile(join(stage, name));
      return [name, entry];
    };
    // All at once: the cards are mostly sharp's work on its threads, the tilted photos mostly
    // JavaScript on this one (one after the other, this took ~45 s of CI's minute of set-up).
    const cards = CLASSES.flatMap((cls) =>
      Array.from({ length: PER_CLASS[cls] }, (_, i) => {
        const seed = 1000 + i * 37 + CLASSES.indexOf(cls) * 5000;
        return write(`${cls}-${String(i).padStart(2, '0')}.jpg`, variant(cls, seed), { class: cls, seed });
      }),
    );
    const tilted = (['good', 'cut'] as const).flatMap((cls) =>
      Array.from({ length: TILTED[cls] }, (_, i) => write(`tilted-${cls}-${String(i).padStart(2, '0')}.jpg`, tiltedPhoto(i, cls === 'cut'), { class: cls, seed: i })),
    );
    // Born-digital: the fixtures' 20-page bank statement (text, table rules, a small logo JPEG),
    // a vector-only form, an app screenshot and a passport page exported as PNG.
    const digital = (async (): Promise<Entry[]> => {
      await makePdfFixtures();
      copyFileSync(join(DEFAULT_PDF_FIXTURES_DIR, 'statement.pdf'), join(stage, 'digital-statement.pdf'));
      writeFileSync(join(stage, 'digital-form.pdf'), await vectorForm());
      await makeScreenshot(join(stage, 'digital-screenshot.png'), 2340, 1080);
      await sharp((await renderDocument('passport')).png)
        .png()
        .toFile(join(stage, 'digital-passport.png'));
      return ['digital-statement.pdf', 'digital-form.pdf', 'digital-screenshot.png', 'digital-passport.png'].map((name, k) => [name, { class: 'digital', seed: k }]);
    })();
    // The manifest lists them in the same order whatever finished first.
    const [c, t, d] = await Promise.all([Promise.all(cards), Promise.all(tilted), digital]);
    const files = Object.fromEntries([...c, ...t, ...d]);
    return { version: CARDS_VERSION, files };
  });
}
