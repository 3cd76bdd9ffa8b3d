// Which fields of a read zone the reader is sure of. A passing check digit says nothing about
// the name, the issuing state or the nationality (none covers them), and a zone printed in
// another face than OCR-B can turn ERIKSSON into FRYKBBON with every check digit passing. So
// each character carries a confidence (its margin over the next best character, read-grey.ts),
// and a field is uncertain when any of its characters is below the threshold, when its check
// digit fails, or (a state) when its code is none that ICAO 9303 knows. Pure.
import type { MrzFormat, MrzResult } from './parse.ts';

export type MrzField = 'surname' | 'givenNames' | 'issuingState' | 'nationality' | 'sex' | 'documentNumber' | 'birthDate' | 'expiryDate';

/**
 * Margin (over the zone's median margin, read-grey.ts) below which a character is not trusted,
 * and the zone's mean correlation with the templates below which its face is none the reader
 * knows (then nothing without a check digit is trusted). Chosen by measurement on the matrix of
 * tests/mrz/faces.test.ts (OCR-B, DejaVu Sans Mono, Liberation Mono, FreeMono, Noto Mono; flat,
 * ±6°, −12°; sharp and blurred; 2 TD3 and 2 TD1 documents each): the worst field read wrong had
 * its weakest character at 0.198, OCR-B's right ones at 0.168 and up (4 of 256 below 0.22);
 * zones in FreeMono and Noto Mono fit at 0.49–0.75, OCR-B, DejaVu and Liberation Mono at 0.80 and
 * up. With these, no field read wrong is reported certain, and OCR-B loses 2 of 112 fields to
 * "uncertain" (the table the test prints).
 */
export const MIN_MARGIN = 0.22;
export const MIN_FIT = 0.78;
/**
 * Fit above which a passing check digit is trusted against look-alikes it would catch (read-grey.ts'
 * checkedMargins): zones in Liberation Mono (fit up to 0.84) were read with two wrong fields and
 * every check passing; flat OCR-B scans fit at 0.87 and up.
 */
export const CHECKED_FIT = 0.86;

/** Characters of a field: [line, from, to) of the zone, check digit included. */
type Span = [number, number, number];

function spans(format: MrzFormat, lines: string[]): Record<Exclude<MrzField, 'surname' | 'givenNames'>, Span[]> & { name: Span } {
  if (format === 'TD1') {
    // A long document number continues in the optional data, its check digit after it.
    const long = lines[0]![14] === '<';
    return {
      issuingState: [[0, 2, 5]],
      documentNumber: [[0, 5, long ? 30 : 15]],
      birthDate: [[1, 0, 7]],
      sex: [[1, 7, 8]],
      expiryDate: [[1, 8, 15]],
      nationality: [[1, 15, 18]],
      name: [2, 0, 30],
    };
  }
  return {
    issuingState: [[0, 2, 5]],
    documentNumber: [[1, 0, 10]],
    nationality: [[1, 10, 13]],
    birthDate: [[1, 13, 20]],
    sex: [[1, 20, 21]],
    expiryDate: [[1, 21, 28]],
    name: [0, 5, lines[0]!.length],
  };
}

const least = (margins: number[][], [l, from, to]: Span): number => Math.min(...margins[l]!.slice(from, to));

/** What read-grey.ts says of a zone's characters (see there). */
export interface Confidence {
  /** Per line and character: margin over the next best character, over the zone's median. */
  margins: number[][];
  /** The same against the characters a check digit cannot tell apart from it. */
  checkedMargins: number[][];
  /** The zone's mean correlation with its templates. */
  fit: number;
}

/**
 * The fields the reader is not sure of, in a fixed order; the fields of `result` are left as
 * read (the card and the CLI show the uncertain ones as such, never as a value to type).
 */
export function uncertainFields(result: MrzResult, { margins, checkedMargins, fit }: Confidence, minMargin = MIN_MARGIN, minFit = MIN_FIT): MrzField[] {
  const { format } = result.fields;
  const s = spans(format, result.lines);
  const out = new Set<MrzField>();
  const weak = (sp: Span[], m = margins) => sp.some((x) => least(m, x) < minMargin);
  for (const f of ['issuingState', 'nationality', 'sex'] as const) if (weak(s[f])) out.add(f);
  // A passing check digit vouches for a field against any one misread that changes its value
  // modulo 10 (0 for O, 8 for B), in a zone the templates fit closely; in another, against little.
  for (const f of ['documentNumber', 'birthDate', 'expiryDate'] as const) if (weak(s[f], fit < CHECKED_FIT ? margins : checkedMargins)) out.add(f);
  // A face the templates do not fit: its letters may resemble other letters of OCR-B one by one
  // and clearly (FRYKBBON for ERIKSSON); only check digits can vouch for anything then.
  if (fit < minFit) for (const f of ['surname', 'givenNames', 'issuingState', 'nationality', 'sex'] as const) out.add(f);
  // The surname runs to the first '<<', the given names from it to the end, fillers included (a
  // letter read as '<' shortens them); the separator belongs to both (a misread one moves the split).
  const [l, from, to] = s.name;
  const split = result.lines[l]!.slice(from, to).indexOf('<<');
  if (split < 0) out.add('givenNames');
  const sep = split < 0 ? to : from + split;
  if (least(margins, [l, from, Math.min(to, sep + 2)]) < minMargin) out.add('surname');
  if (sep < to && least(margins, [l, sep, to]) < minMargin) out.add('givenNames');
  for (const f of ['issuingState', 'nationality'] as const) if (!knownState(result.fields[f])) out.add(f);
  const failed = result.checks.filter((c) => !c.ok).map((c) => c.field);
  for (const f of failed) if (f !== 'composite' && f !== 'personalNumber') out.add(f);
  // The composite covers the number, both dates and the optional data: when it fails, any of
  // them may be wrong (a face misread the same way twice passes a field's own check: measured).
  if (failed.includes('composite')) for (const f of ['documentNumber', 'birthDate', 'expiryDate'] as const) out.add(f);
  return ORDER.filter((f) => out.has(f));
}

const ORDER: MrzField[] = ['surname', 'givenNames', 'issuingState', 'nationality', 'sex', 'documentNumber', 'birthDate', 'expiryDate'];

/**
 * Codes of issuing states and nationalities (ICAO 9303-3): ISO 3166-1 alpha-3, and ICAO's own:
 * D (Germany, printed D<<), the British classes GBD GBN GBO GBP GBS, RKS (Kosovo), the UN and its
 * agencies, organisations (EUE, XOM, XPO…), the stateless and refugees (XXA XXB XXC XXX), and
 * UTO (Utopia, the specimen state of ICAO's examples).
 */
const STATES = new Set(
  (
    'ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU ' +
    'BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA ' +
    'DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM ' +
    'GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT ' +
    'LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ ' +
    'MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF ' +
    'QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD ' +
    'TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ' +
    'ZWE D GBD GBN GBO GBP GBS RKS UNO UNA UNK EUE XOM XPO XCC XES XMP XBA XIM XCE XCO XEC XDC XXA XXB XXC XXX UTO'
  ).split(' '),
);

/** Is `code` (as parsed: fillers dropped) a state or organisation ICAO 9303 knows? */
export const knownState = (code: string): boolean => STATES.has(code);
