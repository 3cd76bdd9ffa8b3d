// The pixels the quality checks look at: a small copy of the picture (or a PDF's first page),
// decoded by the browser with its metadata (and so its orientation) removed.
import { IMAGE_FORMATS } from '../formats/index.ts';
import { openPdf, renderPage } from '../pdf/render.ts';
import { sniff } from '../sniff.ts';
import { uprightSize } from '../orientation.ts';
import { checkQuality, toGrey, type Check, type Grey } from './checks.ts';
import { findDocument, shrinkGrey } from '../document/find.ts';

const SIDE = 512;

/** A grey copy of a canvas or bitmap, at most `maxSide` pixels on its long side. */
export function greyCopy(source: OffscreenCanvas | ImageBitmap, maxSide: number): Grey {
  const scale = Math.min(1, maxSide / Math.max(source.width, source.height));
  const small = new OffscreenCanvas(Math.max(1, Math.round(source.width * scale)), Math.max(1, Math.round(source.height * scale)));
  const ctx = small.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(source, 0, 0, small.width, small.height);
  return toGrey(ctx.getImageData(0, 0, small.width, small.height));
}
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
    const doc = await openPdf(bytes);
    try {
      // Each page (up to a few: scans of an ID are short), reporting each check's worst page.
      const pages: Check[][] = [];
      for (let n = 1; n <= Math.min(doc.numPages, MAX_PAGES); n++) {
        const page = await renderPage(doc, n, 72);
        // A page with text (a statement, a letter) was made on a computer, not photographed.
        const digital = (await (await doc.getPage(n)).getTextContent()).items.length > 0;
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
  const bitmap = await createImageBitmap(new Blob([clean as BlobPart], { type: format.mime }), {
    resizeWidth: Math.max(1, Math.round(info.width * scale)),
    resizeHeight: Math.max(1, Math.round(info.height * scale)),
    resizeQuality: 'medium',
  });
  const grey = greyCopy(bitmap, SIDE);
  bitmap.close();
  const found = findDocument(shrinkGrey(grey, 320));
  const f = grey.width / shrinkGrey(grey, 320).width;
  const outline = found?.quad.map((p) => ({ x: (p.x + 0.5) * f, y: (p.y + 0.5) * f }));
  const digital = kind === 'png' && screenshotLike(grey);
  return checkQuality(grey, uprightSize(info.width, info.height, info.orientation), { digital, ...(outline ? { outline } : {}) });
}

/**
 * A screenshot or an exported page: most neighbouring pixels exactly equal (flat colours), which
 * a camera's noise never gives.
 */
function screenshotLike(g: Grey): boolean {
  let same = 0;
  let n = 0;
  for (let y = 0; y < g.height; y += 3)
    for (let x = 1; x < g.width; x++, n++) if (g.data[y * g.width + x] === g.data[y * g.width + x - 1]) same++;
  return n > 0 && same / n > 0.6;
}
