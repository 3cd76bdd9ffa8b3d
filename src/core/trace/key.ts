// The trace key: 32 random bytes made once on install. Without it nobody can read a trace code,
// find the pattern or tell two copies apart. As text (for a backup) it carries a 16-bit check,
// so a mistyped key is refused instead of silently reading nothing.
import { TraceError } from './errors.ts';
import { sha256 } from './sha256.ts';

export const KEY_BYTES = 32;
const PREFIX = 'IDSTK';
// Crockford base32, as the visible trace codes.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface TraceKey {
  readonly bytes: Uint8Array;
}

export function makeKey(randomBytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): TraceKey {
  const bytes = randomBytes(KEY_BYTES);
  if (bytes.length !== KEY_BYTES) throw new TraceError('key-format', 'random source');
  return { bytes: Uint8Array.from(bytes) };
}

export function keyFromBytes(bytes: Uint8Array): TraceKey {
  if (bytes.length !== KEY_BYTES) throw new TraceError('key-format', `${bytes.length} bytes, want ${KEY_BYTES}`);
  return { bytes: Uint8Array.from(bytes) };
}

/** "IDSTK-XXXXX-XXXXX-…": the key and two check bytes in base32, in groups of five. */
export function exportKey(key: TraceKey): string {
  const body = new Uint8Array(KEY_BYTES + 2);
  body.set(key.bytes);
  body.set(sha256(key.bytes).subarray(0, 2), KEY_BYTES);
  const text = toBase32(body);
  return [PREFIX, ...(text.match(/.{1,5}/g) ?? [])].join('-');
}

/** Reads an exported key; spaces, dashes, case and I/L/O typed for 1/1/0 are forgiven. */
export function importKey(text: string): TraceKey {
  const clean = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/^IDSTK/, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  const want = Math.ceil(((KEY_BYTES + 2) * 8) / 5);
  if (clean.length !== want || /[^0-9A-Z]/.test(clean) || /U/.test(clean)) throw new TraceError('key-format', `${clean.length} characters, want ${want}`);
  const body = fromBase32(clean, KEY_BYTES + 2);
  const bytes = body.subarray(0, KEY_BYTES);
  const check = sha256(bytes);
  if (check[0] !== body[KEY_BYTES] || check[1] !== body[KEY_BYTES + 1]) throw new TraceError('key-checksum');
  return { bytes: Uint8Array.from(bytes) };
}

function toBase32(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let n = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    n += 8;
    while (n >= 5) {
      out += ALPHABET[(acc >>> (n - 5)) & 31];
      n -= 5;
    }
    acc &= (1 << n) - 1;
  }
  if (n > 0) out += ALPHABET[(acc << (5 - n)) & 31];
  return out;
}

function fromBase32(text: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let acc = 0;
  let n = 0;
  let at = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new TraceError('key-format', `character ${ch}`);
    acc = ((acc << 5) | v) & 0xffff;
    n += 5;
    if (n >= 8) {
      if (at < length) out[at++] = (acc >>> (n - 8)) & 255;
      n -= 8;
    }
  }
  return out;
}
