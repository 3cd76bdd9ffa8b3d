// How the mark is handed to the canvas: the transforms its blocks are drawn with. The browser
// rasterises each glyph once per transform and sub-pixel phase, so blocks that each had their
// own exact perspective and fractional position cost ~100 ms of glyph rasterising on a 12 MP
// photo (draw.ts, axisStep). A recording context stands in for the canvas.
import { describe, expect, it } from 'vitest';
import { apply, rectToQuad, sides, type Point, type Quad } from '../../src/core/document/geometry.ts';
import { WatermarkOptionsSchema } from '../../src/core/options.ts';
import { drawWatermark, planOnDocument, planWhole } from '../../src/core/watermark/draw.ts';
import { NO_JITTER } from '../../src/core/watermark/layout.ts';

type Transform = [number, number, number, number, number, number];

/** A 2D context that lays text out at ~0.55 em a character and records each text's transform. */
function recordingContext(width: number, height: number) {
  const drawn: Transform[] = [];
  let current: Transform = [1, 0, 0, 1, 0, 0];
  let fontPx = 10;
  const ctx = {
    canvas: { width, height },
    globalAlpha: 1,
    fillStyle: '#000',
    direction: 'ltr',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    get font() {
      return `600 ${fontPx}px x`;
    },
    set font(f: string) {
      fontPx = Number(/(\d+(?:\.\d+)?)px/.exec(f)?.[1] ?? 10);
    },
    measureText: (s: string) => ({ width: s.length * fontPx * 0.55 }),
    setTransform: (...m: Transform) => void (current = m),
    fillText: () => void drawn.push(current),
    save() {},
    restore() {},
    beginPath() {},
    rect() {},
    moveTo() {},
    lineTo() {},
    closePath() {},
    clip() {},
  };
  return { ctx: ctx as unknown as OffscreenCanvasRenderingContext2D, drawn };
}

const options = WatermarkOptionsSchema.parse({});
const text = ['Only for okx.com identity verification', '2026-12-06 · 7KQ2-M9XD'];
/** A card photographed a little from the side: the far edge shorter, the near one longer. */
const card: Quad = [
  { x: 820, y: 760 },
  { x: 3180, y: 700 },
  { x: 3260, y: 2330 },
  { x: 760, y: 2260 },
];

describe('the mark on a photographed document', () => {
  const { ctx, drawn } = recordingContext(4000, 3000);
  const mark = planOnDocument(ctx, 4000, 3000, text, options, NO_JITTER, card);
  drawWatermark(ctx, mark, options);
  const linear = (m: Transform) =>
    m
      .slice(0, 4)
      .map((v) => v.toFixed(9))
      .join(',');

  it('draws every block at a whole pixel', () => {
    expect(drawn.length).toBeGreaterThan(40);
    for (const m of drawn) {
      expect(Number.isInteger(m[4])).toBe(true);
      expect(Number.isInteger(m[5])).toBe(true);
    }
  });

  it('draws the blocks with fewer transforms, each within ~3 % of its exact perspective', () => {
    const onDocument = mark.layout.tiles.map((t) => {
      const frame = rectToQuad(sides(card).width, sides(card).height, card)!;
      const p = apply(frame, t);
      const axis = (q: Point) => ({ x: q.x - p.x, y: q.y - p.y });
      const u = axis(apply(frame, { x: t.x + 1, y: t.y }));
      const v = axis(apply(frame, { x: t.x, y: t.y + 1 }));
      const c = Math.cos(mark.layout.angle);
      const s = Math.sin(mark.layout.angle);
      const exact = [u.x * c + v.x * s, u.y * c + v.y * s, -u.x * s + v.x * c, -u.y * s + v.y * c];
      // The block's transform as drawn: the one set when its position was.
      const m = drawn.find((d) => Math.abs(d[4] - p.x) <= 0.5 && Math.abs(d[5] - p.y) <= 0.5)!;
      expect(m, `block at ${t.x},${t.y}`).toBeDefined();
      // Half a zone's change in perspective (≤ 2 %), the snap (≤ 1 %), the perspective's curve.
      for (let i = 0; i < 4; i++) expect(Math.abs(m[i]! - exact[i]!)).toBeLessThan(0.035);
      return linear(m);
    });
    // Exact per-block perspective gave every one of them its own transform.
    expect(onDocument.length).toBeGreaterThan(30);
    expect(new Set(onDocument).size).toBeLessThanOrEqual(25);
  });
});

describe('the mark on a document seen straight on', () => {
  it('draws the blocks on it with one transform', () => {
    const { ctx, drawn } = recordingContext(4000, 3000);
    const straight: Quad = [
      { x: 805, y: 753 },
      { x: 3227, y: 757 },
      { x: 3227, y: 2266 },
      { x: 805, y: 2272 },
    ];
    const mark = planOnDocument(ctx, 4000, 3000, text, options, NO_JITTER, straight);
    drawWatermark(ctx, { ...mark, background: undefined }, options);
    expect(drawn.length).toBeGreaterThan(27);
    expect(new Set(drawn.map((m) => m.slice(0, 4).join(','))).size).toBe(1);
  });
});

describe('the mark over a whole picture', () => {
  it('draws every block at a whole pixel, with one transform', () => {
    const { ctx, drawn } = recordingContext(3001, 1999);
    drawWatermark(ctx, planWhole(ctx, 3001, 1999, text, options, { ...NO_JITTER, offsetX: 0.37, offsetY: 0.61 }), options);
    expect(drawn.length).toBeGreaterThan(10);
    expect(new Set(drawn.map((m) => m.slice(0, 4).join(','))).size).toBe(1);
    for (const m of drawn) expect(Number.isInteger(m[4]) && Number.isInteger(m[5])).toBe(true);
  });
});
