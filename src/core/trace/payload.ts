// What a trace carries: the 40-bit trace code (8 Crockford base32 characters), a 4-bit version
// and a 32-bit keyed check; 76 bits, 164 after the convolutional code. The check is an
// HMAC of the rest: a picture without a trace, or one from another key, decodes to bits whose
// check matches by chance once in 2^32 tries (and the version once in 16 more).
import { TraceError } from './errors.ts';
import { hmacSha256 } from './sha256.ts';
import { codedLength } from './ecc.ts';

export const VERSION = 1;
export const CODE_BITS = 40;
export const VERSION_BITS = 4;
export const CHECK_BITS = 32;
export const PAYLOAD_BITS = CODE_BITS + VERSION_BITS + CHECK_BITS;
export const CODED_BITS = codedLength(PAYLOAD_BITS);
/** Copies are told apart by one of this many keyed patterns, chosen by the code. */
export const SALTS = 256;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** "7KQ2-M9XD" (dash optional, case ignored) → 40 bits, most significant first. */
export function codeToBits(code: string): Uint8Array {
  const c = code.toUpperCase().replace(/-/g, '');
  if (c.length !== 8) throw new TraceError('code-format', code);
  const bits = new Uint8Array(CODE_BITS);
  for (let i = 0; i < 8; i++) {
    const v = ALPHABET.indexOf(c[i]!);
    if (v < 0) throw new TraceError('code-format', code);
    for (let b = 0; b < 5; b++) bits[i * 5 + b] = (v >> (4 - b)) & 1;
  }
  return bits;
}

export function bitsToCode(bits: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < 8; i++) {
    let v = 0;
    for (let b = 0; b < 5; b++) v = (v << 1) | (bits[i * 5 + b]! & 1);
    s += ALPHABET[v];
  }
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

const label = (s: string) => new TextEncoder().encode(s);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Which of the keyed patterns a copy uses: from the code, so one code always looks the same. */
export function saltFor(key: Uint8Array, code: string): number {
  return hmacSha256(key, concat(label('idstamp-trace-salt-v1'), codeToBits(code)))[0]!;
}

function check(key: Uint8Array, salt: number, head: Uint8Array): Uint8Array {
  const mac = hmacSha256(key, concat(label('idstamp-trace-check-v1'), Uint8Array.of(salt), head));
  const bits = new Uint8Array(CHECK_BITS);
  for (let i = 0; i < CHECK_BITS; i++) bits[i] = (mac[i >> 3]! >> (7 - (i & 7))) & 1;
  return bits;
}

export function payloadBits(key: Uint8Array, code: string): Uint8Array {
  const head = new Uint8Array(CODE_BITS + VERSION_BITS);
  head.set(codeToBits(code));
  for (let b = 0; b < VERSION_BITS; b++) head[CODE_BITS + b] = (VERSION >> (VERSION_BITS - 1 - b)) & 1;
  return concat(head, check(key, saltFor(key, code), head));
}

/**
 * The code when `bits` hold a valid payload for this key, read from the pattern `salt`:
 * version, keyed check and the code's own salt must all agree; otherwise null.
 */
export function parsePayload(key: Uint8Array, bits: Uint8Array, salt: number): string | null {
  const head = bits.subarray(0, CODE_BITS + VERSION_BITS);
  let version = 0;
  for (let b = 0; b < VERSION_BITS; b++) version = (version << 1) | head[CODE_BITS + b]!;
  if (version !== VERSION) return null;
  const want = check(key, salt, head);
  for (let i = 0; i < CHECK_BITS; i++) if (want[i] !== bits[CODE_BITS + VERSION_BITS + i]) return null;
  const code = bitsToCode(head);
  return saltFor(key, code) === salt ? code : null;
}
