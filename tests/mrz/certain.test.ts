// Which fields of a read zone are uncertain (src/core/mrz/certain.ts), on ICAO's specimen zones
// with chosen character margins: a weak character taints only its own field, a failing check
// digit its field (the composite: the number and both dates), an unknown state code its field.
import { describe, expect, it } from 'vitest';
import { CHECKED_FIT, MIN_FIT, MIN_MARGIN, knownState, uncertainFields } from '../../src/core/mrz/certain.ts';
import { parseMrz } from '../../src/core/mrz/parse.ts';

const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const sure = (lines: string[]) => lines.map((l) => Array.from(l, () => 0.5));
/** Margins all sure but one character, [line, index], just below the threshold. */
const weakAt = (lines: string[], l: number, i: number) => {
  const m = sure(lines);
  m[l]![i] = MIN_MARGIN * 0.9;
  return m;
};
const uncertain = (lines: string[], margins = sure(lines), fit = CHECKED_FIT + 0.02, checkedMargins = margins) =>
  uncertainFields(parseMrz(lines, new Date('2026-11-29'))!, { margins, checkedMargins, fit });

describe('uncertain fields', () => {
  it('a zone read clearly, every check passing, is certain throughout', () => {
    expect(uncertain(TD3)).toEqual([]);
    expect(uncertain(TD1)).toEqual([]);
  });

  it('a weak character taints its own field only', () => {
    expect(uncertain(TD3, weakAt(TD3, 0, 6))).toEqual(['surname']); // the R of ERIKSSON
    expect(uncertain(TD3, weakAt(TD3, 0, 21))).toEqual(['givenNames']); // the R of MARIA
    expect(uncertain(TD3, weakAt(TD3, 0, 40))).toEqual(['givenNames']); // a filler: a lost letter?
    expect(uncertain(TD3, weakAt(TD3, 0, 3))).toEqual(['issuingState']);
    expect(uncertain(TD3, weakAt(TD3, 1, 11))).toEqual(['nationality']);
    expect(uncertain(TD3, weakAt(TD3, 1, 20))).toEqual(['sex']);
    // Digits are covered by check digits, yet B/8-like confusions can pass them (S and 8 weigh alike mod 10).
    expect(uncertain(TD3, weakAt(TD3, 1, 3))).toEqual(['documentNumber']);
    expect(uncertain(TD1, weakAt(TD1, 2, 2))).toEqual(['surname']);
    expect(uncertain(TD1, weakAt(TD1, 1, 16))).toEqual(['nationality']);
    expect(uncertain(TD1, weakAt(TD1, 1, 10))).toEqual(['expiryDate']);
  });

  it('under a passing check digit, a look-alike the check would catch (0/O) leaves the field certain, in a face the templates fit', () => {
    // The 0 of L898902C3: close to O (plain margin weak), nothing alike modulo 10 is close.
    const plainWeak = weakAt(TD3, 1, 5);
    expect(uncertain(TD3, plainWeak, CHECKED_FIT + 0.02, sure(TD3))).toEqual([]);
    expect(uncertain(TD3, plainWeak, CHECKED_FIT + 0.02, plainWeak)).toEqual(['documentNumber']);
    // In a zone the templates fit less closely, the plain margin counts.
    expect(uncertain(TD3, plainWeak, CHECKED_FIT - 0.02, sure(TD3))).toEqual(['documentNumber']);
    expect(uncertain(TD3, plainWeak, MIN_FIT * 0.95, sure(TD3))).toEqual(['surname', 'givenNames', 'issuingState', 'nationality', 'sex', 'documentNumber']);
  });

  it('the separator between surname and given names taints both', () => {
    expect(uncertain(TD3, weakAt(TD3, 0, 13))).toEqual(['surname', 'givenNames']);
    expect(uncertain(TD3, weakAt(TD3, 0, 14))).toEqual(['surname', 'givenNames']);
  });

  it('a failing check digit makes its field uncertain; the composite the number and both dates', () => {
    const badBirth = [TD3[0]!, TD3[1]!.slice(0, 19) + '7' + TD3[1]!.slice(20)];
    expect(uncertain(badBirth)).toEqual(['documentNumber', 'birthDate', 'expiryDate']);
    const badPersonal = [TD3[0]!, TD3[1]!.slice(0, 42) + '7' + TD3[1]!.slice(43)];
    expect(uncertain(badPersonal)).toEqual(['documentNumber', 'birthDate', 'expiryDate']);
    const badComposite = [TD3[0]!, TD3[1]!.slice(0, 43) + '3'];
    expect(uncertain(badComposite)).toEqual(['documentNumber', 'birthDate', 'expiryDate']);
  });

  it('in a face the templates do not fit, only fields with a passing check digit are certain', () => {
    expect(uncertain(TD3, sure(TD3), MIN_FIT * 0.95)).toEqual(['surname', 'givenNames', 'issuingState', 'nationality', 'sex']);
    expect(uncertain(TD1, sure(TD1), MIN_FIT * 0.95)).toEqual(['surname', 'givenNames', 'issuingState', 'nationality', 'sex']);
  });

  it('a state code ICAO does not know is uncertain, however clearly read (UYO for UTO)', () => {
    expect(uncertain(['P<UYO' + TD3[0]!.slice(5), TD3[1]!])).toEqual(['issuingState']);
    expect(uncertain([TD3[0]!, TD3[1]!.slice(0, 10) + 'UYO' + TD3[1]!.slice(13)])).toEqual(['nationality']);
    for (const code of ['D', 'UTO', 'CHN', 'GBR', 'XXA', 'RKS']) expect(knownState(code), code).toBe(true);
    for (const code of ['UYO', 'JTD', 'C', 'GBX']) expect(knownState(code), code).toBe(false);
  });
});
