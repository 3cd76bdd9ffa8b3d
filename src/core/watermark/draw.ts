// Pixels: measure and wrap the text with the canvas, lay the tiles out, draw them.
import type { WatermarkOptions } from '../options.ts';
import { fontSizeFor, layoutTiles, maxLineWidth, type Jitter, type Layout } from './layout.ts';
import { wrapLine } from './template.ts';

type Ctx2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

// System fonts only (nothing fetched); the browser falls back per glyph for other scripts.
export const FONT_STACK =
  '"Noto Sans", "Segoe UI", "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", ' +
  '"Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans Arabic", "Noto Color Emoji", ' +
  '"Apple Color Emoji", "Segoe UI Emoji", sans-serif';

export interface DrawnWatermark {
  lines: string[];
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
  return { lines, layout };
}

export function drawWatermark(ctx: Ctx2D, w: DrawnWatermark, o: WatermarkOptions): void {
  const { layout, lines } = w;
  ctx.save();
  ctx.font = `600 ${layout.fontPx}px ${FONT_STACK}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = o.color;
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = Math.max(1, layout.fontPx * 0.05);
  ctx.lineJoin = 'round';
  const top = -layout.blockHeight / 2 + layout.lineHeightPx / 2;
  for (const t of layout.tiles) {
    ctx.setTransform(Math.cos(layout.angle), Math.sin(layout.angle), -Math.sin(layout.angle), Math.cos(layout.angle), t.x, t.y);
    lines.forEach((line, i) => {
      const y = top + i * layout.lineHeightPx;
      if (o.outline) {
        ctx.globalAlpha = layout.opacity * 0.6;
        ctx.strokeText(line, 0, y);
      }
      ctx.globalAlpha = layout.opacity;
      ctx.fillText(line, 0, y);
    });
  }
  ctx.restore();
}
