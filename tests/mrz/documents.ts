// Synthetic identity documents with a machine-readable zone for the MRZ reader's tests and
// bench: TD3 passport page (125 × 88 mm), TD2 (105 × 74 mm) and TD1 (85.6 × 54 mm) cards,
// printed in OCR-B, as flat scans and as photos at a tilt on busy or dark backgrounds.
// Deterministic (seeded); rendered with sharp.
import sharp from 'sharp';
import { composeMrz, type MrzFormat } from '../../src/core/mrz/parse.ts';

export interface DocSpec {
  format: MrzFormat;
  surname: string;
  givenNames: string;
  documentNumber: string;
  issuingState: string;
  birthDate: string;
  expiryDate: string;
  sex: 'M' | 'F';
  /** Break one check digit (the document number's). */
  wrongCheck?: boolean;
}

const SIZE: Record<MrzFormat, [number, number]> = { TD3: [125, 88], TD2: [105, 74], TD1: [85.6, 54] };
const PX = 10; // pixels per millimetre of the flat document

export function mrzLines(d: DocSpec): string[] {
  const lines = composeMrz({ ...d, documentCode: d.format === 'TD3' ? 'P' : 'ID' });
  if (d.wrongCheck) {
    // The document number's check digit: line 1 of TD1, line 2 of TD2/TD3.
    const [l, i] = d.format === 'TD1' ? [0, 14] : [1, 9];
    const s = lines[l]!;
    lines[l] = s.slice(0, i) + String((Number(s[i]) + 3) % 10) + s.slice(i + 1);
  }
  return lines;
}

const esc = (s: string) => s.replace(/</g, '&lt;');

/** The flat document as SVG: header, portrait, printed fields, and the MRZ in OCR-B. */
export function documentSvg(d: DocSpec): string {
  const [wmm, hmm] = SIZE[d.format];
  const w = Math.round(wmm * PX);
  const h = Math.round(hmm * PX);
  const lines = mrzLines(d);
  // ICAO: 2.54 mm pitch; OCR-B's advance is 0.7 em, its capitals 2.4 mm high.
  const font = 2.54 * PX / 0.7;
  const lineGap = d.format === 'TD1' ? 4.3 * PX : 4.6 * PX;
  const bottom = h - 5 * PX;
  const y0 = bottom - (lines.length - 1) * lineGap;
  const x0 = (w - lines[0]!.length * 2.54 * PX) / 2;
  const title = d.format === 'TD3' ? 'PASSPORT · PASSEPORT' : 'IDENTITY CARD';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
  <rect width="${w}" height="${h}" rx="${d.format === 'TD3' ? 8 : 30}" fill="#eef1e6"/>
  <rect width="${w}" height="${8 * PX}" fill="#7a1f2b"/>
  <text x="${4 * PX}" y="${5.6 * PX}" font-family="DejaVu Sans, sans-serif" font-size="${3.6 * PX}" font-weight="bold" fill="#fff">${d.issuingState} · ${title}</text>
  <rect x="${4 * PX}" y="${12 * PX}" width="${24 * PX}" height="${30 * PX}" fill="#c9ced6"/><circle cx="${16 * PX}" cy="${22 * PX}" r="${6 * PX}" fill="#8d95a3"/>
  <g font-family="DejaVu Sans, sans-serif" fill="#222">
  <text x="${32 * PX}" y="${15 * PX}" font-size="${2 * PX}" fill="#666">Surname / Nom</text><text x="${32 * PX}" y="${19 * PX}" font-size="${3.2 * PX}" font-weight="bold">${d.surname}</text>
  <text x="${32 * PX}" y="${23 * PX}" font-size="${2 * PX}" fill="#666">Given names / Prénoms</text><text x="${32 * PX}" y="${27 * PX}" font-size="${3.2 * PX}" font-weight="bold">${d.givenNames}</text>
  <text x="${32 * PX}" y="${31 * PX}" font-size="${2 * PX}" fill="#666">Date of expiry</text><text x="${32 * PX}" y="${35 * PX}" font-size="${3 * PX}">${d.expiryDate}</text></g>
  ${lines.map((l, i) => `<text x="${x0}" y="${y0 + i * lineGap}" font-family="OCR B" font-size="${font}" fill="#151515">${esc(l)}</text>`).join('\n  ')}
</svg>`;
}

const rng = (seed: number) => () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);

export type Scene = 'flat' | 'busy' | 'dark';

/** A flat scan (document on white), or a photo: tilted, on a busy or dark background, noisy. */
export async function documentImage(d: DocSpec, scene: Scene, seed: number, width = 2000, height = 1500): Promise<Buffer> {
  const doc = await sharp(Buffer.from(documentSvg(d))).png().toBuffer();
  if (scene === 'flat') return sharp(doc).flatten({ background: '#ffffff' }).extend({ top: 60, bottom: 60, left: 60, right: 60, background: '#ffffff' }).jpeg({ quality: 92 }).toBuffer();
  const r = rng(seed);
  const angle = (r() < 0.5 ? -1 : 1) * (4 + r() * 11);
  const docW = Math.round(width * (0.62 + r() * 0.16));
  const turned = await sharp(doc).resize(docW).rotate(angle, { background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer();
  const meta = await sharp(turned).metadata();
  let bg: string;
  if (scene === 'dark') bg = `<rect width="100%" height="100%" fill="hsl(${200 + r() * 40},20%,${6 + r() * 8}%)"/>`;
  else {
    // Busy: a patterned cloth with text-like stripes and blobs.
    const shapes: string[] = [];
    for (let i = 0; i < 90; i++) shapes.push(`<rect x="${r() * width}" y="${r() * height}" width="${20 + r() * 300}" height="${4 + r() * 40}" fill="hsl(${r() * 360},${40 + r() * 40}%,${25 + r() * 50}%)" transform="rotate(${r() * 180} ${r() * width} ${r() * height})"/>`);
    for (let i = 0; i < 30; i++) shapes.push(`<circle cx="${r() * width}" cy="${r() * height}" r="${10 + r() * 80}" fill="hsl(${r() * 360},50%,${30 + r() * 40}%)"/>`);
    bg = `<rect width="100%" height="100%" fill="hsl(${r() * 360},30%,55%)"/>${shapes.join('')}`;
  }
  const back = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${bg}</svg>`;
  const left = Math.round((width - meta.width!) * (0.2 + r() * 0.6));
  const top = Math.round((height - meta.height!) * (0.2 + r() * 0.6));
  const noise = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 5 + r() * 5 } } }).raw().toBuffer();
  return sharp(Buffer.from(back))
    .composite([
      { input: turned, left: Math.max(0, left), top: Math.max(0, top) },
      { input: noise, raw: { width, height, channels: 3 }, blend: 'overlay' },
    ])
    .modulate({ brightness: scene === 'dark' ? 0.8 + r() * 0.15 : 0.95 + r() * 0.1 })
    .jpeg({ quality: 88 })
    .toBuffer();
}

export type Validity = 'valid' | 'expired' | 'soon' | 'wrong-check';

/** One case of the matrix: a document whose expiry is relative to `today`. */
export function docCase(format: MrzFormat, validity: Validity, i: number, today: Date): DocSpec {
  const r = rng(4000 + i * 101 + format.charCodeAt(2) * 7);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const expiry = validity === 'expired' ? day(-30 - Math.floor(r() * 400)) : validity === 'soon' ? day(14) : day(200 + Math.floor(r() * 3000));
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const digits = '0123456789';
  const num = Array.from({ length: 9 }, (_, k) => (k < 2 ? pick(letters.split('')) : pick((letters + digits + digits).split('')))).join('');
  return {
    format,
    surname: pick(['ERIKSSON', 'OBRIEN', 'ZHANG', 'MUELLER', 'DA SILVA', 'NGUYEN', 'KOWALSKI', 'QUINTERO']),
    givenNames: pick(['ANNA MARIA', 'WEI', 'JOSE LUIS', 'OLUWASEUN', 'HANNAH', 'VIKTOR IVAN', 'XU']),
    documentNumber: num,
    issuingState: pick(['UTO', 'D<<', 'CHN', 'GBR', 'FRA', 'NLD']),
    birthDate: `19${60 + Math.floor(r() * 39)}-0${1 + Math.floor(r() * 9)}-${10 + Math.floor(r() * 18)}`,
    expiryDate: expiry,
    sex: r() < 0.5 ? 'M' : 'F',
    ...(validity === 'wrong-check' ? { wrongCheck: true } : {}),
  };
}
