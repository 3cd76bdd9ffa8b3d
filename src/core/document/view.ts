// One look at the picture before the mark is drawn: where the document is (its outline), and
// what on it must stay clear (MRZ, 2D codes), found in the document's own levelled frame so a
// tilted card is searched as if it lay straight. Small copies only: ~320 px for the outline,
// the document levelled to ~900 px for the keep-clear search.
import { findCodes } from './codes.ts';
import { findMrz } from './mrz-band.ts';
import { screenshotLike } from './digital.ts';
import { colourPlanes, findDocument } from './find.ts';
import { apply, rectToQuad, sides, topAngle, type Homography, type Point, type Quad } from './geometry.ts';
import { paperSample, toGrey, type Grey, type Rect } from '../raster/grey.ts';
import { readFrame } from '../raster/frame.ts';
import { give, take, takeFloats } from '../raster/spare.ts';

export interface DocumentView {
  /** The document's outline in the picture's pixels (the whole picture when none was found). */
  quad: Quad;
  found: boolean;
  /** Areas the mark leaves alone, as polygons in the picture's pixels. */
  keepClear: Point[][];
  /** Bounding boxes, for the report. */
  mrz?: Rect;
  codes: Rect[];
  /** Mean brightness (0..255) around a point of the picture, from the small copy. */
  brightness: (x: number, y: number, radius: number) => number;
  ms: number;
  /** Where the time went: the small copy, the outline, the keep-clear search. */
  parts?: { copy: number; find: number; keepClear: number };
}

/** A small RGBA copy of a canvas or bitmap, at most `side` pixels on its long side. */
export function smallCopy(source: OffscreenCanvas | ImageBitmap, side: number): ImageData {
  const small = scaledCanvas(source, side, { willReadFrequently: true });
  const pixels = small.getContext('2d')!.getImageData(0, 0, small.width, small.height);
  small.width = small.height = 0; // freed now, not when collected
  return pixels;
}

/** The picture drawn at most `side` pixels on its long side (opaque unless `settings` say otherwise). */
function scaledCanvas(source: OffscreenCanvas | ImageBitmap, side: number, settings: CanvasRenderingContext2DSettings = { alpha: false }): OffscreenCanvas {
  const scale = Math.min(1, side / Math.max(source.width, source.height));
  const small = new OffscreenCanvas(Math.max(1, Math.round(source.width * scale)), Math.max(1, Math.round(source.height * scale)));
  const ctx = small.getContext('2d', settings)!;
  // Averaged, not sampled: a sampled copy aliases sensor noise and fine texture into edges.
  // 'medium' averages through a pyramid of halvings (mipmaps) the browser builds of the whole
  // source, ~10 ms for an A4 page at 150 DPI; shrunk by less than half (a page to the search's
  // 720 px), bilinear sampling already draws on every source pixel: ~2 ms.
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = scale >= 0.5 ? 'low' : 'medium';
  ctx.drawImage(source, 0, 0, small.width, small.height);
  return small;
}

/**
 * A grey copy of the picture at most `side` pixels on its long side, for the keep-clear search,
 * in floats lent under `kind` (give them back when done): a document's pages would each leave
 * their copies (~7 MB a page) for a collector that lets them pile up, +40 MB over a 5-page scan.
 * Drawn opaque and read into a spare buffer: a transparent pixel reads black, as getImageData's
 * (0, 0, 0, 0) did. `drawn`: that copy, already made.
 */
async function lentGrey(source: OffscreenCanvas, side: number, kind: string, drawn?: OffscreenCanvas): Promise<Grey> {
  const small = drawn ?? scaledCanvas(source, side);
  const { width, height } = small;
  const rgba = take('view-rgba', width * height * 4);
  try {
    return toGrey({ data: await readInto(small, rgba), width, height }, takeFloats(kind, width * height));
  } finally {
    give('view-rgba', rgba);
    small.width = small.height = 0;
  }
}

/** The canvas's pixels into `into` (raster/frame.ts); where the browser cannot, a new getImageData. */
async function readInto(canvas: OffscreenCanvas, into: Uint8Array<ArrayBuffer>): Promise<Uint8Array | Uint8ClampedArray> {
  const { width, height } = canvas;
  if (await readFrame(canvas, async (copy) => void (await copy(into, { x: 0, y: 0, width, height })))) return into;
  return canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
}

const wholePicture = (w: number, h: number): Quad => [
  { x: 0, y: 0 },
  { x: w, y: 0 },
  { x: w, y: h },
  { x: 0, y: h },
];

/**
 * Resamples a grey picture through `h` (output pixel → source pixel), bilinear. Along a row the
 * homography's three sums grow by constant steps, and one reciprocal serves both coordinates
 * (a 12 MP photo's levelled document: 14 → 8.6 ms in node).
 */
export function warpGrey(src: Grey, h: Homography, width: number, height: number, out = new Float32Array(width * height)): Grey {
  const { width: W, height: H, data } = src;
  const [a, b, c, d, e, f, g, k, m] = h;
  for (let y = 0; y < height; y++) {
    const Y = y + 0.5;
    // At X = 0.5, then + a, d, g per pixel: apply(h, …) inlined, no object per pixel.
    let u = a * 0.5 + b * Y + c;
    let v = d * 0.5 + e * Y + f;
    let z = g * 0.5 + k * Y + m;
    for (let x = 0, i = y * width; x < width; x++, i++, u += a, v += d, z += g) {
      const iz = 1 / z;
      out[i] = paperSample(data, W, H, u * iz - 0.5, v * iz - 0.5);
    }
  }
  return { width, height, data: out };
}

export interface ViewOptions {
  /** Search for MRZ and codes to keep clear. */
  protect: boolean;
  /**
   * Treat a picture of flat colours (a screenshot, an exported page: `kind` a lossless format)
   * as the document whole. (A PDF page always is: keepClearAreas.)
   */
  wholeIfFlat?: boolean;
}

/** Margin of the levelled frame around the found outline (share of each side): a pale MRZ strip on a pale table may be left out of the outline. */
const MARGIN = 0.12;
/** Below the outline the frame reaches further: the MRZ is at the bottom of a document, and a pale MRZ strip is what an outline most often stops above. */
const BELOW = 0.45;
const LEVEL_WIDTH = 720;

/** The kind under which the keep-clear search's picture is lent (raster/spare.ts). */
const LEVEL = 'view-level';

/** The keep-clear search's picture: a grey copy, and its pixels' place in the picture. */
interface Level {
  level: Grey;
  levelToPicture: (p: Point) => Point;
}

/**
 * The found document levelled, with a margin, about 720 px wide (MRZ characters ~10 px tall):
 * the outline's perspective undone.
 */
async function levelled(canvas: OffscreenCanvas, quad: Quad): Promise<Level> {
  const { width: W, height: H } = canvas;
  const side = sides(quad);
  const scale = Math.min(1, LEVEL_WIDTH / side.width);
  const lw = Math.round(side.width * (1 + 2 * MARGIN) * scale);
  const lh = Math.round(side.height * (1 + MARGIN + BELOW) * scale);
  const big = await lentGrey(canvas, Math.round(Math.max(W, H) * scale), 'view-big');
  const bs = big.width / W;
  // Levelled frame (with margin) → picture pixels → the big grey copy's pixels.
  const mx = side.width * MARGIN * scale;
  const my = side.height * MARGIN * scale;
  const toPicture = rectToQuad(side.width * scale, side.height * scale, quad)!;
  const levelToPicture = (p: Point): Point => apply(toPicture, { x: p.x - mx, y: p.y - my });
  const corners = [
    { x: 0, y: 0 },
    { x: lw, y: 0 },
    { x: lw, y: lh },
    { x: 0, y: lh },
  ];
  const toBig = rectToQuad(lw, lh, corners.map((p) => levelToPicture(p)).map((p) => ({ x: p.x * bs, y: p.y * bs })) as Quad)!;
  const level = warpGrey(big, toBig, lw, lh, takeFloats(LEVEL, lw * lh));
  give('view-big', big.data);
  return { level, levelToPicture };
}

/** The long side of the whole picture's copy for the keep-clear search: LEVEL_WIDTH wide. */
const wholeSide = ({ width: W, height: H }: OffscreenCanvas) => Math.round(Math.max(W, H) * Math.min(1, LEVEL_WIDTH / W));

/**
 * The whole picture as the document (a PDF page, a screenshot, a photo with no document found):
 * already level, and nothing lies outside it, so the copy at the same scale is the levelled
 * frame (no margin of blank paper, no resampling: half the pixels to search on an A4 page).
 */
async function scaledWhole(canvas: OffscreenCanvas, drawn?: OffscreenCanvas): Promise<Level> {
  const { width: W, height: H } = canvas;
  const level = await lentGrey(canvas, wholeSide(canvas), LEVEL, drawn);
  const kx = W / level.width;
  const ky = H / level.height;
  return { level, levelToPicture: (p) => ({ x: p.x * kx, y: p.y * ky }) };
}

/** The MRZ searched on the picture as it is (800 px), as a polygon in its pixels. */
async function mrzAsItIs(canvas: OffscreenCanvas): Promise<Point[] | undefined> {
  const { width: W, height: H } = canvas;
  const flat = await lentGrey(canvas, 800, 'view-flat');
  const m = findMrz(flat);
  give('view-flat', flat.data);
  return m
    ? [
        { x: m.x * W, y: m.y * H },
        { x: (m.x + m.w) * W, y: m.y * H },
        { x: (m.x + m.w) * W, y: (m.y + m.h) * H },
        { x: m.x * W, y: (m.y + m.h) * H },
      ]
    : undefined;
}

/**
 * What on the levelled document stays clear: its MRZ (with `moreMrz`, zones found otherwise)
 * and its 2D codes, as polygons in the picture's pixels (a W × H picture), with their bounds.
 */
function keepClearIn({ level, levelToPicture }: Level, W: number, H: number, moreMrz: Point[][] = []): Pick<DocumentView, 'keepClear' | 'mrz' | 'codes'> {
  const lw = level.width;
  const lh = level.height;
  // A little extra all round: the found band hugs the characters, and a reader wants a quiet margin.
  const pad = lh * 0.012;
  const polygon = (r: Rect): Point[] =>
    [
      { x: r.x * lw - pad, y: r.y * lh - pad },
      { x: (r.x + r.w) * lw + pad, y: r.y * lh - pad },
      { x: (r.x + r.w) * lw + pad, y: (r.y + r.h) * lh + pad },
      { x: r.x * lw - pad, y: (r.y + r.h) * lh + pad },
    ].map(levelToPicture);
  const bounds = (p: Point[]): Rect => {
    const xs = p.map((q) => q.x);
    const ys = p.map((q) => q.y);
    const x = Math.max(0, Math.min(...xs));
    const y = Math.max(0, Math.min(...ys));
    return { x, y, w: Math.min(W, Math.max(...xs)) - x, h: Math.min(H, Math.max(...ys)) - y };
  };
  const mrz = findMrz(level);
  const zones = [...(mrz ? [polygon(mrz)] : []), ...moreMrz];
  const codes = findCodes(level).map(polygon);
  return { keepClear: [...zones, ...codes], ...(zones.length ? { mrz: bounds(zones.flat()) } : {}), codes: codes.map(bounds) };
}

export async function viewDocument(canvas: OffscreenCanvas, o: ViewOptions): Promise<DocumentView> {
  const t0 = performance.now();
  const { width: W, height: H } = canvas;
  // A picture that is likely the document as a whole (a lossless picture) is drawn at the
  // keep-clear search's scale first, and the small copy from that: one pass over the whole
  // picture, not two (a 3000×2000 screenshot, paired: 0.958 of the stamp's time).
  let mid = o.protect && o.wholeIfFlat ? scaledCanvas(canvas, wholeSide(canvas)) : undefined;
  const small = smallCopy(mid ?? canvas, 320);
  const grey = toGrey(small);
  const t1 = performance.now();
  const whole = o.wholeIfFlat && screenshotLike(grey);
  if (!whole && mid) {
    mid.width = mid.height = 0; // a photo after all: the search draws its own copies
    mid = undefined;
  }
  const found = whole ? undefined : findDocument(grey, colourPlanes(small));
  const t2 = performance.now();
  const sx = W / small.width;
  const sy = H / small.height;
  const quad: Quad = found ? (found.quad.map((p) => ({ x: (p.x + 0.5) * sx, y: (p.y + 0.5) * sy })) as Quad) : wholePicture(W, H);
  const brightness = (x: number, y: number, radius: number): number => {
    const cx = Math.round(x / sx);
    const cy = Math.round(y / sy);
    const r = Math.max(1, Math.round(radius / sx));
    let s = 0;
    let n = 0;
    for (let yy = Math.max(0, cy - r); yy <= Math.min(grey.height - 1, cy + r); yy += 2)
      for (let xx = Math.max(0, cx - r); xx <= Math.min(grey.width - 1, cx + r); xx += 2) {
        s += grey.data[yy * grey.width + xx]!;
        n++;
      }
    return n ? s / n : 128;
  };
  const view: DocumentView = { quad, found: !!found, keepClear: [], codes: [], brightness, ms: 0 };
  if (o.protect) {
    const { level, levelToPicture } = found ? await levelled(canvas, quad) : await scaledWhole(canvas, mid);
    // A level document: also the picture as it is (an outline that stopped at an inner frame,
    // a pale card on pale paper, can cut the MRZ short in the levelled frame). Not on a tilted
    // one, where a level band would be far too tall.
    const flat = found && Math.abs(topAngle(quad)) < (3 * Math.PI) / 180 ? await mrzAsItIs(canvas) : undefined;
    Object.assign(view, keepClearIn({ level, levelToPicture }, W, H, flat ? [flat] : []));
    give(LEVEL, level.data);
  }
  view.ms = performance.now() - t0;
  view.parts = { copy: t1 - t0, find: t2 - t1, keepClear: performance.now() - t2 };
  return view;
}

/**
 * What the mark must leave clear on a whole page (a PDF page is a document as a whole): a
 * machine-readable zone and 2D codes, in its pixels.
 */
export async function keepClearAreas(canvas: OffscreenCanvas): Promise<{ mrz?: Rect; codes: Rect[] }> {
  // A page is the document whole: no outline to look for, so no small copy of it either.
  const { level, levelToPicture } = await scaledWhole(canvas);
  try {
    const { mrz, codes } = keepClearIn({ level, levelToPicture }, canvas.width, canvas.height);
    return { ...(mrz ? { mrz } : {}), codes };
  } finally {
    give(LEVEL, level.data);
  }
}
