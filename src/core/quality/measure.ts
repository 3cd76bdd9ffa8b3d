// The pixels the quality checks look at: a small copy of the picture (or a PDF's first page),
// decoded by the browser with its metadata (and so its orientation) removed.
import { IMAGE_FORMATS } from '../formats/index.ts';
import { jpegHeader } from '../formats/jpeg.ts';
import { loadPdf } from '../pdf/load.ts';
import { sniff } from '../sniff.ts';
import { uprightSize } from '../orientation.ts';
import { checkQuality, type Check } from './checks.ts';
import { colourPlanes, findDocument, scaleQuad, sidesEnd } from '../document/find.ts';
import type { Point } from '../document/geometry.ts';
import { screenshotLike } from '../document/digital.ts';
import { smallCopy } from '../document/view.ts';
import { greyCopy } from '../raster/grey.ts';
import { shrunkJpeg } from '../raster/jpeg-frame.ts';
import { toGrey, type Grey } from '../raster/grey.ts';

const SIDE = 512;

const MAX_PAGES = 5;
const RANK: Record<Check['level'], number> = { pass: 0, warn: 1, fail: 2 };

/** Per check, the page where it is worst. */
function worstOf(pages: Check[][]): Check[] {
  return pages[0]!.map((c) => pages.map((p) => p.find((x) => x.id === c.id)!).reduce((a, b) => (RANK[b.level] > RANK[a.level] ? b : a)));
}

export async function qualityOf(file: Blob): Promise<Check[] | undefined> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = sniff(bytes);
  if (kind === 'pdf') {
    const { openPdf, renderPage, bornDigital } = await loadPdf();
    const doc = await openPdf(bytes);
    try {
      // Each page (up to a few: scans of an ID are short), reporting each check's worst page.
      const pages: Check[][] = [];
      for (let n = 1; n <= Math.min(doc.numPages, MAX_PAGES); n++) {
        const page = await renderPage(doc, n, 72);
        const digital = await bornDigital(await doc.getPage(n));
        // A PDF page is as large as its paper at print resolution: size is not the question.
        pages.push(checkQuality(greyCopy(page.canvas, SIDE), { width: 10_000, height: 10_000 }, { digital }).filter((c) => c.id !== 'small'));
      }
      return pages.length ? worstOf(pages) : undefined;
    } finally {
      await doc.destroy();
    }
  }
  const format = kind ? IMAGE_FORMATS[kind] : undefined;
  if (!format) return undefined;
  const info = format.inspect(bytes);
  const clean = format.strip ? format.strip(bytes, { keepOrientation: false }).bytes : bytes;
  const scale = Math.min(1, SIDE / Math.max(info.width, info.height));
  // A JPEG larger than the copy is decoded shrunk by its decoder first (a 12 MP photo at a
  // quarter of its side), not whole: the photo is decoded whole for the stamp already.
  const header = kind === 'jpeg' ? jpegHeader(clean) : undefined;
  const frame = header ? await shrunkJpeg(clean as Uint8Array<ArrayBuffer>, header, SIDE) : undefined;
  const bitmap = await createImageBitmap(frame ?? new Blob([clean as BlobPart], { type: format.mime }), {
    resizeWidth: Math.max(1, Math.round(info.width * scale)),
    resizeHeight: Math.max(1, Math.round(info.height * scale)),
    resizeQuality: 'medium',
  }).finally(() => frame?.close());
  const grey = greyCopy(bitmap, SIDE);
  const digital = kind === 'png' && screenshotLike(grey);
  const outline = digital ? undefined : outlineOf(bitmap, grey);
  bitmap.close();
  return checkQuality(grey, uprightSize(info.width, info.height, info.orientation), { digital, ...(outline ? { outline } : {}) });
}

/**
 * The document's outline (as the mark finds it: in colour, a purple header on a busy table is
 * clear in hue only), in the grey copy's pixels; undefined when none was found, or when what was
 * found is an inner frame of a card that fills the picture (its header band, its photo).
 */
function outlineOf(bitmap: ImageBitmap, grey: Grey): Point[] | undefined {
  const small = smallCopy(bitmap, 320);
  const planes = colourPlanes(small);
  const luma = toGrey(small);
  const found = findDocument(luma, planes);
  if (!found || !sidesEnd(luma, found.quad, planes)) return undefined;
  return scaleQuad(found.quad, small, grey);
}
