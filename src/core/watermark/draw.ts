// Pixels: measure and wrap the text with the canvas, lay the tiles out, draw them.
import type { WatermarkOptions } from '../options.ts';
import { fontSizeFor, layoutTiles, maxLineWidth, type Jitter, type Layout } from './layout.ts';
import { textDirection, wrapLine } from './template.ts';
import type { Rect } from '../quality/mrz.ts';

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
}

export function planWatermark(
  ctx: Ctx2D,
  width: number,
  height: number,
  text: readonly string[],
  o: WatermarkOptions,
  jitter: Jitter,
): DrawnWatermark {
  const fontPx = fontSizeFor(width, height, o.size);
  ctx.font = `600 ${fontPx}px ${FONT_STACK}`;
  const measure = (s: string) => ctx.measureText(s).width;
  const lines = text.flatMap((l) => wrapLine(l, maxLineWidth(width, height), measure));
  const layout = layoutTiles(width, height, lines.map(measure), fontPx, o, jitter);
  return { lines, dirs: lines.map(textDirection), layout };
}

type Matrix = [number, number, number, number, number, number];

/**
 * Draws the block of lines centred at the transform's origin. The light "outline" that keeps
 * the mark visible on dark areas is the same text in white, nudged down-right: glyph fills are
 * cached by the browser, stroked outlines are not (they cost more than the rest together).
 */
function drawBlock(ctx: Ctx2D, w: DrawnWatermark, o: WatermarkOptions, m: Matrix): void {
  const { layout, lines, dirs } = w;
  ctx.setTransform(...m);
  const fill = (line: string, i: number, x: number, y: number) => {
    if (ctx.direction !== dirs[i]) ctx.direction = dirs[i]!;
    ctx.fillText(line, x, y);
  };
  const top = -layout.blockHeight / 2 + layout.lineHeightPx / 2;
  const nudge = outlineWidth(w);
  if (o.outline) {
    ctx.globalAlpha = layout.opacity * 0.6;
    ctx.fillStyle = '#ffffff';
    lines.forEach((line, i) => fill(line, i, nudge, top + i * layout.lineHeightPx + nudge));
  }
  ctx.globalAlpha = layout.opacity;
  ctx.fillStyle = o.color;
  lines.forEach((line, i) => fill(line, i, 0, top + i * layout.lineHeightPx));
}

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
export function drawWatermark(ctx: Ctx2D, w: DrawnWatermark, o: WatermarkOptions, keepClear: readonly Rect[] = []): void {
  const cos = Math.cos(w.layout.angle);
  const sin = Math.sin(w.layout.angle);
  withTextStyle(ctx, w, o, () => {
    if (keepClear.length) {
      // Everything but the kept-clear areas (even-odd: the inner rectangles are holes).
      ctx.beginPath();
      ctx.rect(0, 0, ctx.canvas.width, ctx.canvas.height);
      for (const r of keepClear) ctx.rect(r.x, r.y, r.w, r.h);
      ctx.clip('evenodd');
    }
    for (const t of w.layout.tiles) drawBlock(ctx, w, o, [cos, sin, -sin, cos, t.x, t.y]);
  });
}

/** One unrotated copy of the block on a transparent canvas (a PDF places it at each tile). */
export function blockImage(w: DrawnWatermark, o: WatermarkOptions): OffscreenCanvas {
  const pad = Math.ceil(outlineWidth(w)) + 2;
  const canvas = new OffscreenCanvas(Math.ceil(w.layout.blockWidth) + 2 * pad, Math.ceil(w.layout.blockHeight) + 2 * pad);
  const ctx = canvas.getContext('2d')!;
  withTextStyle(ctx, w, o, () => drawBlock(ctx, w, o, [1, 0, 0, 1, canvas.width / 2, canvas.height / 2]));
  return canvas;
}

export type WatermarkSummary = { lines: string[]; code: string; fontPx: number; angle: number; opacity: number; tiles: number; mrz?: Rect; codes?: Rect[] };

export function summarize(mark: DrawnWatermark, code: string): WatermarkSummary {
  const { layout } = mark;
  return {
    lines: mark.lines,
    code,
    fontPx: layout.fontPx,
    angle: Math.round(((layout.angle * 180) / Math.PI) * 10) / 10,
    opacity: Math.round(layout.opacity * 1000) / 1000,
    tiles: layout.tiles.length,
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
