// ICC colour profiles stay (removing one changes the colours), but their text can name a
// person's monitor, printer or camera: the description, copyright and device tags are
// overwritten in place with generic text, the header's device and creator fields are zeroed,
// and the profile ID (an MD5 of the profile) is cleared, which the ICC spec allows. Same
// length, so offsets in the profile and in the file stay valid.
import { ascii, u32 } from '../bytes.ts';

/** Text tags: profile description, copyright, device maker and model, viewing conditions. */
const TEXT_TAGS = new Set(['desc', 'cprt', 'dmnd', 'dmdd', 'vued', 'scrd']);
const GENERIC = 'ICC profile';

/** A copy of the profile with its text made generic; the input if it is not a profile we read. */
export function scrubIcc(p: Uint8Array): Uint8Array {
  if (p.length < 132 || ascii(p, 36, 4) !== 'acsp') return p;
  const out = p.slice();
  out.fill(0, 48, 56); // device manufacturer, device model
  out.fill(0, 60, 64); // device attributes (high half: vendor specific)
  out.fill(0, 80, 100); // profile creator, profile ID
  const count = u32(p, 128);
  for (let i = 0; i < count && 132 + i * 12 + 12 <= p.length; i++) {
    const e = 132 + i * 12;
    const sig = ascii(p, e, 4);
    const off = u32(p, e + 4);
    const len = u32(p, e + 8);
    if (!TEXT_TAGS.has(sig) || off + len > p.length || len < 12) continue;
    writeGeneric(out, off, len);
  }
  return out;
}

function writeGeneric(out: Uint8Array, off: number, len: number): void {
  const type = ascii(out, off, 4);
  const end = off + len;
  const put = (at: number, room: number, text: string, utf16: boolean) => {
    out.fill(0, at, at + room);
    for (let i = 0, o = at; i < text.length && o + (utf16 ? 2 : 1) <= at + room - (utf16 ? 0 : 1); i++, o += utf16 ? 2 : 1) {
      if (utf16) out[o + 1] = text.charCodeAt(i);
      else out[o] = text.charCodeAt(i);
    }
  };
  if (type === 'text') put(off + 8, end - off - 8, GENERIC, false);
  else if (type === 'desc') {
    // ASCII part, then Unicode and ScriptCode parts: blank them all, keep the ASCII count.
    const n = u32(out, off + 8);
    put(off + 12, Math.min(n, end - off - 12), GENERIC, false);
    out.fill(0, Math.min(end, off + 12 + n), end);
  } else if (type === 'mluc') {
    const records = u32(out, off + 8);
    for (let r = 0; r < records && off + 16 + r * 12 + 12 <= end; r++) {
      const rec = off + 16 + r * 12;
      const slen = u32(out, rec + 4);
      const soff = off + u32(out, rec + 8);
      if (soff + slen <= end) put(soff, slen, GENERIC, true);
    }
  } else out.fill(0, off + 8, end); // any other type: keep the signature, blank the content
}
