// The MRZ reader against zones printed in other monospaced faces than OCR-B (older issuers,
// re-printed or photocopied pages): the same synthetic documents (tests/fixtures/documents.ts)
// with the zone set in each face, scanned flat or photographed at 6°, −6° and −12°, sharp or
// blurred. Read in Node by the reader's own code (it is pure) from the JPEG decoded at the
// worker's working size, as src/core/mrz/mrz.worker.ts does in the browser.
import sharp from 'sharp';
import { toGrey } from '../../src/core/raster/grey.ts';
import type { MrzFields as ReadFields } from '../../src/core/mrz/parse.ts';
import { readMrzGrey, type GreyRead } from '../../src/core/mrz/read-grey.ts';
import { photographDocument, renderDocument, scanDocument, type MrzFields } from '../fixtures/documents.ts';
import { CASES_DAY, KIND, caseFields } from './cases.ts';

/** Faces installed by scripts/setup.sh (fonts-ocr-b, fonts-dejavu, fonts-liberation, fonts-freefont-ttf, fonts-noto-mono). */
export const FACES = ['OCR B', 'DejaVu Sans Mono', 'Liberation Mono', 'FreeMono', 'Noto Mono'] as const;
export const ANGLES = [0, 6, -6, -12] as const;
export const BLURS = [0, 1.6] as const;
export const FORMATS = ['TD3', 'TD1'] as const;

/** The fields the reader reports, each compared with what is printed. */
export const FIELDS = ['surname', 'givenNames', 'issuingState', 'nationality', 'documentNumber', 'birthDate', 'expiryDate'] as const;
export type Field = (typeof FIELDS)[number];

export interface FaceCase {
  name: string;
  face: string;
  angle: number;
  blur: number;
  fields: MrzFields;
  jpeg: Buffer;
}

/** The tester's passport (ERIKSSON, ANNA MARIA, UTO) and drawn ones, as in tests/mrz/cases.ts. */
export function faceFields(format: (typeof FORMATS)[number], i: number): MrzFields {
  const f = caseFields(format, 'valid', 20 + i, CASES_DAY);
  return i === 0 ? { ...f, surname: 'Eriksson', givenNames: 'Anna Maria', issuer: 'UTO', nationality: 'UTO' } : f;
}

/**
 * One document in one face, at every angle and blur: rendered once, photographed once an
 * angle (the seed does not depend on the blur), and that photo blurred.
 */
export async function makeFaceCases(format: (typeof FORMATS)[number], i: number, face: string): Promise<FaceCase[]> {
  const fields = faceFields(format, i);
  const doc = await renderDocument(KIND[format], fields, { pxPerMm: 12, code: null, mrzFont: face });
  const cases: FaceCase[] = [];
  for (const angle of ANGLES) {
    const sharp0 = angle === 0 ? (await scanDocument(doc)).jpeg : (await photographDocument(doc, { seed: 300 + i * 17 + angle, angle, perspective: 0.02, background: 'wood' })).jpeg;
    for (const blur of BLURS) {
      const jpeg = blur ? await sharp(sharp0).blur(blur).jpeg({ quality: 90 }).toBuffer() : sharp0;
      cases.push({ name: `${format}-${i} ${face} ${angle}° blur ${blur}`, face, angle, blur, fields, jpeg });
    }
  }
  return cases;
}

/** Read as the worker does: decoded, at most READ_SIDE (2000) pixels on the long side. */
export async function readJpeg(jpeg: Buffer): Promise<GreyRead> {
  const m = await sharp(jpeg).metadata();
  const scale = Math.min(1, 2000 / Math.max(m.width!, m.height!));
  const { data, info } = await sharp(jpeg)
    .resize(Math.round(m.width! * scale), Math.round(m.height! * scale))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return readMrzGrey(toGrey({ data, width: info.width, height: info.height }), CASES_DAY);
}

const yymmdd = (iso?: string) => iso?.slice(2).replace(/-/g, '');
const name = (s: string) =>
  s
    .toUpperCase()
    .replace(/[^A-Z]+/g, ' ')
    .trim();

/** Is the reported field what is printed? */
export function fieldRight(read: ReadFields, printed: MrzFields, field: Field): boolean {
  switch (field) {
    case 'surname':
      return read.surname === name(printed.surname);
    case 'givenNames':
      return read.givenNames === name(printed.givenNames);
    case 'issuingState':
      return read.issuingState === printed.issuer.replace(/</g, '');
    case 'nationality':
      return read.nationality === printed.nationality.replace(/</g, '');
    case 'documentNumber':
      return read.documentNumber === printed.number;
    case 'birthDate':
      return yymmdd(read.birthDate) === printed.birth;
    case 'expiryDate':
      return yymmdd(read.expiryDate) === printed.expiry;
  }
}

export type Outcome = 'right' | 'uncertain' | 'wrong-certain' | 'missed';

/**
 * A field of a read: 'uncertain' when the reader says so (whatever its value), else right or
 * wrong-but-certain; 'missed' when no zone was read at all (nothing is claimed then).
 */
export function outcome(read: GreyRead, printed: MrzFields, field: Field): Outcome {
  if (!read.result) return 'missed';
  if ((read.uncertain ?? []).includes(field)) return 'uncertain';
  return fieldRight(read.result.fields, printed, field) ? 'right' : 'wrong-certain';
}
