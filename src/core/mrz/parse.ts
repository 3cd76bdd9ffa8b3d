// ICAO 9303 machine-readable zones: TD1 (3 × 30, ID cards), TD2 (2 × 36), TD3 (2 × 44,
// passports). Fields, check digits (weights 7-3-1) and the expiry status a person should know
// about before uploading. Pure; our own code (a few dozen lines) instead of a dependency, so the
// check-digit rules are tested here and the OCR can tell which positions hold digits.

export type MrzFormat = 'TD1' | 'TD2' | 'TD3';
export type ExpiryStatus = 'valid' | 'soon' | 'expired' | 'unknown';

export interface MrzFields {
  format: MrzFormat;
  /** Document code as printed: P, PD, I, ID, AC, V… */
  documentCode: string;
  issuingState: string;
  /** Name exactly as in the zone: '<' become spaces. */
  surname: string;
  givenNames: string;
  documentNumber: string;
  nationality: string;
  /** YYYY-MM-DD (century guessed: birth in the past, expiry from 2000). */
  birthDate?: string;
  sex: 'M' | 'F' | 'X';
  expiryDate?: string;
}

export interface CheckResult {
  field: 'documentNumber' | 'birthDate' | 'expiryDate' | 'personalNumber' | 'composite';
  ok: boolean;
}

export interface MrzResult {
  lines: string[];
  fields: MrzFields;
  checks: CheckResult[];
  /** Every check digit passes. */
  valid: boolean;
}

export const LINE_LENGTH: Record<MrzFormat, number> = { TD1: 30, TD2: 36, TD3: 44 };
export const LINE_COUNT: Record<MrzFormat, number> = { TD1: 3, TD2: 2, TD3: 2 };

const value = (c: string): number => (c === '<' ? 0 : c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c >= 'A' && c <= 'Z' ? c.charCodeAt(0) - 55 : -1);

/** The ICAO 9303 check digit of a field: weights 7, 3, 1 repeating, modulo 10. */
export function checkDigit(field: string): number {
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const v = value(field[i]!);
    if (v < 0) return -1;
    sum += v * [7, 3, 1][i % 3]!;
  }
  return sum % 10;
}

const digitOk = (field: string, digit: string): boolean => digit === String(checkDigit(field)) || (digit === '<' && /^<*$/.test(field));

/**
 * What kind of character each position may hold: 'a' letters or '<', 'n' digits, '*' any;
 * 'p' the first letter of a passport's or visa's code (P, V), 'c' of a card's (I, A, C).
 * The OCR uses it to choose between look-alikes (O/0, I/1, B/8, S/5).
 */
export function positionKinds(format: MrzFormat): string[] {
  const f = (spec: [number, string][], len: number) => {
    const s: string[] = [];
    for (const [n, k] of spec) s.push(k.repeat(n));
    const line = s.join('');
    if (line.length !== len) throw new Error(`bad spec ${format}`);
    return line;
  };
  switch (format) {
    case 'TD3':
      return [
        f(
          [
            [1, 'p'],
            [1, 'a'],
            [3, 'a'],
            [39, 'a'],
          ],
          44,
        ),
        f(
          [
            [9, '*'],
            [1, 'n'],
            [3, 'a'],
            [7, 'n'],
            [1, 'a'],
            [7, 'n'],
            [14, '*'],
            [2, 'n'],
          ],
          44,
        ),
      ];
    case 'TD2':
      return [
        f(
          [
            [1, 'c'],
            [1, 'a'],
            [3, 'a'],
            [31, 'a'],
          ],
          36,
        ),
        f(
          [
            [9, '*'],
            [1, 'n'],
            [3, 'a'],
            [7, 'n'],
            [1, 'a'],
            [7, 'n'],
            [7, '*'],
            [1, 'n'],
          ],
          36,
        ),
      ];
    case 'TD1':
      return [
        f(
          [
            [1, 'c'],
            [1, 'a'],
            [3, 'a'],
            [9, '*'],
            [1, '*'],
            [15, '*'],
          ],
          30,
        ),
        f(
          [
            [7, 'n'],
            [1, 'a'],
            [7, 'n'],
            [3, 'a'],
            [11, '*'],
            [1, 'n'],
          ],
          30,
        ),
        f([[30, 'a']], 30),
      ];
  }
}

export function formatOf(lines: string[]): MrzFormat | undefined {
  const len = lines[0]?.length;
  if (lines.length === 3 && len === 30) return 'TD1';
  if (lines.length === 2 && len === 36) return 'TD2';
  if (lines.length === 2 && len === 44) return 'TD3';
  return undefined;
}

const text = (s: string) => s.replace(/<+/g, ' ').trim();

function names(field: string): { surname: string; givenNames: string } {
  const [surname = '', ...rest] = field.split('<<');
  return { surname: text(surname), givenNames: text(rest.join('<<')) };
}

function date(yymmdd: string, kind: 'birth' | 'expiry', today: Date): string | undefined {
  if (!/^\d{6}$/.test(yymmdd)) return undefined;
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return undefined;
  const now = today.getUTCFullYear() % 100;
  // Expiry: documents last at most a few decades; birth: never in the future.
  const century = kind === 'expiry' ? (yy >= now + 50 ? 1900 : 2000) : yy > now ? 1900 : 2000;
  return `${century + yy}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

const sexOf = (c: string): MrzFields['sex'] => (c === 'M' || c === 'F' ? c : 'X');

/** Parses lines of a zone (already the right lengths); undefined for an unknown shape. */
export function parseMrz(lines: string[], today = new Date()): MrzResult | undefined {
  const format = formatOf(lines);
  if (!format || lines.some((l) => l.length !== LINE_LENGTH[format] || !/^[A-Z0-9<]+$/.test(l))) return undefined;
  const [a, b, c = ''] = lines as [string, string, string?];
  let fields: MrzFields;
  let checks: CheckResult[];
  if (format === 'TD1') {
    // A long document number continues in the optional field, its check digit after it.
    let number = a.slice(5, 14);
    let numberCheck = digitOk(number, a[14]!);
    if (a[14] === '<') {
      const more = a.slice(15, 30).replace(/<+$/, '');
      number += more.slice(0, -1);
      numberCheck = more.length > 0 && digitOk(number, more.slice(-1));
    }
    fields = {
      format,
      documentCode: text(a.slice(0, 2)),
      issuingState: text(a.slice(2, 5)),
      ...names(c),
      documentNumber: text(number),
      nationality: text(b.slice(15, 18)),
      birthDate: date(b.slice(0, 6), 'birth', today),
      sex: sexOf(b[7]!),
      expiryDate: date(b.slice(8, 14), 'expiry', today),
    };
    checks = [
      { field: 'documentNumber', ok: numberCheck },
      { field: 'birthDate', ok: digitOk(b.slice(0, 6), b[6]!) },
      { field: 'expiryDate', ok: digitOk(b.slice(8, 14), b[14]!) },
      { field: 'composite', ok: digitOk(a.slice(5, 30) + b.slice(0, 7) + b.slice(8, 15) + b.slice(18, 29), b[29]!) },
    ];
  } else {
    const long = format === 'TD3';
    const end = long ? 43 : 35;
    fields = {
      format,
      documentCode: text(a.slice(0, 2)),
      issuingState: text(a.slice(2, 5)),
      ...names(a.slice(5)),
      documentNumber: text(b.slice(0, 9)),
      nationality: text(b.slice(10, 13)),
      birthDate: date(b.slice(13, 19), 'birth', today),
      sex: sexOf(b[20]!),
      expiryDate: date(b.slice(21, 27), 'expiry', today),
    };
    checks = [
      { field: 'documentNumber', ok: digitOk(b.slice(0, 9), b[9]!) },
      { field: 'birthDate', ok: digitOk(b.slice(13, 19), b[19]!) },
      { field: 'expiryDate', ok: digitOk(b.slice(21, 27), b[27]!) },
      ...(long ? [{ field: 'personalNumber' as const, ok: digitOk(b.slice(28, 42), b[42]!) }] : []),
      { field: 'composite', ok: digitOk(b.slice(0, 10) + b.slice(13, 20) + b.slice(21, end), b[end]!) },
    ];
  }
  return { lines: [...lines], fields, checks, valid: checks.every((k) => k.ok) };
}

/** Expired, expiring within a month (providers often ask for that much validity), or fine. */
export function expiryStatus(expiry: string | undefined, today = new Date()): ExpiryStatus {
  if (!expiry) return 'unknown';
  const day = today.toISOString().slice(0, 10);
  if (expiry < day) return 'expired';
  const month = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate()));
  return expiry <= month.toISOString().slice(0, 10) ? 'soon' : 'valid';
}
