// The MRZ reader's test matrix, on the shared synthetic documents (tests/fixtures/documents.ts):
// TD3 passport, TD2 and TD1 cards; valid, expired, expiring in two weeks, and with a wrong check
// digit; flat scans and photos at a tilt on busy and dark backgrounds. The wrong check digit is
// painted over the rendered document here (the generator always computes correct ones).
import sharp from 'sharp';
import { mrzLines, photographDocument, renderDocument, rng, scanDocument, type DocKind, type FlatDocument, type MrzFields, type MrzFormat } from '../fixtures/documents.ts';

export type Validity = 'valid' | 'expired' | 'soon' | 'wrong-check';
export type Scene = 'flat' | 'busy' | 'dark';
export const KIND: Record<MrzFormat, DocKind> = { TD3: 'passport', TD2: 'td2', TD1: 'id-card' };

export interface Case {
  name: string;
  format: MrzFormat;
  validity: Validity;
  scene: Scene;
  /** The zone as printed. */
  lines: string[];
  fields: MrzFields;
  jpeg: Buffer;
}

/**
 * The day the cases are drawn for and read against. Fixed: their expiry dates (and so the check
 * digits and the pictures) follow from it, and a suite run on another day must read the same
 * pictures (with the day of the run, one case misread on one day and not the next).
 */
export const CASES_DAY = new Date('2026-11-29T12:00:00Z');

const yymmdd = (d: Date) => d.toISOString().slice(2, 10).replace(/-/g, '');

export function caseFields(format: MrzFormat, validity: Validity, i: number, today: Date): MrzFields {
  const r = rng(4000 + i * 101 + format.charCodeAt(2) * 7 + validity.length * 13);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000);
  const expiry = validity === 'expired' ? day(-30 - Math.floor(r() * 400)) : validity === 'soon' ? day(14) : day(200 + Math.floor(r() * 3000));
  const chars = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
  return {
    issuer: pick(['UTO', 'D<<', 'CHN', 'GBR', 'FRA', 'NLD']),
    surname: pick(['Eriksson', 'Obrien', 'Zhang', 'Mueller', 'Da Silva', 'Nguyen', 'Kowalski', 'Quintero']),
    givenNames: pick(['Anna Maria', 'Wei', 'Jose Luis', 'Oluwaseun', 'Hannah', 'Viktor Ivan', 'Xu']),
    number: Array.from({ length: 9 }, () => pick(chars.split(''))).join(''),
    nationality: pick(['UTO', 'CHN', 'GBR']),
    birth: `${60 + Math.floor(r() * 39)}0${1 + Math.floor(r() * 9)}${10 + Math.floor(r() * 18)}`,
    sex: r() < 0.5 ? 'M' : 'F',
    expiry: yymmdd(expiry),
    ...(format === 'TD1' ? { documentCode: 'ID' } : format === 'TD2' ? { documentCode: 'IR' } : {}),
  };
}

/** Paints another digit over the document number's check digit (line 2 of TD3/TD2, 1 of TD1). */
async function breakCheckDigit(doc: FlatDocument): Promise<{ doc: FlatDocument; lines: string[] }> {
  const mrz = doc.mrz!;
  const [row, col] = mrz.format === 'TD1' ? [0, 14] : [1, 9];
  const lines = [...mrz.lines];
  const old = lines[row]![col]!;
  const digit = String((Number(old) + 3) % 10);
  lines[row] = lines[row]!.slice(0, col) + digit + lines[row]!.slice(col + 1);
  // Geometry as the generator lays it out (mm): 2.54 mm pitch, OCR-B at 3.4 mm, cap top 0.78 em.
  const k = doc.pxPerMm;
  const left = mrz.box.x / k + 0.5;
  const capTop0 = mrz.box.y / k + 0.6;
  const b0 = capTop0 + 3.4 * 0.78;
  const bLast = mrz.box.h / k - 1.4 + capTop0;
  const baseline = b0 + ((bLast - b0) * row) / Math.max(1, lines.length - 1);
  const cx = left + 2.54 * (col + 0.5);
  const { data } = await sharp(doc.png)
    .extract({ left: Math.round((cx - 1.27) * k), top: Math.round((baseline + 0.4) * k), width: 2, height: 2 })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const paper = `rgb(${data[0]},${data[1]},${data[2]})`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${doc.width}" height="${doc.height}" viewBox="0 0 ${doc.width / k} ${doc.height / k}">
  <rect x="${cx - 1.2}" y="${baseline - 3}" width="2.4" height="3.4" fill="${paper}"/>
  <text x="${cx}" y="${baseline}" font-family="OCR B" font-size="3.4" fill="#111" text-anchor="middle">${digit}</text></svg>`;
  const png = await sharp(doc.png)
    .composite([{ input: Buffer.from(svg) }])
    .png()
    .toBuffer();
  return { doc: { ...doc, png, mrz: { ...mrz, lines } }, lines };
}

export async function makeCase(format: MrzFormat, validity: Validity, scene: Scene, i: number, today: Date): Promise<Case> {
  const fields = caseFields(format, validity, i, today);
  let doc = await renderDocument(KIND[format], fields, { pxPerMm: 12, code: null });
  let lines = mrzLines(format, fields);
  if (validity === 'wrong-check') ({ doc, lines } = await breakCheckDigit(doc));
  const r = rng(900 + i * 13 + format.charCodeAt(2) + validity.length);
  const jpeg =
    scene === 'flat'
      ? (await scanDocument(doc)).jpeg
      : (await photographDocument(doc, { seed: 77 + i * 31 + format.charCodeAt(2) + validity.length, angle: (r() < 0.5 ? -1 : 1) * (3 + r() * 9), perspective: 0.02, background: scene })).jpeg;
  return { name: `${format}-${validity}-${scene}-${i}`, format, validity, scene, lines, fields, jpeg };
}
