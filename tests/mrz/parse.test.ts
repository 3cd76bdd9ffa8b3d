// ICAO 9303 parsing and check digits (the specification's own examples), expiry status, the
// stamp-and-check step's decisions, and the reader itself on the shared synthetic documents.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { clearNameTail, readMrzGrey } from '../../src/core/mrz/read-grey.ts';
import { checkDigit, expiryStatus, parseMrz } from '../../src/core/mrz/parse.ts';
import { stampKeepingMrz } from '../../src/core/mrz/stamped.ts';
import type { MrzReading } from '../../src/core/mrz/read.ts';
import { checkDigit as generatorCheckDigit } from '../fixtures/documents.ts';
import { CASES_DAY, makeCase } from './cases.ts';

// ICAO Doc 9303 part 4 (TD3), part 5 (TD1), part 6 (TD2) specimen zones.
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];

describe('ICAO 9303 check digits and parsing', () => {
  it('computes check digits as the specification (and the shared generator) do', () => {
    expect(checkDigit('L898902C3')).toBe(6);
    expect(checkDigit('740812')).toBe(2);
    expect(checkDigit('120415')).toBe(9);
    for (const s of ['D23145890', 'ZE184226B<<<<<', 'AB<<12', '000000']) expect(String(checkDigit(s))).toBe(generatorCheckDigit(s));
  });

  it('parses the specimens of TD3, TD1 and TD2 with every check passing', () => {
    const today = new Date('2026-11-29');
    for (const [lines, format] of [
      [TD3, 'TD3'],
      [TD1, 'TD1'],
      [TD2, 'TD2'],
    ] as const) {
      const r = parseMrz([...lines], today)!;
      expect(r.valid, format).toBe(true);
      expect(r.fields).toMatchObject({ format, issuingState: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', birthDate: '1974-08-12', expiryDate: '2012-04-15', sex: 'F' });
    }
    expect(parseMrz(TD3)!.fields.documentNumber).toBe('L898902C3');
    expect(parseMrz(TD1)!.fields.documentNumber).toBe('D23145890');
  });

  it('names the field whose check digit fails', () => {
    const bad = [TD3[0]!, TD3[1]!.slice(0, 9) + '7' + TD3[1]!.slice(10)];
    const r = parseMrz(bad)!;
    expect(r.valid).toBe(false);
    expect(r.checks.filter((c) => !c.ok).map((c) => c.field)).toEqual(['documentNumber', 'composite']);
    expect(parseMrz([TD3[0]!, TD3[1]!.replace('7408122', '7408123')])!.checks.find((c) => c.field === 'birthDate')!.ok).toBe(false);
  });

  it('refuses lines of an unknown shape or with foreign characters', () => {
    expect(parseMrz([TD3[0]!.slice(1), TD3[1]!])).toBeUndefined();
    expect(parseMrz([TD3[0]!.replace('E', 'e'), TD3[1]!])).toBeUndefined();
  });

  it('tells expired, expiring within a month, and valid apart', () => {
    const today = new Date('2026-11-29T10:00:00Z');
    expect(expiryStatus('2026-11-28', today)).toBe('expired');
    expect(expiryStatus('2026-11-29', today)).toBe('soon');
    expect(expiryStatus('2026-12-13', today)).toBe('soon');
    expect(expiryStatus('2026-12-29', today)).toBe('soon');
    expect(expiryStatus('2026-12-30', today)).toBe('valid');
    expect(expiryStatus(undefined, today)).toBe('unknown');
  });
});

describe('name fillers', () => {
  const pad = (s: string, n: number) => s + '<'.repeat(n - s.length);
  it('turns letters read among the fillers after a name back into fillers (a mark or the background there)', () => {
    const line2 = pad('X1234567<8UTO9001011M3412315', 44);
    expect(clearNameTail([pad('P<UTOMUELLER<<ANNA<MARIA<<<<C<OC', 44), line2], 'TD3')).toEqual([pad('P<UTOMUELLER<<ANNA<MARIA', 44), line2]);
    expect(clearNameTail([pad('IRUTOMUELLER<<<<<<C', 36), pad('X', 36)], 'TD2')[0]).toBe(pad('IRUTOMUELLER', 36));
    const td1 = [pad('IDUTOD23145890', 30), pad('9001011M3112319UTO', 30), pad('SAMPLE<<ALEX<JORDAN<<<<<Q', 30)];
    expect(clearNameTail(td1, 'TD1')).toEqual([td1[0], td1[1], pad('SAMPLE<<ALEX<JORDAN', 30)]);
  });

  it('leaves names alone, and the fillers of a state code such as D<< before the name', () => {
    for (const line of [pad('P<D<<MUELLER<<ANNA<MARIA', 44), pad('P<UTOO<BRIEN<<J<R<R', 44), 'P<UTOVERYLONGSURNAMEWHICHISCUT<<ANNA<MARIAXY']) expect(clearNameTail([line, ''], 'TD3')[0]).toBe(line);
  });
});

describe('stamp and check', () => {
  const reading = (valid: boolean, givenNames = 'ANNA MARIA'): MrzReading => ({
    found: true,
    valid,
    fields: { ...parseMrz([...TD3])!.fields, givenNames },
    failed: valid ? [] : ['composite'],
    uncertain: valid ? [] : ['documentNumber', 'birthDate', 'expiryDate'],
    expiry: 'valid',
    ms: { read: 0, total: 0 },
  });
  const nothing: MrzReading = { found: false, valid: false, failed: [], uncertain: [], expiry: 'unknown', ms: { read: 0, total: 0 } };
  const file = Object.assign(new Blob(['x']), { name: 'p.jpg' });
  const fakeStamp = (opacities: number[]) => async (_f: Blob, o: { watermark?: { opacity?: number } }) => {
    opacities.push(o.watermark?.opacity ?? 0.3);
    return { file: new File([String(o.watermark?.opacity)], 'p.jpg'), report: {} as never };
  };

  it('lightens the mark and stamps again when the copy no longer reads but the original did', async () => {
    const opacities: number[] = [];
    // The copy reads only once the mark is at most 0.1 opaque.
    const read = async (f: Blob) => reading(f instanceof File ? Number(await f.text()) <= 0.1 : true);
    const r = await stampKeepingMrz(file, { mode: 'stamp', watermark: { opacity: 0.4 } }, fakeStamp(opacities), read);
    expect(opacities).toEqual([0.4, 0.2, 0.1]);
    expect(r.mrz).toMatchObject({ restamped: true, after: { valid: true } });
  });

  it('stamps once when the copy still reads, or when the original did not read', async () => {
    for (const originalReads of [true, false]) {
      const opacities: number[] = [];
      const r = await stampKeepingMrz(file, { mode: 'stamp', watermark: { opacity: 0.4 } }, fakeStamp(opacities), async (f) =>
        f instanceof File ? reading(true) : originalReads ? reading(true) : nothing,
      );
      expect(opacities).toEqual([0.4]);
      expect(r.mrz.restamped).toBe(false);
    }
  });

  it('stamps again when the copy passes its check digits but reads another name (names have none)', async () => {
    const opacities: number[] = [];
    // Under a mark above 0.1, the name's fillers read as letters.
    const read = async (f: Blob) => (f instanceof File && Number(await f.text()) > 0.1 ? reading(true, 'ANNA MARIA CCOC') : reading(true));
    const r = await stampKeepingMrz(file, { mode: 'stamp', watermark: { opacity: 0.4 } }, fakeStamp(opacities), read);
    expect(opacities).toEqual([0.4, 0.2, 0.1]);
    expect(r.mrz).toMatchObject({ restamped: true, after: { valid: true, fields: { givenNames: 'ANNA MARIA' } } });
  });

  it('keeps a zone that failed a check digit in the original from reading worse in the copy', async () => {
    const opacities: number[] = [];
    const read = async (f: Blob) => (f instanceof File && Number(await f.text()) > 0.2 ? nothing : reading(false));
    const r = await stampKeepingMrz(file, { mode: 'stamp', watermark: { opacity: 0.4 } }, fakeStamp(opacities), read);
    expect(opacities).toEqual([0.4, 0.2]);
    expect(r.mrz.after).toMatchObject({ found: true, valid: false });
  });
});

describe('the reader on synthetic documents (Node, the same pure code as the worker)', () => {
  it('reads a flat TD3 scan and a tilted TD1 photo on a dark background exactly', async () => {
    const today = CASES_DAY;
    for (const c of [await makeCase('TD3', 'valid', 'flat', 0, today), await makeCase('TD1', 'expired', 'dark', 0, today)]) {
      const { data, info } = await sharp(c.jpeg).grayscale().raw().toBuffer({ resolveWithObject: true });
      const r = readMrzGrey({ width: info.width, height: info.height, data: Float32Array.from(data) }, today);
      expect(r.result?.lines, c.name).toEqual(c.lines);
    }
  });

  it('finds nothing in a picture without a zone', async () => {
    const { data, info } = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#d0c8b0', noise: { type: 'gaussian', mean: 128, sigma: 20 } } })
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(readMrzGrey({ width: info.width, height: info.height, data: Float32Array.from(data) }).result).toBeUndefined();
  });
});
