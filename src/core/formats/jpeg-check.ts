// Would a browser decode this JPEG? Strip-only copies the entropy-coded data byte for byte, so
// its copy decodes exactly when the input does; a full decode costs ~100 ms for 12 MP, so it is
// done only when this header check is in doubt. What browsers (libjpeg-turbo) refuse outright
// is mostly decided by the headers: an unsupported process or precision, a missing or bogus
// table, a scan naming a component or table that does not exist. Headers that cameras and
// phones never write (arithmetic coding, a missing DHT, 2 components…) are doubts too: the
// decode decides. Not caught without a decode: scan data garbled in place (no checksum).
import { u16 } from '../bytes.ts';

export interface JpegSegment {
  marker: number;
  start: number;
  end: number;
}

interface Component {
  id: number;
  tq: number;
}

/** True when the headers alone say a browser decodes every scan. */
export function jpegHeadersSound(b: Uint8Array, segments: readonly JpegSegment[]): boolean {
  const quant = new Set<number>();
  // Defined Huffman tables, by class × 4 + id.
  const huffman = new Set<number>();
  let frame: { progressive: boolean; components: Component[] } | undefined;
  let scans = 0;
  for (const s of segments) {
    const p = s.start + 4;
    if (s.marker === 0xdb) {
      for (let o = p; o < s.end;) {
        const pq = b[o]! >> 4;
        if (pq > 1 || (b[o]! & 15) > 3) return false;
        quant.add(b[o]! & 15);
        o += 1 + 64 * (pq + 1);
        if (o > s.end) return false;
      }
    } else if (s.marker === 0xc4) {
      for (let o = p; o < s.end;) {
        const tc = b[o]! >> 4;
        const th = b[o]! & 15;
        if (tc > 1 || th > 3 || o + 17 > s.end) return false;
        let codes = 0;
        let total = 0;
        for (let len = 1; len <= 16; len++) {
          const n = b[o + len]!;
          codes += n;
          total += n;
          if (codes > 2 ** len) return false; // libjpeg: "Bogus Huffman table definition"
          codes *= 2;
        }
        if (total === 0 || total > 256) return false;
        huffman.add(tc * 4 + th);
        o += 17 + total;
        if (o > s.end) return false;
      }
    } else if (s.marker >= 0xc0 && s.marker <= 0xcf && s.marker !== 0xc4 && s.marker !== 0xc8 && s.marker !== 0xcc) {
      // Baseline, extended and progressive Huffman: what cameras write.
      if (frame || (s.marker !== 0xc0 && s.marker !== 0xc1 && s.marker !== 0xc2)) return false;
      const n = b[p + 5]!;
      if (b[p]! !== 8 || (n !== 1 && n !== 3 && n !== 4) || s.end - s.start !== 2 + 8 + 3 * n) return false;
      const components: Component[] = [];
      for (let i = 0; i < n; i++) {
        const c = p + 6 + 3 * i;
        const h = b[c + 1]! >> 4;
        const v = b[c + 1]! & 15;
        if (h < 1 || h > 4 || v < 1 || v > 4 || b[c + 2]! > 3) return false;
        components.push({ id: b[c]!, tq: b[c + 2]! });
      }
      if (u16(b, p + 1) === 0) return false; // DNL: the height comes after the scan
      frame = { progressive: s.marker === 0xc2, components };
    } else if (s.marker === 0xda) {
      if (!frame) return false;
      scans++;
      const ns = b[p]!;
      if (ns < 1 || ns > 4 || u16(b, s.start + 2) !== 6 + 2 * ns) return false;
      const [ss, se, a] = [b[p + 1 + 2 * ns]!, b[p + 2 + 2 * ns]!, b[p + 3 + 2 * ns]!];
      if (frame.progressive ? ss > se || se > 63 || (ss === 0) !== (se === 0) || (ss > 0 && ns > 1) || (a & 15) > 13 : ss !== 0 || se !== 63 || a !== 0) return false;
      for (let i = 0; i < ns; i++) {
        const id = b[p + 1 + 2 * i]!;
        const t = b[p + 2 + 2 * i]!;
        const c = frame.components.find((x) => x.id === id);
        if (!c || !quant.has(c.tq)) return false;
        const dc = huffman.has(t >> 4);
        const ac = huffman.has(4 + (t & 15));
        // A sequential scan needs both tables; a progressive one the DC table (first DC
        // scan) or the AC table (AC scans).
        if (frame.progressive ? (ss === 0 ? a >> 4 === 0 && !dc : !ac) : !dc || !ac) return false;
      }
    } else if (s.marker === 0xdd) {
      if (s.end - s.start !== 6) return false;
    }
  }
  return !!frame && scans > 0 && frame.components.length > 0;
}
