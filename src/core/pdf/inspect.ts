// A first look at a PDF's bytes, before any parser: is it whole, is it locked, what does it
// carry? Parsers (pdf.js especially) quietly repair truncated files; we would rather say so.
import { StampError } from '../errors.ts';
import { MAX_PIXELS } from '../limits.ts';
import type { MetadataKind } from '../formats/types.ts';

export interface PdfFacts {
  /** Number of revisions: 1 + incremental updates (each ends with its own %%EOF). */
  revisions: number;
  encrypted: boolean;
  /** What the raw bytes show; compressed object streams can hide more, so this is a floor. */
  metadata: MetadataKind[];
}

const latin1 = new TextDecoder('latin1');

/**
 * Memory budget: an image XObject whose pixels would decode beyond the picture limit is refused
 * before pdf.js would spend gigabytes on it. Reads the image dictionaries visible in the raw
 * bytes (compressed object streams cannot hold streams, so image dictionaries are plain).
 */
function checkImageSizes(text: string): void {
  const re = /\/Subtype\s*\/Image/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const around = text.slice(Math.max(0, m.index - 400), m.index + 400);
    const w = /\/Width\s+(\d+)/.exec(around);
    const h = /\/Height\s+(\d+)/.exec(around);
    if (!w || !h) continue;
    const width = Number(w[1]);
    const height = Number(h[1]);
    if (width * height > MAX_PIXELS) throw new StampError('pdf-image-too-large', { width, height, limit: MAX_PIXELS / 1e6 });
  }
}

export function inspectPdf(b: Uint8Array): PdfFacts {
  const head = latin1.decode(b.subarray(0, 1024));
  if (!head.startsWith('%PDF-')) throw new StampError('corrupt', { kind: 'PDF' });
  const text = latin1.decode(b);
  // A complete file ends with %%EOF (some writers add a little padding after it). Without it,
  // objects mean the file was cut short; no objects at all mean it is not a PDF inside.
  const tail = text.slice(-16384);
  if (!tail.includes('%%EOF')) throw new StampError(/\d+\s+\d+\s+obj\b/.test(text) ? 'truncated' : 'corrupt', { kind: 'PDF' });
  if (!/startxref\s+\d+/.test(text) && !/\/Type\s*\/XRef/.test(text)) throw new StampError('corrupt', { kind: 'PDF' });
  const revisions = Math.max(1, (text.match(/%%EOF/g) ?? []).length);
  const has = (re: RegExp) => re.test(text);
  const metadata: MetadataKind[] = [];
  const add = (k: MetadataKind, re: RegExp) => has(re) && metadata.push(k);
  add('info', /\/(Author|Creator|Producer|Title|Subject|Keywords|CreationDate|ModDate)\s*[(<]/);
  add('xmp', /\/Type\s*\/Metadata|<x:xmpmeta/);
  add('piece-info', /\/PieceInfo/);
  add('javascript', /\/JavaScript|\/JS\s*[(<]/);
  add('attachments', /\/EmbeddedFiles|\/Type\s*\/Filespec/);
  add('annotations', /\/Annots/);
  add('forms', /\/AcroForm/);
  if (revisions > 1) metadata.push('old-revisions');
  checkImageSizes(text);
  return { revisions, encrypted: has(/\/Encrypt\s+\d+\s+\d+\s+R|\/Encrypt\s*<</), metadata };
}
