// From grey pixels to a parsed zone: find the band (tilt included), level it, cut it into
// cells, classify each cell among the characters its position may hold, parse and check.
import { uncertainFields, type MrzField } from './certain.ts';
import { GLYPHS, GLYPH_FONTS } from './glyphs.ts';
import { ALPHABET, GH, GW, cutLine, guessBands, levelBand, normalise, type BandGuess, type Cell, type CutLine, type LevelledBand } from './ocr.ts';
import { LINE_COUNT, LINE_LENGTH, parseMrz, positionKinds, type MrzFormat, type MrzResult } from './parse.ts';
import type { Grey } from '../raster/grey.ts';

export interface GreyRead {
  result?: MrzResult;
  /** Mean correlation of the chosen characters with their templates (0..1). */
  confidence: number;
  /** Per line and character of `result.lines`: its margin over the next best character, over the
   * zone's median margin (its confidence; certain.ts). */
  margins?: number[][];
  /** Fields not to be trusted (certain.ts): shown as such, never as a value to type. */
  uncertain?: MrzField[];
  /** Where the zone is, in the picture's pixels (centre, size, tilt in degrees). */
  band?: { cx: number; cy: number; w: number; h: number; angle: number };
}

let templates: { char: string; t: Float32Array }[] | undefined;

/** Templates decoded once: every font's picture of every character. */
function loadTemplates(): { char: string; t: Float32Array }[] {
  if (templates) return templates;
  const bin = atob(GLYPHS);
  const size = GW * GH;
  templates = [];
  for (let f = 0; f < GLYPH_FONTS.length; f++)
    for (let c = 0; c < ALPHABET.length; c++) {
      const t = new Float32Array(size);
      const base = (f * ALPHABET.length + c) * size;
      for (let i = 0; i < size; i++) t[i] = bin.charCodeAt(base + i) / 255;
      templates.push({ char: ALPHABET[c]!, t: normalise(t) });
    }
  return templates;
}

const scored = new WeakMap<Cell, Map<string, number>>();

/** Per character, the best correlation of the cell with any font's template (once a cell: the
 * zone's variants share cells). */
export function scores(cell: Cell): Map<string, number> {
  const hit = scored.get(cell);
  if (hit) return hit;
  const out = new Map<string, number>();
  scored.set(cell, out);
  for (const { char, t } of loadTemplates()) {
    let s = 0;
    for (let i = 0; i < t.length; i++) s += t[i]! * cell.feature[i]!;
    if (s > (out.get(char) ?? -Infinity)) out.set(char, s);
  }
  return out;
}

const ALLOWED: Record<string, string> = { a: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ<', n: '0123456789<', '*': ALPHABET, p: 'PV', c: 'IAC' };

/** A read zone: its lines, the mean best correlation, and each character's margin. */
interface Decoded {
  lines: string[];
  confidence: number;
  /** Per line and character: how far the chosen character's correlation is ahead of the next
   * allowed one's (0 = a tie), over the zone's median. A wrong face's glyph resembles two
   * templates about equally. */
  margins: number[][];
  /** The same against characters only that a check digit would not tell apart. */
  checkedMargins: number[][];
}

/** A character's value in check digits (parse.ts). */
const checkValue = (c: string): number => (c === '<' ? 0 : c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55);

function decode(cells: Cell[][], format: MrzFormat): Decoded {
  const kinds = positionKinds(format);
  let total = 0;
  let count = 0;
  const margins: number[][] = [];
  const checked: number[][] = [];
  const lines = cells.map((line, l) => {
    const m: number[] = [];
    const c: number[] = [];
    margins.push(m);
    checked.push(c);
    return line
      .map((cell, i) => {
        const s = scores(cell);
        let best = '<';
        let bs = -Infinity;
        let second = -Infinity;
        const seen: [string, number][] = [];
        // '<' counts as 0 in check digits, so a '0' misread as '<' in a digit field would pass
        // them: there '<' must win clearly (it is rare: an empty field's check digit).
        const kind = kinds[l]![i]!;
        const allowed = ALLOWED[kind]!;
        for (let k = 0; k < allowed.length; k++) {
          const ch = allowed[k]!;
          const v = s.get(ch)! - (kind === 'n' && ch === '<' ? 0.15 : 0);
          if (v > bs) {
            second = bs;
            bs = v;
            best = ch;
          } else if (v > second) second = v;
          seen.push([ch, v]);
        }
        total += bs;
        count++;
        m.push(Math.max(0, bs - second));
        // Under a check digit, only a character of the same value modulo 10 goes unnoticed (the
        // weights 7, 3, 1 are prime to 10): O for 0 or B for 8 fails the check, G for 6 passes it.
        const alike = seen.filter(([ch]) => ch !== best && checkValue(ch) % 10 === checkValue(best) % 10).map(([, v]) => v);
        c.push(alike.length ? Math.max(0, bs - Math.max(...alike)) : 1);
        return best;
      })
      .join('');
  });
  const cleared = clearNameTail(lines, format);
  // Normalised by the zone's median margin: glyphs of a face close to OCR-B are all far apart
  // or all close together (OCR-B's own are closer than DejaVu's), and what gives a character away
  // is a margin far below its neighbours' (measured: tests/mrz/faces.test.ts).
  const median = [...margins.flat()].sort((a, b) => a - b)[Math.floor(count / 2)] || 1;
  const normalised = margins.map((m) => m.map((v) => v / median));
  // Letters the name rule turned into fillers were decided by the rule, not by their pictures.
  cleared.forEach((line, l) => [...line].forEach((c, i) => c !== lines[l]![i] && (normalised[l]![i] = 1)));
  return { lines: cleared, confidence: count ? total / count : 0, margins: normalised, checkedMargins: checked.map((m) => m.map((v) => v / median)) };
}

/**
 * The name field holds the primary identifier, '<<', the secondary identifier's parts parted by
 * single '<', then fillers to the end (ICAO 9303-3): no name has three fillers in a row, so
 * letters after the first such run are the background, a shadow or the mark, not a name.
 */
export function clearNameTail(lines: string[], format: MrzFormat): string[] {
  const row = format === 'TD1' ? 2 : 0;
  const start = format === 'TD1' ? 0 : 5; // TD2/TD3: after the document code and issuing state
  const line = lines[row]!;
  const end = line.slice(start).search(/[A-Z]<<</);
  if (end < 0) return lines;
  const cut = start + end + 4;
  return lines.map((l, i) => (i === row ? line.slice(0, cut) + line.slice(cut).replace(/[A-Z]/g, '<') : l));
}

function readBand(band: LevelledBand, today: Date): GreyRead | undefined {
  let best: (GreyRead & { rank: number }) | undefined;
  for (const format of ['TD3', 'TD2', 'TD1'] as MrzFormat[]) {
    const n = LINE_COUNT[format];
    if (band.lines.length < n) continue;
    // The zone is usually the lowest lines of the band, but text of the document above it or
    // the background below may have come in: try each run of n lines, lowest first.
    for (let end = band.lines.length; end >= n; end--) {
      const lines = band.lines.slice(end - n, end);
      const cuts = lines.map((l) => cutLine(band.ink, band.width, l, LINE_LENGTH[format]));
      if (cuts.some((c) => !c)) continue;
      // Each line cut on its own, then all on each line's grid: a zone's lines share left edge
      // and pitch, and one line's ends may be blurred by the background or a shadow. A line on
      // its own grid is its own cut (the same cells, scored once).
      const variants = [cuts as CutLine[], ...(cuts as CutLine[]).map((c, k) => lines.map((l, j) => (j === k ? c : cutLine(band.ink, band.width, l, LINE_LENGTH[format], c)!)))];
      for (const v of variants) {
        const {
          lines: text,
          confidence,
          margins,
          checkedMargins,
        } = decode(
          v.map((c) => c.cells),
          format,
        );
        const result = parseMrz(text, today);
        if (!result) continue;
        const rank = result.checks.filter((c) => c.ok).length * 10 + confidence * 5;
        if (!best || rank > best.rank) best = { result, confidence, margins, uncertain: uncertainFields(result, { margins, checkedMargins, fit: confidence }), rank };
      }
      if (best?.result?.valid) return best;
    }
  }
  return best;
}

/** Reads the zone of a picture; `result` is undefined when none could be read. */
export function readMrzGrey(g: Grey, today = new Date(), attempts = 3): GreyRead {
  let best: (GreyRead & { rank: number }) | undefined;
  for (const q of guessBands(g).slice(0, attempts)) {
    const read = readBand(levelBand(g, q), today);
    if (!read?.result) continue;
    const rank = read.result.checks.filter((c) => c.ok).length * 10 + read.confidence * 5;
    if (!best || rank > best.rank) best = { ...read, band: bandOf(q), rank };
    if (read.result.valid) break;
  }
  if (!best) return { confidence: 0 };
  const { rank: _, ...read } = best;
  return read;
}

const bandOf = (q: BandGuess) => ({ cx: Math.round(q.cx), cy: Math.round(q.cy), w: Math.round(q.w), h: Math.round(q.h), angle: Math.round(((q.angle * 180) / Math.PI) * 10) / 10 });
