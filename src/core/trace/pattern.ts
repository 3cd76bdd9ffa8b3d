// The trace pattern: a tile of N×N cells, each +1 or −1, repeated over the whole picture. A
// quarter of the cells (the pilot) are fixed by the key and the copy's salt and let the reader
// find where the tile starts; the others each carry one coded payload bit (times a keyed sign,
// so the tile looks random whatever the bits). Which cell does what is a keyed permutation.
import { CODED_BITS } from './payload.ts';
import { keyStream } from './sha256.ts';

/** Cells per tile side. */
export const N = 32;
export const CELLS = N * N;
export const PILOT_CELLS = CELLS / 4;
/**
 * Cell size at the original resolution: the tile repeats about 9 times along the long side, and
 * a cell is still ~2.7 px wide after a crop and a halving of a 2 MP photo (then JPEG q50).
 */
export const cellSize = (width: number, height: number) => Math.max(2, Math.max(width, height) / 300);

export interface Pattern {
  /** Keyed sign of each cell (±1), row-major, cell (u, v) at v * N + u. */
  chip: Int8Array;
  /** −1: pilot cell; otherwise the coded bit the cell carries. */
  role: Int16Array;
}

const cache = new Map<string, Pattern>();

export function pattern(key: Uint8Array, salt: number): Pattern {
  const id = `${Array.from(key.subarray(0, 8)).join(',')}/${salt}`;
  const hit = cache.get(id);
  if (hit) return hit;
  // A 128-bit seed from the key (HMAC), stretched by xoshiro128**: the reader builds all 256
  // patterns, and HMAC for every draw would cost most of a second.
  const seed = new DataView(keyStream(key, `idstamp-trace-pattern-v1/${salt}`, 16).buffer);
  const next = xoshiro128(seed.getUint32(0), seed.getUint32(4), seed.getUint32(8), seed.getUint32(12));
  const chip = new Int8Array(CELLS);
  for (let i = 0; i < CELLS; i++) chip[i] = next() & 1 ? 1 : -1;
  // Keyed Fisher–Yates shuffle of the cells (32-bit draws: the bias is negligible).
  const order = new Int16Array(CELLS).map((_, i) => i);
  for (let i = CELLS - 1; i > 0; i--) {
    const j = next() % (i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const role = new Int16Array(CELLS);
  for (let k = 0; k < CELLS; k++) role[order[k]!] = k < PILOT_CELLS ? -1 : (k - PILOT_CELLS) % CODED_BITS;
  const p = { chip, role };
  if (cache.size > 600) cache.clear();
  cache.set(id, p);
  return p;
}

/** The ±1 value of every cell for a payload (`coded`: the coded bits). */
export function cellValues(p: Pattern, coded: Uint8Array): Int8Array {
  const out = new Int8Array(CELLS);
  for (let i = 0; i < CELLS; i++) {
    const role = p.role[i]!;
    out[i] = role < 0 ? p.chip[i]! : coded[role] ? p.chip[i]! : -p.chip[i]!;
  }
  return out;
}

function xoshiro128(a: number, b: number, c: number, d: number): () => number {
  if (!(a | b | c | d)) a = 1;
  return () => {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return r;
  };
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));
