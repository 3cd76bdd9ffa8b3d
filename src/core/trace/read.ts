// Reading a trace from a found picture: working plane → residual → tile lattice → fold →
// pilot search over every keyed pattern and shift → soft payload → Viterbi → keyed check.
// A code is reported only when the decoded bits pass the version, the 32-bit keyed check and
// the salt test (2^-40 per attempt by chance, the version not even counted; at most MAX_ATTEMPTS a picture).
import { convEncode, viterbiDecode } from './ecc.ts';
import type { Pixels } from './embed.ts';
import { fft2, shiftPeaks } from './fft.ts';
import { releaseKernel } from './kernel.ts';
import { CELLS, N, pattern } from './pattern.ts';
import { CODED_BITS, PAYLOAD_BITS, parsePayload, SALTS } from './payload.ts';
import { lumaPlane, residual, type Plane } from './plane.ts';
import { ascend, findLattices, fold, polish, type Lattice } from './sync.ts';

/** Bins per cell side in the folded tile. */
const SUB = 2;
const S = N * SUB;
/**
 * Lattices tried as found, and how many of the strongest are also fine-tuned and tried again.
 * Fine-tuning is the costliest step (~70 folds); since the search looks only at the trace's
 * band, every copy of the table decoded on its strongest lattice (as found, or fine-tuned when
 * weak), so the weakest two are tried as found only.
 */
const LATTICES = 5;
const FINE_TUNED = 3;
/**
 * Decoding attempts per fold; at most (5 + 3) folds × 2: 16 attempts a picture, each passing
 * the check by chance with p ≤ 2^-40, so ≤ 1.5·10^-11 a picture.
 */
const ATTEMPTS_PER_FOLD = 2;
export const MAX_ATTEMPTS = (LATTICES + FINE_TUNED) * ATTEMPTS_PER_FOLD;

export interface ReadResult {
  /** The trace code, or null when none was found (never a guess). */
  code: string | null;
  /** Pilot correlation peak, in standard deviations over all shifts (≥ ~7: a clear find). */
  sync: number;
  /** Autocorrelation strength of the tile lattice (z-score). */
  lattice: number;
  /** Coded bits (of 164) that disagreed with the decoded payload: 0 is a clean read. */
  bitErrors: number | null;
  /** Tile period found, in pixels of the picture read, and the lattice's rotation, degrees. */
  period?: number;
  angle?: number;
  ms: number;
}

interface Candidate {
  lattice: Lattice;
  folded: Float64Array;
  salt: number;
  du: number;
  dv: number;
  z: number;
}

/** Every keyed pattern's pilot spectrum, by key: pattern s's real part at 2·s·S², then its
 * imaginary part. */
const spectra = new Map<string, Float64Array>();

/** The pilot spectra of all SALTS patterns of `key` (16 MB; the last two keys are kept). */
function pilotSpectra(key: Uint8Array): Float64Array {
  const id = Array.from(key.subarray(0, 8)).join(',');
  const hit = spectra.get(id);
  if (hit) return hit;
  const all = new Float64Array(SALTS * 2 * S * S);
  for (let salt = 0; salt < SALTS; salt++) {
    const p = pattern(key, salt);
    const cell = new Float64Array(CELLS);
    for (let i = 0; i < CELLS; i++) cell[i] = p.role[i]! < 0 ? p.chip[i]! : 0;
    const re = all.subarray(2 * salt * S * S, (2 * salt + 1) * S * S);
    const im = all.subarray((2 * salt + 1) * S * S, (2 * salt + 2) * S * S);
    for (let t = 0; t < S; t++) for (let u = 0; u < S; u++) re[t * S + u] = sampleCells(cell, (u + 0.5) / SUB - 0.5, (t + 0.5) / SUB - 0.5);
    fft2(re, im, S, S);
  }
  if (spectra.size >= 2) spectra.delete(spectra.keys().next().value!);
  spectra.set(id, all);
  return all;
}

/** Bilinear read of cyclic N×N cell values at cell coordinates (x, y). */
function sampleCells(cell: Float64Array, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const tx = x - x0;
  const ty = y - y0;
  const g = (a: number, b: number) => cell[(((b % N) + N) % N) * N + (((a % N) + N) % N)]!;
  return (g(x0, y0) * (1 - tx) + g(x0 + 1, y0) * tx) * (1 - ty) + (g(x0, y0 + 1) * (1 - tx) + g(x0 + 1, y0 + 1) * tx) * ty;
}

/** Bilinear cyclic read of the folded tile at bin coordinates. */
function sampleFolded(f: Float64Array, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const tx = x - x0;
  const ty = y - y0;
  const g = (a: number, b: number) => f[(((b % S) + S) % S) * S + (((a % S) + S) % S)]!;
  return (g(x0, y0) * (1 - tx) + g(x0 + 1, y0) * tx) * (1 - ty) + (g(x0, y0 + 1) * (1 - tx) + g(x0 + 1, y0 + 1) * tx) * ty;
}

/** The folded tile's spectrum (real and imaginary parts). */
function spectrumOf(folded: Float64Array): [Float64Array, Float64Array] {
  const fr = Float64Array.from(folded);
  const fi = new Float64Array(S * S);
  fft2(fr, fi, S, S);
  return [fr, fi];
}

/** Best shift of every keyed pattern against one folded tile (read.c's `shifts`). */
function searchShifts(key: Uint8Array, lattice: Lattice, folded: Float64Array): Candidate[] {
  const found = shiftPeaks(...spectrumOf(folded), S, pilotSpectra(key), 0, SALTS);
  const out: Candidate[] = [];
  for (let salt = 0; salt < SALTS; salt++) out.push({ lattice, folded, salt, du: found[3 * salt]!, dv: found[3 * salt + 1]!, z: found[3 * salt + 2]! });
  return out;
}

/**
 * A first read whose best pilot peak stands this far above the spread of all shifts is taken to
 * have found the pattern (unmarked pictures: median 5.0, 199 of 200 ≤ 5.7; one at 6.6 is
 * climbed for nothing, with no extra decoding attempt) even when it did not decode: its lattice
 * is then fine-tuned on that pattern's own pilot peak rather than on the fold's energy, which a
 * busy scene shares.
 */
const KEYED_POLISH_Z = 6;

/** Height (z) of one pattern's best pilot peak in a fold: the keyed fine-tuning's objective. */
function pilotZ(key: Uint8Array, salt: number, folded: Float64Array): number {
  return shiftPeaks(...spectrumOf(folded), S, pilotSpectra(key), salt, 1)[2]!;
}

function decode(key: Uint8Array, c: Candidate): { code: string | null; bitErrors: number } {
  const p = pattern(key, c.salt);
  const soft = new Float64Array(CODED_BITS);
  for (let v = 0; v < N; v++)
    for (let u = 0; u < N; u++) {
      const i = v * N + u;
      const role = p.role[i]!;
      if (role < 0) continue;
      soft[role] = soft[role]! + p.chip[i]! * sampleFolded(c.folded, (u + 0.5) * SUB - 0.5 + c.du, (v + 0.5) * SUB - 0.5 + c.dv);
    }
  const bits = viterbiDecode(soft, PAYLOAD_BITS);
  const again = convEncode(bits);
  let errors = 0;
  for (let i = 0; i < CODED_BITS; i++) if ((soft[i]! > 0 ? 1 : 0) !== again[i]) errors++;
  return { code: parsePayload(key, bits, c.salt), bitErrors: errors };
}

export function readTrace(px: Pixels | Plane, key: Uint8Array): ReadResult {
  try {
    return readPlane(px, key);
  } finally {
    // The kernel's memory held the working plane and its whole FFT: not kept between reads.
    releaseKernel();
  }
}

function readPlane(px: Pixels | Plane, key: Uint8Array): ReadResult {
  const t0 = performance.now();
  const plane = lumaPlane(px);
  const { width: w, height: h } = plane;
  let result: ReadResult = { code: null, sync: 0, lattice: 0, bitErrors: null, ms: 0 };
  if (Math.min(w, h) < 64) return { ...result, ms: performance.now() - t0 };
  const r = residual(plane);
  const lattices = findLattices(r, w, h, 36, Math.min(440, Math.max(w, h) * 0.45), LATTICES);
  // Strongest lattice first, as found, then fine-tuned (costly: only when the first fails);
  // the best two (pattern, shift) pairs of each are decoded. Stops at the first valid code.
  for (const [i, found] of lattices.entries()) {
    let first: Candidate | undefined;
    for (const polished of i < FINE_TUNED ? [false, true] : [false]) {
      const tuned = polished ? polish(r, w, h, found, N) : found;
      const l = polished && first && first.z >= KEYED_POLISH_Z ? ascend(tuned, (x) => pilotZ(key, first!.salt, fold(r, w, h, x, N, SUB)), 0.004, 4) : tuned;
      const candidates = searchShifts(key, l, fold(r, w, h, l, N, SUB))
        .sort((a, b) => b.z - a.z)
        .slice(0, ATTEMPTS_PER_FOLD);
      first ??= candidates[0];
      for (const c of candidates) {
        const d = decode(key, c);
        const period = Math.hypot(...c.lattice.e1) / plane.scale;
        const angle = (Math.atan2(c.lattice.e1[1], c.lattice.e1[0]) * 180) / Math.PI;
        if (d.code) return { code: d.code, sync: c.z, lattice: l.score, bitErrors: d.bitErrors, period, angle, ms: performance.now() - t0 };
        if (c.z > result.sync) result = { ...result, sync: c.z, lattice: l.score, bitErrors: d.bitErrors, period, angle };
      }
    }
  }
  return { ...result, ms: performance.now() - t0 };
}
