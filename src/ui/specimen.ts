// A specimen ID card stamped by the real pipeline: the welcome page's sample and the browser
// side of the settings' live preview (src/panel/look.ts). Also measures how much of the card's
// printed text contrast the mark leaves.
import type { Lang } from '../core/lang.ts';
import { lazyPart } from '../core/lazy.ts';
import { SAMPLE_SITE, type LookDeps } from '../panel/look.ts';
import type { StampFn } from '../panel/types.ts';
import type { Settings } from '../settings/schema.ts';
import { stampOptionsFor } from '../settings/to-options.ts';

/** Where the specimen prints its four data fields (the text a verifier must read). */
export const SPECIMEN_FIELDS = { x: 330, y: 160, w: 540, h: 200 };
export const SPECIMEN_SIZE = { width: 960, height: 620 };

/** A specimen ID card (no real data), as a phone would photograph it on a desk. */
export async function specimen(): Promise<File> {
  const c = new OffscreenCanvas(SPECIMEN_SIZE.width, SPECIMEN_SIZE.height);
  const g = c.getContext('2d')!;
  // A card is printed in English, left to right, whatever the interface: canvas text would
  // otherwise inherit the page's dir=rtl (Arabic: every line would end, not start, at its x) and
  // its language, which picks the generic `monospace` font (another MRZ face in Arabic): the
  // faces are named first.
  g.direction = 'ltr';

  g.fillStyle = '#9aa5b1';
  g.fillRect(0, 0, 960, 620);
  g.fillStyle = '#eef3f8';
  g.beginPath();
  g.roundRect(60, 50, 840, 520, 28);
  g.fill();
  g.fillStyle = '#1f4e8c';
  g.fillRect(60, 50, 840, 70);
  g.fillStyle = '#fff';
  g.font = '600 34px sans-serif';
  g.fillText('IDENTITY CARD · SPECIMEN', 90, 98);
  g.fillStyle = '#c5ccd6';
  g.fillRect(90, 150, 210, 260);
  g.fillStyle = '#1f2328';
  g.font = '26px sans-serif';
  ['SURNAME  SAMPLE', 'GIVEN NAMES  ALEX', 'BORN  01 01 1990', 'NUMBER  X0000000'].forEach((s, i) => g.fillText(s, 340, 190 + i * 52));
  g.font = '30px "Noto Sans Mono", "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace';
  g.fillText('IDXXXX0000000<<<<<<<<<<<<<<<', 90, 480);
  g.fillText('SAMPLE<<ALEX<<<<<<<<<<<<<<<<', 90, 525);
  const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
  return new File([blob], 'specimen.jpg', { type: 'image/jpeg' });
}

export interface StampedSpecimen {
  before: File;
  after: Blob;
}

/** Loaded when first stamped (tests import this module's figures without a browser). */
const pipeline = lazyPart(() => import('../core/pipeline.ts'));
const stamp: StampFn = async (file, options, env) => (await pipeline()).stamp(file, options, env);

/** The specimen stamped with these settings, as a fresh copy (the welcome page's sample). */
export async function stampSpecimen(settings: Settings, lang: Lang): Promise<StampedSpecimen> {
  const card = await specimen();
  const options = stampOptionsFor(settings, { site: SAMPLE_SITE, mode: 'stamp', lang, now: new Date() });
  const { file } = await (await pipeline()).stamp(card, options);
  return { before: card, after: file };
}

/**
 * The settings page's look preview (src/panel/look.ts) in the browser: the real pipeline, the
 * specimen at its own size, and the contrast measured on decoded pixels (the card's once).
 */
export function browserLookDeps(lang: Lang): LookDeps {
  let plain: Promise<ImageData> | undefined;
  return {
    stamp,
    randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
    lang,
    now: () => new Date(),
    card: specimen,
    size: SPECIMEN_SIZE.width,
    measure: async (card, stamped) => keptContrast(await (plain ??= pixelsOf(card)), await pixelsOf(stamped)),
  };
}

const luminance = (d: Uint8ClampedArray, i: number) => 0.2126 * d[i]! + 0.7152 * d[i + 1]! + 0.0722 * d[i + 2]!;

/**
 * Share of the printed text's contrast left against the mark: 1 when the mark's strokes are as
 * light as the paper, 0 when they are as dark as the ink (then OCR reads them as text).
 * Ink = pixels of the unstamped box darker than halfway between its darkest and lightest; the
 * paper's level is its median (2 px away from the ink's anti-aliased edges); the mark's level
 * is the 10th percentile of the paper pixels it darkened (its strokes' core, not their edges).
 */
export function keptContrast(plain: ImageData, stamped: ImageData, box = SPECIMEN_FIELDS): number {
  const { width } = plain;
  const lum = (img: ImageData, x: number, y: number) => luminance(img.data, (y * width + x) * 4);
  let lo = 255;
  let hi = 0;
  for (let y = box.y; y < box.y + box.h; y++)
    for (let x = box.x; x < box.x + box.w; x++) {
      const v = lum(plain, x, y);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  const mid = (lo + hi) / 2;
  const ink = (x: number, y: number) => lum(plain, x, y) < mid;
  const nearInk = (x: number, y: number) => {
    for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) if (ink(x + dx, y + dy)) return true;
    return false;
  };
  let inkSum = 0;
  let inkCount = 0;
  const paper: number[] = [];
  const marked: number[] = [];
  for (let y = box.y + 2; y < box.y + box.h - 2; y++)
    for (let x = box.x + 2; x < box.x + box.w - 2; x++) {
      if (ink(x, y)) {
        inkSum += lum(stamped, x, y);
        inkCount++;
      } else if (!nearInk(x, y)) {
        const before = lum(plain, x, y);
        const after = lum(stamped, x, y);
        paper.push(before);
        // Darkened beyond JPEG noise: the mark is there.
        if (before - after > 10) marked.push(after);
      }
    }
  const at = (a: number[], q: number) => a.sort((p, r) => p - r)[Math.floor(a.length * q)]!;
  if (!inkCount || !paper.length || !marked.length) return 1;
  const inkLevel = inkSum / inkCount;
  const paperLevel = at(paper, 0.5);
  const range = paperLevel - inkLevel;
  return range > 0 ? Math.max(0, Math.min(1, (at(marked, 0.1) - inkLevel) / range)) : 1;
}

/** A picture's pixels (the page decodes; the core is not involved). */
export async function pixelsOf(blob: Blob): Promise<ImageData> {
  const bitmap = await createImageBitmap(blob);
  const c = new OffscreenCanvas(bitmap.width, bitmap.height);
  const g = c.getContext('2d')!;
  g.drawImage(bitmap, 0, 0);
  bitmap.close();
  return g.getImageData(0, 0, c.width, c.height);
}
