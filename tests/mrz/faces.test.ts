// The reader says only what it is sure of: zones printed in OCR-B and in four other monospaced
// faces (tests/mrz/faces.ts), flat and photographed at 6°, −6° and −12°, sharp and blurred. No
// name, state, nationality, number or date may be reported as certain unless it is what is
// printed; fields the reader is unsure of are counted as such. Prints the table per face.
// Node only: the reader is pure (the browser path is tests/mrz/read.test.ts). MRZ_FACE_CASES=2
// doubles the documents (the figures in the README); MRZ_FACES picks faces.
import { beforeAll, describe, expect, it } from 'vitest';
import { ANGLES, BLURS, FACES, FIELDS, FORMATS, makeFaceCases, outcome, readJpeg, type FaceCase, type Field, type Outcome } from './faces.ts';
import type { GreyRead } from '../../src/core/mrz/read-grey.ts';

const PER = Number(process.env.MRZ_FACE_CASES ?? 1);
/** MRZ_FACES="Noto Mono,FreeMono": some faces only (a quicker run). */
const faces = process.env.MRZ_FACES?.split(',') ?? FACES;
const rows: { c: FaceCase; read: GreyRead; outcomes: Record<Field, Outcome> }[] = [];

beforeAll(async () => {
  for (const face of faces)
    for (const format of FORMATS)
      for (let i = 0; i < PER; i++)
        for (const c of await makeFaceCases(format, i, face)) {
          const read = await readJpeg(c.jpeg);
          const outcomes = Object.fromEntries(FIELDS.map((f) => [f, outcome(read, c.fields, f)])) as Record<Field, Outcome>;
          rows.push({ c, read, outcomes });
        }
}, 3_600_000);

const count = (face: string, o: Outcome) => rows.filter((r) => r.c.face === face).reduce((n, r) => n + FIELDS.filter((f) => r.outcomes[f] === o).length, 0);

describe('MRZ fields in five monospaced faces, flat and tilted, sharp and blurred', () => {
  it('prints the table', () => {
    const head = `${'face'.padEnd(18)}${['documents', 'right', 'uncertain', 'wrong-but-certain', 'zone not read'].map((s) => s.padStart(18)).join('')}`;
    const lines = faces.map((face) => {
      const docs = rows.filter((r) => r.c.face === face).length;
      const fields = docs * FIELDS.length;
      const cell = (o: Outcome) => `${count(face, o)}/${fields}`.padStart(18);
      return `${face.padEnd(18)}${String(docs).padStart(18)}${cell('right')}${cell('uncertain')}${cell('wrong-certain')}${cell('missed')}`;
    });
    console.log(`\nMRZ fields by face (${FIELDS.join(', ')}; ${ANGLES.join('°/')}°, blur ${BLURS.join('/')})\n${head}\n${lines.join('\n')}`);
  });

  it('never reports a field it read wrong as certain', () => {
    const wrong = rows.flatMap((r) => FIELDS.filter((f) => r.outcomes[f] === 'wrong-certain').map((f) => `${r.c.name}: ${f} = ${String(r.read.result!.fields[f])} (valid ${r.read.result!.valid})`));
    expect(wrong).toEqual([]);
  });

  it('reads the tester’s passport (ERIKSSON, ANNA MARIA, UTO) right, says it is unsure, or finds no zone, in every face at 6°', () => {
    for (const r of rows.filter((r) => r.c.name.startsWith('TD3-0') && r.c.angle === 6))
      for (const f of ['surname', 'givenNames', 'issuingState'] as const) expect(['right', 'uncertain', 'missed'], `${r.c.name} ${f}`).toContain(r.outcomes[f]);
  });

  it('in OCR-B, reads every field right, and is sure of at least 95 % of them', () => {
    const fields = rows.filter((r) => r.c.face === 'OCR B').length * FIELDS.length;
    expect(count('OCR B', 'right') + count('OCR B', 'uncertain')).toBe(fields);
    expect(count('OCR B', 'right')).toBeGreaterThanOrEqual(0.95 * fields);
  });
});
