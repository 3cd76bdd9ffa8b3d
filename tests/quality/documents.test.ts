// The shared document generator builds MRZs exactly as ICAO 9303's own worked examples.
import { describe, expect, it } from 'vitest';
import { checkDigit, mrzTD1, mrzTD2, mrzTD3 } from '../fixtures/documents.ts';

const anna = { issuer: 'UTO', surname: 'Eriksson', givenNames: 'Anna Maria', number: 'L898902C3', nationality: 'UTO', birth: '740812', sex: 'F', expiry: '120415' } as const;

describe('MRZ builder (ICAO 9303 examples)', () => {
  it('check digits', () => {
    expect(checkDigit('L898902C3')).toBe('6');
    expect(checkDigit('740812')).toBe('2');
    expect(checkDigit('120415')).toBe('9');
    expect(checkDigit('ZE184226B<<<<<')).toBe('1');
  });
  it('TD3 (part 4, passport)', () => {
    expect(mrzTD3({ ...anna, optional: 'ZE184226B' })).toEqual(['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10']);
  });
  it('TD1 (part 5, card)', () => {
    expect(mrzTD1({ ...anna, documentCode: 'I', number: 'D23145890' })).toEqual(['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<']);
  });
  it('TD2 (part 6, card)', () => {
    expect(mrzTD2({ ...anna, documentCode: 'I', number: 'D23145890' })).toEqual(['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6']);
  });
});
