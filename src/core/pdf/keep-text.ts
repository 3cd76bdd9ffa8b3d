// Keep-text: the pages themselves are copied (text stays selectable and searchable) into a new
// document; metadata, annotations, scripts, forms and old revisions stay behind. The watermark
// is an image over each page, drawn by the browser so any script renders; a PDF editor can
// delete it, which the report says.
import { degrees, PDFDict, PDFDocument, PDFName, type PDFImage, type PDFPage } from 'pdf-lib';
import type { MetadataKind } from '../formats/types.ts';
import { encodeCanvas } from '../encode.ts';
import type { Job } from '../job.ts';
import type { StampReport } from '../report.ts';
import { blockImage, planWatermark, summarize, type WatermarkSummary } from '../watermark/draw.ts';
import { createClean, saveClean, scrubJpegStreams, scrubObjects } from './clean.ts';
import { checkPageCount } from './flatten.ts';
import { checkPageSize } from './limits.ts';
import { StampError } from '../errors.ts';

/** Resolution of the watermark layer. */
const LAYER_DPI = 150;

export interface KeptText {
  bytes: Uint8Array;
  /** Document-level metadata the input had (the pages' own is scrubbed silently). */
  removed: MetadataKind[];
  pages: number;
  widthPt: number;
  heightPt: number;
  watermark?: StampReport['watermark'];
}

/**
 * Returns 'encrypted' when the file is locked (pdf-lib cannot decrypt), 'unreadable' when
 * pdf-lib finds no pages in a page tree pdf.js can still walk: flatten it instead.
 */
export async function keepTextPdf(bytes: Uint8Array, job: Job): Promise<KeptText | 'encrypted' | 'unreadable'> {
  let src: PDFDocument;
  try {
    src = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  } catch {
    throw new StampError('corrupt', { kind: 'PDF' });
  }
  if (src.isEncrypted) return 'encrypted';
  if (src.getPageCount() === 0) return 'unreadable';
  checkPageCount(src.getPageCount());
  const removed: MetadataKind[] = [];
  const info = src.context.lookup(src.context.trailerInfo.Info);
  if (info instanceof PDFDict && info.keys().length > 0) removed.push('info');
  if (src.catalog.has(PDFName.of('Metadata'))) removed.push('xmp');
  if (src.catalog.has(PDFName.of('AcroForm'))) removed.push('forms');
  if (src.catalog.has(PDFName.of('Names')) || src.catalog.has(PDFName.of('OpenAction'))) removed.push('javascript');
  const out = await createClean();
  for (const page of await out.copyPages(src, src.getPageIndices())) out.addPage(page);
  scrubObjects(out);
  scrubJpegStreams(out);

  let watermark: KeptText['watermark'];
  if (job.options.mode === 'stamp') {
    const layers = new Map<string, Layer>();
    for (const [i, page] of out.getPages().entries()) {
      const view = displayed(page, i + 1);
      const key = `${Math.round(view.width)}x${Math.round(view.height)}`;
      let layer = layers.get(key);
      if (!layer) {
        layer = await planLayer(out, view.width, view.height, job);
        layers.set(key, layer);
      }
      watermark ??= layer.summary;
      placeTiles(page, layer, view);
    }
  }
  const first = displayed(out.getPage(0), 1);
  return { bytes: await saveClean(out, job.env.randomBytes), removed, pages: out.getPageCount(), widthPt: first.width, heightPt: first.height, watermark };
}

/** The page as a viewer shows it: crop box, turned by /Rotate. */
function displayed(page: PDFPage, n: number) {
  const box = page.getCropBox();
  checkPageSize(n, box.width, box.height);
  const rotation = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  const turned = rotation === 90 || rotation === 270;
  return { width: turned ? box.height : box.width, height: turned ? box.width : box.height, rotation };
}

interface Layer {
  image: PDFImage;
  /** Block size and tile centres in points, y up, on the displayed page. */
  width: number;
  height: number;
  /** Radians, counter-clockwise. */
  angle: number;
  centres: { x: number; y: number }[];
  summary: WatermarkSummary;
}

/** Lays the tiles out as for a picture of the page at LAYER_DPI, and embeds one block image. */
async function planLayer(doc: PDFDocument, width: number, height: number, job: Job): Promise<Layer> {
  const s = LAYER_DPI / 72;
  const scratch = new OffscreenCanvas(1, 1).getContext('2d')!;
  const mark = planWatermark(scratch, width * s, height * s, job.text, job.options.watermark, job.jitter);
  const block = blockImage(mark, job.options.watermark);
  const png = new Uint8Array(await (await encodeCanvas(block, 'image/png', 1)).arrayBuffer());
  return {
    image: await doc.embedPng(png),
    width: block.width / s,
    height: block.height / s,
    angle: -mark.layout.angle, // canvas angles turn clockwise (y down); PDF's counter-clockwise
    centres: mark.layout.tiles.map((t) => ({ x: t.x / s, y: height - t.y / s })),
    summary: summarize(mark, job.code),
  };
}

/**
 * Places the block at every tile so the mark looks right once the viewer applies /Rotate
 * (clockwise): a displayed point p maps to user space as origin + R(rotation)·p, and pdf-lib
 * rotates an image counter-clockwise about its lower-left corner.
 */
function placeTiles(page: PDFPage, layer: Layer, view: ReturnType<typeof displayed>): void {
  const box = page.getCropBox();
  const origin = {
    0: { x: box.x, y: box.y },
    90: { x: box.x + box.width, y: box.y },
    180: { x: box.x + box.width, y: box.y + box.height },
    270: { x: box.x, y: box.y + box.height },
  }[view.rotation];
  const r = (view.rotation * Math.PI) / 180;
  const toUser = (x: number, y: number) => ({ x: origin.x + x * Math.cos(r) - y * Math.sin(r), y: origin.y + x * Math.sin(r) + y * Math.cos(r) });
  const a = layer.angle;
  const half = { x: (layer.width / 2) * Math.cos(a) - (layer.height / 2) * Math.sin(a), y: (layer.width / 2) * Math.sin(a) + (layer.height / 2) * Math.cos(a) };
  const rotate = degrees(((a + r) * 180) / Math.PI);
  for (const c of layer.centres) {
    const corner = toUser(c.x - half.x, c.y - half.y);
    page.drawImage(layer.image, { ...corner, width: layer.width, height: layer.height, rotate });
  }
}
