// The trace's pure parts: hashing, the key's text form, the payload and its check, the code.
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isStampError } from '../../src/core/errors.ts';
import { parseOptions } from '../../src/core/options.ts';
import { convEncode, viterbiDecode } from '../../src/core/trace/ecc.ts';
import { exportKey, importKey, makeKey, TraceError } from '../../src/core/trace/index.ts';
import { bitsToCode, codeToBits, CODED_BITS, parsePayload, PAYLOAD_BITS, payloadBits, saltFor } from '../../src/core/trace/payload.ts';
import { fft2, shiftPeaks } from '../../src/core/trace/fft.ts';
import { kernelBlur as boxBlur } from '../../src/core/trace/kernel.ts';
import { ascend, autocorrelation, bandWeight, fold, highestFirst, kthSmallest, TRACE_BAND, type Lattice } from '../../src/core/trace/sync.ts';
import { hmacSha256, sha256 } from '../../src/core/trace/sha256.ts';
import { rng } from '../fixtures/documents.ts';

const key = Uint8Array.from({ length: 32 }, (_, i) => (i * 31 + 7) & 255);
const other = Uint8Array.from({ length: 32 }, (_, i) => (i * 17 + 3) & 255);

describe('trace: hashing', () => {
  it('SHA-256 and HMAC match node:crypto', () => {
    for (const n of [0, 1, 55, 56, 64, 65, 300]) {
      const m = Uint8Array.from({ length: n }, (_, i) => (i * 7 + n) & 255);
      expect(Buffer.from(sha256(m)).toString('hex')).toBe(createHash('sha256').update(m).digest('hex'));
      expect(Buffer.from(hmacSha256(key, m)).toString('hex')).toBe(createHmac('sha256', key).update(m).digest('hex'));
    }
  });
});

describe('trace: key', () => {
  it('exports as text with a check and imports back, forgiving case, spaces and I/L/O', () => {
    const k = makeKey();
    const text = exportKey(k);
    expect(text).toMatch(/^IDSTK(-[0-9A-Z]{1,5}){11}$/);
    expect(importKey(text).bytes).toEqual(k.bytes);
    expect(importKey(` ${text.toLowerCase().replace(/-/g, ' ')} `).bytes).toEqual(k.bytes);
    expect(importKey(text.replace(/1/g, 'l').replace(/0/g, 'o')).bytes).toEqual(k.bytes);
  });

  it('refuses a typo (one character changed) and a cut key', () => {
    const text = exportKey({ bytes: key });
    const at = 12;
    const typo = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    expect(() => importKey(typo)).toThrow(TraceError);
    expect(() => importKey(typo)).toThrow(/key-checksum/);
    expect(() => importKey(text.slice(0, -3))).toThrow(/key-format/);
  });

  it('options take the key as text or bytes; mode trace needs one; a bad key is invalid-options', () => {
    const o = parseOptions({ mode: 'trace', trace: { key: exportKey({ bytes: key }) } });
    expect(o.mode).toBe('trace');
    expect(o.trace?.key).toEqual(key);
    expect(parseOptions({ trace: { key } }).trace?.key).toEqual(key);
    expect(parseOptions({}).trace).toBeUndefined();
    for (const bad of [{ mode: 'trace' }, { trace: { key: 'IDSTK-12345' } }, { trace: { key: new Uint8Array(16) } }]) {
      let err: unknown;
      try {
        parseOptions(bad);
      } catch (e) {
        err = e;
      }
      expect(isStampError(err) && err.code).toBe('invalid-options');
    }
  });
});

describe('trace: payload and error correction', () => {
  it('codes ↔ bits', () => {
    expect(bitsToCode(codeToBits('7KQ2-M9XD'))).toBe('7KQ2-M9XD');
    expect(bitsToCode(codeToBits('zzzz0000'))).toBe('ZZZZ-0000');
    expect(() => codeToBits('7KQ2-M9X')).toThrow(TraceError);
    expect(() => codeToBits('7KQ2-M9XU')).toThrow(TraceError);
  });

  it('a payload passes its own check only: one bit off, another key or another salt fails', () => {
    const bits = payloadBits(key, '7KQ2-M9XD');
    expect(bits.length).toBe(PAYLOAD_BITS);
    const salt = saltFor(key, '7KQ2-M9XD');
    expect(parsePayload(key, bits, salt)).toBe('7KQ2-M9XD');
    expect(parsePayload(other, bits, salt)).toBeNull();
    expect(parsePayload(key, bits, (salt + 1) & 255)).toBeNull();
    for (let i = 0; i < PAYLOAD_BITS; i++) {
      const flipped = Uint8Array.from(bits);
      flipped[i] = flipped[i]! ^ 1;
      expect(parsePayload(key, flipped, salt)).toBeNull();
    }
  });

  it('Viterbi corrects scattered confident errors and noisy soft values exactly', () => {
    const r = rng(5);
    for (let trial = 0; trial < 20; trial++) {
      const bits = Uint8Array.from({ length: PAYLOAD_BITS }, () => (r() < 0.5 ? 1 : 0));
      const coded = convEncode(bits);
      expect(coded.length).toBe(CODED_BITS);
      // 5 coded bits wrong with full confidence, ~30 apart (free distance 10: always corrected)…
      const wrong = Array.from(coded, (b, i) => (b ? 1 : -1) * (i % 33 === 5 + (trial % 20) ? -1 : 1));
      expect(viterbiDecode(wrong, PAYLOAD_BITS)).toEqual(bits);
      // …and 4 % of the bits flipped with small confidence among sure ones.
      const soft = Array.from(coded, (b) => (b ? 1 : -1) * (r() < 0.04 ? -0.3 : 0.6 + r()));
      expect(viterbiDecode(soft, PAYLOAD_BITS)).toEqual(bits);
    }
  });

  it('random soft values never pass the check (1000 tries; by construction 2^-40 each)', () => {
    const r = rng(9);
    let passed = 0;
    for (let t = 0; t < 1000; t++) {
      const soft = Array.from({ length: CODED_BITS }, () => r() - 0.5);
      if (parsePayload(key, viterbiDecode(soft, PAYLOAD_BITS), Math.floor(r() * 256))) passed++;
    }
    expect(passed).toBe(0);
  });
});

describe('trace: FFT', () => {
  /** The textbook O(n²) 2D DFT of a w×h array, the FFT's oracle. */
  function dft2(re: Float64Array, im: Float64Array, w: number, h: number, sign: number): [Float64Array, Float64Array] {
    const or = new Float64Array(w * h);
    const oi = new Float64Array(w * h);
    for (let v = 0; v < h; v++)
      for (let u = 0; u < w; u++)
        for (let y = 0; y < h; y++)
          for (let x = 0; x < w; x++) {
            const a = sign * 2 * Math.PI * ((u * x) / w + (v * y) / h);
            or[v * w + u]! += re[y * w + x]! * Math.cos(a) - im[y * w + x]! * Math.sin(a);
            oi[v * w + u]! += re[y * w + x]! * Math.sin(a) + im[y * w + x]! * Math.cos(a);
          }
    return [or, oi];
  }

  it('matches the DFT forward and inverse, with zero rows skipped (16×16)', () => {
    const n = 16;
    const r = rng(5);
    for (const [inverse, rows, tail] of [
      [false, n, 0],
      [true, n, 0],
      [false, 11, 0],
      // A spectrum kept near zero frequency: rows 0–3 and 13–15 live, 4–12 zero.
      [true, 4, 3],
    ] as const) {
      const live = (i: number) => Math.floor(i / n) < rows || Math.floor(i / n) >= n - tail;
      const re = Float64Array.from({ length: n * n }, (_, i) => (live(i) ? r() - 0.5 : 0));
      const im = Float64Array.from({ length: n * n }, (_, i) => (live(i) ? r() - 0.5 : 0));
      const [er, ei] = dft2(re, im, n, n, inverse ? 1 : -1);
      fft2(re, im, n, n, inverse, rows, tail);
      for (let i = 0; i < n * n; i++) {
        expect(re[i]).toBeCloseTo(er[i]!, 9);
        expect(im[i]).toBeCloseTo(ei[i]!, 9);
      }
    }
  });

  it('matches the DFT on arrays wider than a block of columns, and narrower (256×4, 4×32)', () => {
    const r = rng(6);
    for (const [w, h, inverse] of [
      [256, 4, false],
      [256, 4, true],
      [4, 32, false],
    ] as const) {
      const re = Float64Array.from({ length: w * h }, () => r() - 0.5);
      const im = Float64Array.from({ length: w * h }, () => r() - 0.5);
      const [er, ei] = dft2(re, im, w, h, inverse ? 1 : -1);
      fft2(re, im, w, h, inverse);
      for (let i = 0; i < w * h; i++) {
        expect(re[i]).toBeCloseTo(er[i]!, 9);
        expect(im[i]).toBeCloseTo(ei[i]!, 9);
      }
    }
  });
});

describe('trace: the pilot search', () => {
  it('finds each pattern’s best cyclic shift and its height as a direct correlation does, in pairs or alone', () => {
    const S = 16;
    const n = S * S;
    const r = rng(8);
    const patterns = Array.from({ length: 4 }, () => Float64Array.from({ length: n }, () => r() - 0.5));
    // The fold: pattern 2 shifted by (5, 9), plus noise as strong.
    const fold = Float64Array.from({ length: n }, (_, i) => patterns[2]![((((i / S) | 0) - 9 + S) % S) * S + (((i % S) - 5 + S) % S)]! + r() - 0.5);
    const spectra = new Float64Array(4 * 2 * n);
    patterns.forEach((p, k) => {
      const re = spectra.subarray(2 * k * n, (2 * k + 1) * n);
      re.set(p);
      fft2(re, spectra.subarray((2 * k + 1) * n, (2 * k + 2) * n), S, S);
    });
    const fr = Float64Array.from(fold);
    const fi = new Float64Array(n);
    fft2(fr, fi, S, S);
    /** The oracle: C(d) = Σ fold[x + d] · pattern[x], its highest d refined by a parabola, and its z. */
    const direct = (p: Float64Array) => {
      const c = new Float64Array(n);
      for (let dv = 0; dv < S; dv++)
        for (let du = 0; du < S; du++) for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) c[dv * S + du]! += fold[((y + dv) % S) * S + ((x + du) % S)]! * p[y * S + x]!;
      const best = c.indexOf(Math.max(...c));
      const mean = c.reduce((a, b) => a + b) / n;
      const sd = Math.sqrt(c.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
      const [bu, bv] = [best % S, (best / S) | 0];
      const at = (u: number, v: number) => c[((v + S) % S) * S + ((u + S) % S)]!;
      const offset = (a: number, m: number, b: number) => (a - 2 * m + b < 0 ? (0.5 * (a - b)) / (a - 2 * m + b) : 0);
      return [bu + offset(at(bu - 1, bv), c[best]!, at(bu + 1, bv)), bv + offset(at(bu, bv - 1), c[best]!, at(bu, bv + 1)), (c[best]! - mean) / sd];
    };
    const all = shiftPeaks(fr, fi, S, spectra, 0, 4);
    const alone = shiftPeaks(fr, fi, S, spectra, 3, 1);
    patterns.forEach((p, k) => {
      const want = direct(p);
      for (let j = 0; j < 3; j++) expect(all[3 * k + j]).toBeCloseTo(want[j]!, 8);
      if (k === 3) for (let j = 0; j < 3; j++) expect(alone[j]).toBeCloseTo(want[j]!, 8);
    });
    // The planted pattern stands out where it was put; the others do not.
    expect(Math.round(all[6]!)).toBe(5);
    expect(Math.round(all[7]!)).toBe(9);
    expect(all[8]).toBeGreaterThan(8);
    for (const k of [0, 1, 3]) expect(all[3 * k + 2]).toBeLessThan(5);
    expect(() => shiftPeaks(fr, fi, S, spectra, 0, 3)).toThrow(/not 1 or a pair count/);
  });
});

describe('trace: the lattice search’s order and the fold', () => {
  it('gives indices from the highest score, ties in index order, whether the best few or all are sorted first', () => {
    const r = rng(8);
    // Few distinct values: many ties, some of them across the cut.
    const score = Array.from({ length: 500 }, () => Math.floor(r() * 40) / 4);
    const stable = score
      .map((v, i) => ({ v, i }))
      .sort((a, b) => b.v - a.v)
      .map((x) => x.i);
    for (const first of [1, 7, 64, 499, 500, 10_000]) expect([...highestFirst(score, first)]).toEqual(stable);
  });

  it('selects the k-th smallest value without sorting, with ties, runs and a single value', () => {
    const r = rng(9);
    for (const values of [
      Array.from({ length: 1001 }, () => Math.floor(r() * 30) - 10),
      Array.from({ length: 300 }, () => r() * 2 - 1),
      Array.from({ length: 200 }, (_, i) => i),
      Array.from({ length: 200 }, (_, i) => 200 - i),
      Array.from({ length: 50 }, () => 3),
      [7],
    ]) {
      const sorted = [...values].sort((a, b) => a - b);
      for (const k of [0, 1, Math.floor(values.length / 2), values.length - 2, values.length - 1].filter((k) => k >= 0)) expect(kthSmallest(Float64Array.from(values), k)).toBe(sorted[k]);
    }
  });

  it('folds a tile repeated along a turned lattice back onto itself', () => {
    // A 64×64-bin tile (32 cells of 2 bins) repeated every 40 px, turned by 5°: each bin of the
    // fold is the mean of the pixels whose tile position falls in it.
    const r = rng(4);
    const tile = Float64Array.from({ length: 64 * 64 }, () => r() - 0.5);
    const [w, h, period, turn] = [300, 200, 40, (5 * Math.PI) / 180];
    const l: Lattice = { e1: [period * Math.cos(turn), period * Math.sin(turn)], e2: [-period * Math.sin(turn), period * Math.cos(turn)], score: 0 };
    const px = new Float32Array(w * h);
    const expected = new Float64Array(64 * 64);
    const count = new Float64Array(64 * 64);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        // Tile coordinates of the pixel's centre, in bins.
        const [cx, cy] = [x + 0.5, y + 0.5];
        const u = (((cx * Math.cos(turn) + cy * Math.sin(turn)) / period) * 64) % 64;
        const t = (((-cx * Math.sin(turn) + cy * Math.cos(turn)) / period) * 64) % 64;
        const b = (Math.floor((t + 64) % 64) % 64) * 64 + (Math.floor((u + 64) % 64) % 64);
        px[y * w + x] = tile[b]!;
        expected[b] = expected[b]! + Math.fround(tile[b]!);
        count[b] = count[b]! + 1;
      }
    const f = fold(px, w, h, l, 32, 2);
    let mean = 0;
    for (let b = 0; b < expected.length; b++) mean += expected[b] = count[b] ? expected[b]! / count[b]! : 0;
    mean /= expected.length;
    for (let b = 0; b < expected.length; b++) expect(f[b]).toBeCloseTo(expected[b]! - mean, 6);
    // A second residual of the same size is folded from its own pixels, not the first one's.
    const other = px.map((v) => -v);
    const g = fold(other, w, h, l, 32, 2);
    for (let b = 0; b < expected.length; b++) expect(g[b]).toBeCloseTo(-(expected[b]! - mean), 6);
  });
});

describe('trace: lattice search band', () => {
  it('weighs the whitened spectrum 1 up to 0.7 of the band, then falls smoothly to 0 at its edge', () => {
    expect(bandWeight(0)).toBe(1);
    expect(bandWeight(0.7 * TRACE_BAND)).toBe(1);
    expect(bandWeight(0.85 * TRACE_BAND)).toBeCloseTo(0.5, 9);
    expect(bandWeight(TRACE_BAND)).toBe(0);
    expect(bandWeight(0.45)).toBe(0);
    for (let f = 0; f < 0.3; f += 0.005) expect(bandWeight(f + 0.005)).toBeLessThanOrEqual(bandWeight(f));
  });

  it('keeps a tile of 4-px cells and drops a texture finer than the band from the autocorrelation', () => {
    // Two periodic textures: a tile of random ±1 cells (4 px, bilinear, period 128) and a
    // random pattern of period 96 made of detail near 0.5 cycles/px (pixel-wise sign flips).
    const w = 512;
    const r = rng(9);
    const cells = Float64Array.from({ length: 32 * 32 }, () => (r() < 0.5 ? -1 : 1));
    const fine = Float64Array.from({ length: 96 * 96 }, () => r() - 0.5);
    const at = (x: number, y: number) => cells[(y & 31) * 32 + (x & 31)]!;
    const tile = (x: number, y: number) => {
      const u = x / 4 + 31.5;
      const v = y / 4 + 31.5;
      const u0 = Math.floor(u);
      const v0 = Math.floor(v);
      const a = u - u0;
      const b = v - v0;
      return (at(u0, v0) * (1 - a) + at(u0 + 1, v0) * a) * (1 - b) + (at(u0, v0 + 1) * (1 - a) + at(u0 + 1, v0 + 1) * a) * b;
    };
    const texture = (x: number, y: number) => ((x + y) % 2 ? 1 : -1) * fine[(y % 96) * 96 + (x % 96)]! * 2;
    const plane = new Float32Array(w * w);
    for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) plane[y * w + x] = tile(x, y) + texture(x, y) + (r() - 0.5);
    const { ac, m } = autocorrelation(plane, w, w, 200);
    const lag = (x: number, y: number) => ac[(y + m / 2) * m + x + m / 2]!;
    for (const [x, y] of [
      [128, 0],
      [0, 128],
    ] as const)
      expect(lag(x, y)).toBeGreaterThan(3 * Math.max(Math.abs(lag(96, 0)), Math.abs(lag(0, 96))));
  });
});

describe('trace: lattice fine-tuning', () => {
  it('climbs to the best lattice of a smooth objective, to within the last step, from 0.8 % off', () => {
    const target = [130.6, -0.1, 0.1, 130.6];
    const dist = (l: Lattice) => Math.hypot(l.e1[0] - target[0]!, l.e1[1] - target[1]!, l.e2[0] - target[2]!, l.e2[1] - target[3]!);
    const start: Lattice = { e1: [131.6, 0.5], e2: [-0.6, 129.7], score: 7 };
    const tuned = ascend(start, (l) => -dist(l), 0.004, 4);
    expect(dist(start)).toBeGreaterThan(1.5);
    expect(dist(tuned)).toBeLessThan(0.002 * 130.6);
    expect(tuned.score).toBe(7);
  });

  it('stays put when no step improves', () => {
    const start: Lattice = { e1: [100, 0], e2: [0, 100], score: 1 };
    expect(ascend(start, (l) => -Math.abs(l.e1[0] - 100) - Math.abs(l.e2[1] - 100) - Math.abs(l.e1[1]) - Math.abs(l.e2[0]), 0.003, 3)).toEqual(start);
  });
});

describe('trace: box blur', () => {
  it('is the mean over the window clipped to the picture, rows then columns, at any size and radius', () => {
    const r = rng(11);
    for (const [w, h, rad] of [
      [40, 30, 3],
      [7, 50, 6],
      [50, 4, 2],
      [1, 9, 2],
    ] as const) {
      const src = Float32Array.from({ length: w * h }, () => r() * 200 - 50);
      const out = boxBlur(src, w, h, rad);
      const rowMean = (x: number, y: number) => {
        let s = 0;
        let n = 0;
        for (let k = Math.max(0, x - rad); k <= Math.min(w - 1, x + rad); k++, n++) s += src[y * w + k]!;
        return s / n;
      };
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          let s = 0;
          let n = 0;
          for (let k = Math.max(0, y - rad); k <= Math.min(h - 1, y + rad); k++, n++) s += Math.fround(rowMean(x, k));
          expect(out[y * w + x]).toBeCloseTo(s / n, 3);
        }
    }
  });
});
