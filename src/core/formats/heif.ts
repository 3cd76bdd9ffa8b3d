// HEIF containers (HEIC from phones, AVIF): read the ISO-BMFF boxes for the primary image's
// size (ispe, turned by irot), its metadata items (Exif, XMP, thumbnails) and sanity, before
// any decoder sees the bytes. Pixels are decoded elsewhere (heic.ts: bundled libheif; AVIF:
// the browser). No lossless strip: cleaning re-encodes (README, "What happens to a picture").
import { ascii, u16, u32 } from '../bytes.ts';
import { StampError } from '../errors.ts';
import type { ImageFormat, ImageInfo, MetadataKind } from './types.ts';

interface Box {
  type: string;
  /** Start of the payload (after size/type/largesize). */
  body: number;
  end: number;
}

/** The boxes inside [start, end); a box running past its parent is a truncated file. */
function boxes(b: Uint8Array, start: number, end: number, kind: string): Box[] {
  const out: Box[] = [];
  let o = start;
  while (o + 8 <= end) {
    let size = u32(b, o);
    const type = ascii(b, o + 4, 4);
    let body = o + 8;
    if (size === 1) {
      if (o + 16 > end) throw new StampError('truncated');
      const hi = u32(b, o + 8);
      size = hi * 2 ** 32 + u32(b, o + 12);
      body = o + 16;
    } else if (size === 0) size = end - o;
    if (size < body - o) throw new StampError('corrupt', { kind });
    if (o + size > end) {
      // mdat is often the last box; a cut-short mdat is a truncated download.
      throw new StampError('truncated');
    }
    out.push({ type, body, end: o + size });
    o += size;
    if (out.length > 10_000) throw new StampError('corrupt', { kind });
  }
  return out;
}

const child = (list: Box[], type: string) => list.find((x) => x.type === type);

export interface HeifFacts extends ImageInfo {
  /** Primary item's type: 'hvc1', 'av01', 'grid', 'jpeg'… */
  itemType: string;
  /** Rotation (degrees counter-clockwise) and mirror applied by decoders from irot/imir. */
  rotation: number;
  mirror: boolean;
}

export function inspectHeif(b: Uint8Array, kind: 'HEIC' | 'AVIF'): HeifFacts {
  const top = boxes(b, 0, b.length, kind);
  if (top[0]?.type !== 'ftyp') throw new StampError('corrupt', { kind });
  const meta = child(top, 'meta');
  if (!meta) throw new StampError(child(top, 'mdat') || top.length > 1 ? 'corrupt' : 'truncated', { kind });
  const inner = boxes(b, meta.body + 4, meta.end, kind); // meta is a full box
  const pitm = child(inner, 'pitm');
  const iinf = child(inner, 'iinf');
  const iprp = child(inner, 'iprp');
  if (!pitm || !iinf || !iprp) throw new StampError('corrupt', { kind });
  const primary = b[pitm.body] === 0 ? u16(b, pitm.body + 4) : u32(b, pitm.body + 4);

  // Items: id → type (and content type for 'mime').
  const items = new Map<number, { type: string; contentType: string }>();
  const iinfV = b[iinf.body];
  const infes = boxes(b, iinf.body + 4 + (iinfV === 0 ? 2 : 4), iinf.end, kind);
  for (const e of infes) {
    if (e.type !== 'infe') continue;
    const v = b[e.body]!;
    if (v < 2) continue;
    let o = e.body + 4;
    const id = v === 2 ? u16(b, o) : u32(b, o);
    o += (v === 2 ? 2 : 4) + 2;
    const type = ascii(b, o, 4);
    o += 4;
    const nameEnd = b.indexOf(0, o);
    let contentType = '';
    if (type === 'mime' && nameEnd >= 0 && nameEnd < e.end) {
      const ctEnd = b.indexOf(0, nameEnd + 1);
      contentType = ascii(b, nameEnd + 1, Math.max(0, Math.min(ctEnd < 0 ? e.end : ctEnd, e.end) - nameEnd - 1));
    }
    items.set(id, { type, contentType });
  }
  const main = items.get(primary);
  if (!main) throw new StampError('corrupt', { kind });

  // Properties of the primary item: ispe (size), irot, imir.
  const props = boxes(b, iprp.body, iprp.end, kind);
  const ipco = child(props, 'ipco');
  const ipma = child(props, 'ipma');
  if (!ipco || !ipma) throw new StampError('corrupt', { kind });
  const list = boxes(b, ipco.body, ipco.end, kind);
  let width = 0;
  let height = 0;
  let rotation = 0;
  let mirror = false;
  const v = b[ipma.body]!;
  const wide = (b[ipma.body + 3]! & 1) === 1;
  let o = ipma.body + 4;
  const n = u32(b, o);
  o += 4;
  for (let i = 0; i < n && o < ipma.end; i++) {
    const id = v < 1 ? u16(b, o) : u32(b, o);
    o += v < 1 ? 2 : 4;
    const count = b[o++]!;
    for (let j = 0; j < count; j++) {
      const index = wide ? u16(b, o) & 0x7fff : b[o]! & 0x7f;
      o += wide ? 2 : 1;
      if (id !== primary || index === 0) continue;
      const p = list[index - 1];
      if (!p) throw new StampError('corrupt', { kind });
      if (p.type === 'ispe') {
        width = u32(b, p.body + 4);
        height = u32(b, p.body + 8);
      } else if (p.type === 'irot') rotation = ((b[p.body]! & 3) * 90) % 360;
      else if (p.type === 'imir') mirror = true;
    }
  }
  if (o > ipma.end) throw new StampError('corrupt', { kind });
  if (width === 0 || height === 0) throw new StampError('corrupt', { kind });

  const metadata: MetadataKind[] = [];
  const add = (k: MetadataKind) => metadata.includes(k) || metadata.push(k);
  for (const it of items.values()) {
    if (it.type === 'Exif') add('exif');
    else if (it.type === 'mime' && /xmp|rdf\+xml/i.test(it.contentType)) add('xmp');
    else if (it.type === 'mime' || it.type === 'uri ') add('other');
  }
  const iref = child(inner, 'iref');
  if (iref && boxes(b, iref.body + 4, iref.end, kind).some((r) => r.type === 'thmb')) add('thumbnail');

  const turned = rotation === 90 || rotation === 270;
  return {
    width: turned ? height : width,
    height: turned ? width : height,
    // irot/imir are the HEIF orientation; decoders apply them and ignore EXIF's (ISO 23008-12).
    orientation: 1,
    metadata,
    itemType: main.type,
    rotation,
    mirror,
  };
}

// AVIF: Chromium and Firefox decode it themselves (irot/imir applied); output as JPEG.
export const avif: ImageFormat = { kind: 'avif', mime: 'image/avif', ext: 'avif', inspect: (b) => inspectHeif(b, 'AVIF'), output: () => 'jpeg' };
