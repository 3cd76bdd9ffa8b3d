// Pages that are one picture (scans): the picture is taken out of the PDF as it is and decoded
// by the browser, instead of pdf.js rendering the page. pdf.js decodes a scan's JPEG in
// JavaScript into arrays the collector keeps for a while (a scanned page cost ~2.3× pdf.js's own
// render once stamped, and 11–15× a page's RGBA in memory); the browser's decoder is native and
// frees its pixels when the bitmap is closed.
//
// Only the plainest case qualifies, so the page looks exactly as pdf.js would draw it: a content
// stream of q/Q/cm and one Do of a baseline or progressive JPEG (DCTDecode) in DeviceRGB or
// DeviceGray, 8 bits, no mask, no Decode array, no annotations, drawn upright or turned by a
// multiple of 90° over the whole page. Anything else (text, several images, masks, CMYK, ICC,
// Indexed, JBIG2, Flate pictures…) is rendered by pdf.js as before.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, decodePDFRawStream, type PDFObject } from 'pdf-lib';
import { jpeg, jpegFrame } from '../formats/jpeg.ts';

/** [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f (PDF's and canvas's order). */
export type Matrix = [number, number, number, number, number, number];

export interface PageImage {
  /** The JPEG without its metadata (EXIF orientation included, which pdf.js ignores too). */
  jpeg: Uint8Array;
  /** It carries an ICC profile, which pdf.js ignores: the decode must too. */
  profile: boolean;
  width: number;
  height: number;
  /** The image's unit square → user space: the page's CTM where the image is drawn. */
  matrix: Matrix;
  /** The image's /Interpolate flag (pdf.js then always smooths). */
  interpolate: boolean;
}

/** Page number (1-based) → its picture, when the page is one picture; else undefined. */
export type ImagePages = (n: number) => PageImage | undefined;

const none: ImagePages = () => undefined;

/** pdf.js's (Util.transform): m2 applied first, then m1. */
export const multiply = (m1: Matrix, m2: Matrix): Matrix => [
  m1[0] * m2[0] + m1[2] * m2[1],
  m1[1] * m2[0] + m1[3] * m2[1],
  m1[0] * m2[2] + m1[2] * m2[3],
  m1[1] * m2[2] + m1[3] * m2[3],
  m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
  m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
];

/**
 * The pages of `bytes` that are one picture. `pages`: pdf.js's page count; when pdf-lib sees
 * another (a damaged page tree), or cannot read the file (encrypted, damaged), every page is
 * rendered.
 */
export async function findImagePages(bytes: Uint8Array, pages: number): Promise<ImagePages> {
  if (!mayHoldScans(bytes)) return none;
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false, parseSpeed: Infinity });
  } catch {
    return none;
  }
  if (doc.isEncrypted || doc.getPageCount() !== pages) return none;
  const list = doc.getPages();
  const found = new Map<number, PageImage | undefined>();
  return (n) => {
    if (!found.has(n)) {
      let image: PageImage | undefined;
      try {
        image = pageImage(list[n - 1]!.node);
      } catch {
        image = undefined; // anything unexpected: pdf.js renders the page
      }
      found.set(n, image);
    }
    return found.get(n);
  };
}

type Leaf = ReturnType<PDFDocument['getPages']>[number]['node'];

function pageImage(page: Leaf): PageImage | undefined {
  const annots = page.Annots();
  if (annots && annots.size() > 0) return undefined;
  const xobjects = page.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xobjects || xobjects.keys().length === 0) return undefined; // text or vector page: no picture
  const drawn = drawsOneImage(contentOf(page));
  if (!drawn) return undefined;
  const stream = xobjects.lookup(PDFName.of(drawn.name));
  if (!(stream instanceof PDFRawStream)) return undefined;
  return plainJpeg(stream, drawn.matrix);
}

/** The page's content streams, decoded and joined (they form one stream). */
function contentOf(page: Leaf): string {
  const contents = page.Contents();
  const streams: PDFObject[] = contents instanceof PDFArray ? contents.asArray().map((o) => page.context.lookup(o)!) : contents ? [contents] : [];
  const latin1 = new TextDecoder('latin1');
  return streams
    .map((s) => {
      if (!(s instanceof PDFRawStream)) throw new Error('not a stream');
      return latin1.decode(decodePDFRawStream(s).decode());
    })
    .join('\n');
}

/** Numbers, names, operators and comments; anything else (strings, arrays, dicts) is a mismatch. */
const TOKEN = /[\0\t\n\f\r ]*(?:(\/[^\0\t\n\f\r ()<>[\]{}/%]*)|([+-]?(?:\d+\.?\d*|\.\d+))|([A-Za-z'"*]+)|(%[^\r\n]*)|(\S))/y;

/** The one image a content stream draws and its CTM, when it does nothing but q, Q, cm and one Do. */
export function drawsOneImage(content: string): { name: string; matrix: Matrix } | undefined {
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let operands: (number | string)[] = [];
  let drawn: { name: string; matrix: Matrix } | undefined;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < content.length) {
    const m = TOKEN.exec(content);
    if (!m) break; // only whitespace left
    const [, name, num, op, comment, other] = m;
    if (other !== undefined) return undefined;
    if (comment !== undefined) continue;
    if (name !== undefined) operands.push(name.slice(1));
    else if (num !== undefined) operands.push(Number(num));
    else if (op === 'q' && operands.length === 0) stack.push(ctm);
    else if (op === 'Q' && operands.length === 0 && stack.length) ctm = stack.pop()!;
    else if (op === 'cm' && operands.length === 6 && operands.every((x) => typeof x === 'number')) ctm = multiply(ctm, operands as Matrix);
    else if (op === 'Do' && operands.length === 1 && typeof operands[0] === 'string' && !drawn) drawn = { name: operands[0], matrix: ctm };
    else return undefined;
    if (op !== undefined) operands = [];
  }
  return operands.length === 0 ? drawn : undefined;
}

const COLOUR_SPACES: Record<string, number> = { '/DeviceRGB': 3, '/DeviceGray': 1 };
/** Keys that change how the picture is drawn: with any of them, pdf.js renders the page. */
const UNUSUAL = ['ImageMask', 'Mask', 'SMask', 'SMaskInData', 'Decode', 'DecodeParms', 'Alternates', 'OC', 'Intent'];

function plainJpeg(stream: PDFRawStream, matrix: Matrix): PageImage | undefined {
  const dict = stream.dict;
  const get = (key: string) => {
    const v = dict.get(PDFName.of(key));
    return v instanceof PDFRef ? dict.context.lookup(v) : v;
  };
  if (get('Subtype') !== PDFName.of('Image')) return undefined;
  if (UNUSUAL.some((k) => dict.has(PDFName.of(k)))) return undefined;
  const filter = get('Filter');
  const single = filter instanceof PDFArray && filter.size() === 1 ? dict.context.lookup(filter.get(0)) : filter;
  if (single !== PDFName.of('DCTDecode')) return undefined;
  const space = get('ColorSpace');
  const components = space instanceof PDFName ? COLOUR_SPACES[space.asString()] : undefined;
  const bpc = get('BitsPerComponent');
  if (!components || !(bpc instanceof PDFNumber) || bpc.asNumber() !== 8) return undefined;
  const width = numberOf(get('Width'));
  const height = numberOf(get('Height'));
  const frame = jpegFrame(stream.contents);
  // The file's own frame must agree with the dictionary (pdf.js and browsers would differ otherwise).
  if (!frame || !frame.huffman || frame.precision !== 8 || frame.components !== components || frame.width !== width || frame.height !== height) return undefined;
  const interpolate = get('Interpolate');
  return { jpeg: jpeg.strip!(stream.contents, { keepOrientation: false }).bytes, profile: frame.profile, width, height, matrix, interpolate: interpolate?.toString() === 'true' };
}

const numberOf = (o: PDFObject | undefined) => (o instanceof PDFNumber ? o.asNumber() : NaN);

const latin1 = new TextDecoder('latin1');

/** Scanned pages are at least this big in pixels: an A4 page at 72 DPI has 500,000. */
const SCAN_PIXELS = 250_000;

/**
 * Whether the file can hold a page that is one JPEG picture, from its raw bytes: parsing it a
 * second time (pdf-lib) costs ~10 ms a page of a text PDF. Image XObjects are streams, which
 * object streams cannot hold, so their dictionaries are plain in the bytes (as inspect.ts reads
 * them): a JPEG (DCTDecode) at least as large as a 72-DPI A4 scan.
 */
function mayHoldScans(bytes: Uint8Array): boolean {
  const text = latin1.decode(bytes);
  const re = /\/DCTDecode/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const around = text.slice(Math.max(0, m.index - 400), m.index + 400);
    const w = Number(/\/Width\s+(\d+)/.exec(around)?.[1] ?? 0);
    const h = Number(/\/Height\s+(\d+)/.exec(around)?.[1] ?? 0);
    // Sizes given by reference (rare) cannot be read here: then parse.
    if (w * h >= SCAN_PIXELS || !/\/Width\s+\d+\s*[/>]/.test(around)) return true;
  }
  return false;
}
