// Pixels: measure and wrap the text with the canvas, lay the tiles out, draw them.
import type { WatermarkOptions } from '../options.ts';
import { fontSizeFor, layoutTiles, maxLineWidth, type Jitter, type Layout, type Tile } from './layout.ts';
import { textDirection, wrapLine } from './template.ts';
import { apply, rectToQuad, sides, topAngle, type Homography, type Point, type Quad } from '../document/geometry.ts';
import type { DocumentView } from '../document/view.ts';
import type { Rect } from '../raster/grey.ts';

type Ctx2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

// System fonts only (nothing fetched); the browser falls back per glyph for other scripts.
export const FONT_STACK =
  '"Noto Sans", "Segoe UI", "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", ' +
  '"Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans Arabic", "Noto Color Emoji", ' +
  '"Apple Color Emoji", "Segoe UI Emoji", sans-serif';

export interface DrawnWatermark {
  lines: string[];
  /** Each line's base direction (Arabic: right to left; the browser shapes the letters). */
  dirs: ('ltr' | 'rtl')[];
  layout: Layout;
  /** Laid out on a document: its frame (the layout's own pixels → the picture's) and outline. */
  frame?: Homography;
  quad?: Quad;
  /** The lighter, sparser mark on the picture around the document. */
  background?: Layout;
}

/**
 * Around the document the mark is sparser (the data to protect is on the document), but not
 * lighter: at 0.7 × the opacity, a light table under a low random opacity left whole regions of
 * a small photo without a visible change (tests/browser/stamp.test.ts).
 */
const BACKGROUND = { density: 0.6, opacity: 1 };
/**
 * On the document: larger, denser (density moved 82 % of the way to 1) and lighter, so it
 * covers most of the document while the printed data still reads (tests/quality/marks.test.ts).
 */
export const ON_DOCUMENT = { size: 1.25, density: 0.82, opacity: 0.8 };

/**
 * The mark over a whole picture (no document found, or a picture that is a document as a whole:
 * a screenshot, an exported page), with every region given some mark (fillGaps): the grid's
 * random offset can leave a small picture's region between blocks.
 */
export function planWhole(ctx: Ctx2D, width: number, height: number, text: readonly string[], o: WatermarkOptions, jitter: Jitter): DrawnWatermark {
  const w = planWatermark(ctx, width, height, text, o, jitter);
  return { ...w, layout: fillGaps(w.layout, width, height) };
}

export function planWatermark(ctx: Ctx2D, width: number, height: number, text: readonly string[], o: WatermarkOptions, jitter: Jitter): DrawnWatermark {
  const fontPx = fontSizeFor(width, height, o.size);
  ctx.font = `600 ${fontPx}px ${FONT_STACK}`;
  const measure = (s: string) => ctx.measureText(s).width;
  const lines = text.flatMap((l) => wrapLine(l, maxLineWidth(width, height), measure));
  const layout = layoutTiles(width, height, lines.map(measure), fontPx, o, jitter);
  return { lines, dirs: lines.map(textDirection), layout };
}

/**
 * The mark laid out on a found document: sized and spaced relative to the document, at its
 * angle (the option's angle is relative to the document's text), mapped through its
 * perspective; plus a sparser, lighter mark on the rest of the picture.
 */
export function planOnDocument(ctx: Ctx2D, width: number, height: number, text: readonly string[], o: WatermarkOptions, jitter: Jitter, quad: Quad): DrawnWatermark {
  const { width: dw, height: dh } = sides(quad);
  // Denser and a little larger than on a whole picture: the document is what must be marked.
  const doc = planWatermark(ctx, dw, dh, text, { ...o, size: o.size * ON_DOCUMENT.size, density: o.density + (1 - o.density) * ON_DOCUMENT.density, opacity: o.opacity * ON_DOCUMENT.opacity }, jitter);
  const frame = rectToQuad(dw, dh, quad);
  if (!frame) return planWatermark(ctx, width, height, text, o, jitter);
  // The picture's mark: in the picture's frame, at the document's tilt plus the option's angle.
  const tilt = (topAngle(quad) * 180) / Math.PI;
  const bgFont = fontSizeFor(width, height, o.size);
  ctx.font = `600 ${bgFont}px ${FONT_STACK}`;
  const widths = doc.lines.map((l) => ctx.measureText(l).width);
  const background = layoutTiles(width, height, widths, bgFont, { angle: o.angle + tilt, density: o.density * BACKGROUND.density, opacity: o.opacity * BACKGROUND.opacity }, jitter);
  return { ...doc, frame, quad, background: fillGaps(background, width, height, quad) };
}

/** Side of the regions that each get some mark, as a share of the picture's short side. */
const REGION = 1 / 6;

/**
 * Every region of the picture (around the document, when there is one) gets some mark,
 * whatever the random offset: the sparse grid can leave a small photo's corner between blocks.
 * A region (at most a sixth of the short side) whose centre lies off the document and that no
 * drawn block's text band crosses gets a block of its own, centred there (its ink lies within
 * about a line of its centre, well inside the region).
 */
function fillGaps(layout: Layout, width: number, height: number, quad?: Quad): Layout {
  const onDocument = (p: Point) => !!quad && insideQuad(quad, p);
  const side = Math.min(width, height) * REGION;
  const nx = Math.max(1, Math.ceil(width / side));
  const ny = Math.max(1, Math.ceil(height / side));
  const cos = Math.cos(layout.angle);
  const sin = Math.sin(layout.angle);
  // Drawn blocks only (those centred on the document are skipped), and short of their ragged ends.
  const drawn = layout.tiles.filter((t) => !onDocument(t));
  const halfW = Math.max(0, layout.blockWidth / 2 - layout.fontPx);
  const halfH = layout.blockHeight / 2;
  const covers = (t: Tile, p: Point) => {
    const dx = p.x - t.x;
    const dy = p.y - t.y;
    return Math.abs(dx * cos + dy * sin) <= halfW && Math.abs(-dx * sin + dy * cos) <= halfH;
  };
  const added: Tile[] = [];
  const rw = width / nx;
  const rh = height / ny;
  const SAMPLES = [-0.4, -0.2, 0, 0.2, 0.4];
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      const p = { x: (i + 0.5) * rw, y: (j + 0.5) * rh };
      if (onDocument(p)) continue;
      const crossed = (t: Tile) =>
        SAMPLES.some((fy) =>
          SAMPLES.some((fx) => {
            const q = { x: p.x + fx * rw, y: p.y + fy * rh };
            return covers(t, q) && !onDocument(q);
          }),
        );
      if (!drawn.some(crossed) && !added.some(crossed)) added.push(p);
    }
  return added.length ? { ...layout, tiles: [...layout.tiles, ...added] } : layout;
}

type Matrix = [number, number, number, number, number, number];

/**
 * Draws the block of lines centred at the transform's origin. The light "outline" that keeps
 * the mark visible on dark areas is the same text in white, nudged down-right: glyph fills are
 * cached by the browser, stroked outlines are not (they cost more than the rest together).
 */
function drawBlock(ctx: Ctx2D, w: DrawnWatermark, o: WatermarkOptions, m: Matrix, layout: Layout = w.layout, dark = false): void {
  const { lines, dirs } = w;
  // At a whole pixel: a glyph is rasterised once per sub-pixel phase, so blocks at random
  // fractions of a pixel had theirs rasterised again (with zoneAxes: ~100 → ~25 ms, 12 MP).
  ctx.setTransform(m[0], m[1], m[2], m[3], Math.round(m[4]), Math.round(m[5]));
  const fill = (line: string, i: number, x: number, y: number) => {
    if (ctx.direction !== dirs[i]) ctx.direction = dirs[i]!;
    ctx.fillText(line, x, y);
  };
  const top = -layout.blockHeight / 2 + layout.lineHeightPx / 2;
  const nudge = Math.max(1, layout.fontPx * 0.04);
  // On a dark area the tones swap: a light core with a dark edge.
  if (o.outline) {
    ctx.globalAlpha = Math.min(1, layout.opacity * (dark ? 0.8 : 0.6));
    ctx.fillStyle = dark ? '#000000' : '#ffffff';
    lines.forEach((line, i) => fill(line, i, nudge, top + i * layout.lineHeightPx + nudge));
  }
  ctx.globalAlpha = Math.min(1, layout.opacity * (dark ? 1.4 : 1));
  ctx.fillStyle = dark ? DARK_CORE : o.color;
  lines.forEach((line, i) => fill(line, i, 0, top + i * layout.lineHeightPx));
}

/** Below this mean brightness (0..255) an area counts as dark, and the mark turns light. */
const DARK_BELOW = 100;
const DARK_CORE = '#f4f4f5';

function withTextStyle(ctx: Ctx2D, w: DrawnWatermark, o: WatermarkOptions, draw: () => void): void {
  ctx.save();
  ctx.font = `600 ${w.layout.fontPx}px ${FONT_STACK}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  draw();
  ctx.restore();
}

const outlineWidth = (w: DrawnWatermark) => Math.max(1, w.layout.fontPx * 0.04);

/**
 * Draws the text at every tile. (Placing one pre-rendered block image instead is ~5× slower:
 * every rotated copy resamples its whole rectangle, while text touches only its glyphs.)
 */
export function drawWatermark(ctx: Ctx2D, w: DrawnWatermark, o: WatermarkOptions, keepClear: readonly (Rect | readonly Point[])[] = [], brightness?: DocumentView['brightness']): void {
  const polygons = keepClear.map((k): readonly Point[] =>
    'w' in k
      ? [
          { x: k.x, y: k.y },
          { x: k.x + k.w, y: k.y },
          { x: k.x + k.w, y: k.y + k.h },
          { x: k.x, y: k.y + k.h },
        ]
      : k,
  );
  const W = ctx.canvas.width;
  const H = ctx.canvas.height;
  /** Clips to the inside of `inside` (or everywhere) minus `holes` and `outside`. */
  const clip = (inside: readonly Point[] | undefined, holes: readonly (readonly Point[])[]) => {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    if (inside) {
      ctx.beginPath();
      path(ctx, inside);
      ctx.clip();
    }
    // One clip per hole (even-odd: the polygon inside the full rectangle is a hole); in one
    // path, overlapping holes would cancel each other out.
    for (const p of holes) {
      ctx.beginPath();
      ctx.rect(0, 0, W, H);
      path(ctx, p);
      ctx.clip('evenodd');
    }
  };
  const dark = (x: number, y: number, r: number) => !!brightness && brightness(x, y, r) < DARK_BELOW;
  withTextStyle(ctx, w, o, () => {
    const cos = Math.cos(w.layout.angle);
    const sin = Math.sin(w.layout.angle);
    ctx.save();
    clip(w.quad, polygons);
    const r = w.layout.blockWidth / 2;
    const axes = w.frame && zoneAxes(w.frame, w.layout.tiles);
    for (const t of w.layout.tiles) {
      if (!w.frame || !axes) {
        drawBlock(ctx, w, o, [cos, sin, -sin, cos, t.x, t.y], w.layout, dark(t.x, t.y, r));
        continue;
      }
      // The document's perspective, linearised in the tile's zone: its frame's local axes there.
      const p = apply(w.frame, t);
      const [a, b, c, d] = axes(t);
      drawBlock(ctx, w, o, [a * cos + c * sin, b * cos + d * sin, -a * sin + c * cos, -b * sin + d * cos, p.x, p.y], w.layout, dark(p.x, p.y, r));
    }
    ctx.restore();
    const bg = w.background;
    if (bg && w.quad) {
      ctx.save();
      clip(undefined, [w.quad, ...polygons]);
      const bc = Math.cos(bg.angle);
      const bs = Math.sin(bg.angle);
      const br = bg.blockWidth / 2;
      ctx.font = `600 ${bg.fontPx}px ${FONT_STACK}`;
      for (const t of bg.tiles) if (!insideQuad(w.quad, t)) drawBlock(ctx, w, o, [bc, bs, -bs, bc, t.x, t.y], bg, dark(t.x, t.y, br));
      ctx.restore();
    }
  });
}

type Axes = [number, number, number, number];

/** The frame's local axes at `t` (its linear part there): where one pixel right and one down go. */
function localAxes(frame: Homography, t: Point): Axes {
  const p = apply(frame, t);
  const ux = apply(frame, { x: t.x + 1, y: t.y });
  const vy = apply(frame, { x: t.x, y: t.y + 1 });
  return [ux.x - p.x, ux.y - p.y, vy.x - p.x, vy.y - p.y];
}

/**
 * The axes each block on the document is drawn with. The browser rasterises each glyph once
 * per transform and reuses it: blocks each given the perspective linearised exactly at their
 * own centre all missed that cache, ~95–130 ms of rasterising on a 12 MP photo against ~12 ms
 * with one transform for all (a bench of 63 blocks). So the blocks' extent is cut into n × n
 * zones, n as the perspective needs (the axes change by ≤ ZONE_CHANGE across a zone, n ≤
 * MAX_ZONES), and a block takes the axes at its zone's centre, snapped to steps of 1/AXIS_STEPS
 * of the frame's scale: one transform for a document seen straight on, at most 25. A block is
 * off its exact perspective by at most half a zone's change plus the snap, ~3 % (tests/unit/
 * draw-mark.test.ts): no one sees that in a mark. Undefined where the frame is degenerate.
 */
const ZONE_CHANGE = 0.04;
const MAX_ZONES = 5;
const AXIS_STEPS = 48;
function zoneAxes(frame: Homography, tiles: readonly Tile[]): ((t: Tile) => Axes) | undefined {
  if (!tiles.length) return undefined;
  const xs = tiles.map((t) => t.x);
  const ys = tiles.map((t) => t.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const [a, b, c, d] = localAxes(frame, { x: (x0 + x1) / 2, y: (y0 + y1) / 2 });
  const scale = Math.sqrt(Math.abs(a * d - b * c));
  if (!Number.isFinite(scale) || scale <= 0) return undefined;
  const corners = [localAxes(frame, { x: x0, y: y0 }), localAxes(frame, { x: x1, y: y0 }), localAxes(frame, { x: x0, y: y1 }), localAxes(frame, { x: x1, y: y1 })];
  const change = Math.max(...[0, 1, 2, 3].map((i) => Math.max(...corners.map((m) => m[i]!)) - Math.min(...corners.map((m) => m[i]!)))) / scale;
  const n = Math.min(MAX_ZONES, Math.max(1, Math.ceil(change / ZONE_CHANGE)));
  const step = scale / AXIS_STEPS;
  const centre = (v: number, v0: number, v1: number) => {
    const size = (v1 - v0) / n || 1;
    return v0 + (Math.min(n - 1, Math.floor((v - v0) / size)) + 0.5) * size;
  };
  return (t) => localAxes(frame, { x: centre(t.x, x0, x1), y: centre(t.y, y0, y1) }).map((v) => Math.round(v / step) * step) as Axes;
}

function path(ctx: Ctx2D, p: readonly Point[]): void {
  ctx.moveTo(p[0]!.x, p[0]!.y);
  for (const q of p.slice(1)) ctx.lineTo(q.x, q.y);
  ctx.closePath();
}

/** Whether a point lies inside a convex quadrilateral (either winding). */
function insideQuad(q: Quad, p: Point): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % 4]!;
    const s = Math.sign((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x));
    if (s && sign && s !== sign) return false;
    if (s) sign = s;
  }
  return true;
}

/** One unrotated copy of the block on a transparent canvas (a PDF places it at each tile). */
export function blockImage(w: DrawnWatermark, o: WatermarkOptions): OffscreenCanvas {
  const pad = Math.ceil(outlineWidth(w)) + 2;
  const canvas = new OffscreenCanvas(Math.ceil(w.layout.blockWidth) + 2 * pad, Math.ceil(w.layout.blockHeight) + 2 * pad);
  const ctx = canvas.getContext('2d')!;
  withTextStyle(ctx, w, o, () => drawBlock(ctx, w, o, [1, 0, 0, 1, canvas.width / 2, canvas.height / 2]));
  return canvas;
}

export type WatermarkSummary = { lines: string[]; code: string; fontPx: number; angle: number; opacity: number; tiles: number; mrz?: Rect; codes?: Rect[]; document?: Point[] };

export function summarize(mark: DrawnWatermark, code: string): WatermarkSummary {
  const { layout } = mark;
  return {
    lines: mark.lines,
    code,
    fontPx: layout.fontPx,
    angle: Math.round(((layout.angle * 180) / Math.PI) * 10) / 10,
    opacity: Math.round(layout.opacity * 1000) / 1000,
    tiles: layout.tiles.length + (mark.background?.tiles.length ?? 0),
    ...(mark.quad ? { document: mark.quad.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) })) } : {}),
  };
}

/** Black boxes, burned into the pixels (fractions of the canvas). */
export function drawRedactions(ctx: Ctx2D, width: number, height: number, boxes: readonly { x: number; y: number; w: number; h: number }[]): void {
  if (!boxes.length) return;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.fillStyle = '#000000';
  for (const b of boxes) ctx.fillRect(Math.floor(b.x * width), Math.floor(b.y * height), Math.ceil(b.w * width) + 1, Math.ceil(b.h * height) + 1);
  ctx.restore();
}
