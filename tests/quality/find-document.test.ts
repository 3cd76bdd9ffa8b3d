// The document finder on generated photos (each document type, tilted, on wood, dark, busy
// and light backgrounds): corner error against the true outline, and its cost.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { colourPlanes, findDocument, scaleQuad } from '../../src/core/document/find.ts';
import { area, cornerError, sides, type Quad } from '../../src/core/document/geometry.ts';
import { photographDocument, renderDocument, type Background, type DocKind } from '../fixtures/documents.ts';

async function look(kind: DocKind, background: Background, angle: number) {
  const photo = await photographDocument(await renderDocument(kind), { seed: 11 + angle, angle, background, perspective: 0.03 });
  const { data, info } = await sharp(photo.jpeg).resize(320).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const planes = colourPlanes({ data, width: info.width, height: info.height });
  const grey = new Float32Array(planes[0]!.length);
  for (let i = 0; i < grey.length; i++) grey[i] = 0.299 * planes[0]![i]! + 0.587 * planes[1]![i]! + 0.114 * planes[2]![i]!;
  const g = { width: info.width, height: info.height, data: grey };
  const t = performance.now();
  const found = findDocument(g, planes);
  const ms = performance.now() - t;
  const diag = Math.hypot(sides(photo.corners).width, sides(photo.corners).height);
  return { photo, quad: found && scaleQuad(found.quad, g, photo), ms, diag };
}

const inside = (q: Quad, p: { x: number; y: number }, slack: number) =>
  q.every((a, i) => {
    const b = q[(i + 1) % 4]!;
    return ((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)) / Math.hypot(b.x - a.x, b.y - a.y) >= -slack;
  });

describe('document finder', () => {
  const cases: [DocKind, Background, number][] = [
    ['id-card', 'wood', -12],
    ['td2', 'dark', 15],
    ['licence', 'light', 6],
    ['id-card', 'busy', 5],
    ['licence', 'dark', -7],
    ['td2', 'wood', 20],
  ];
  it.each(cases)('%s on %s at %s°: corners within 1 % of the diagonal', async (kind, bg, angle) => {
    const r = await look(kind, bg, angle);
    expect(r.quad, 'found').toBeDefined();
    const err = cornerError(r.quad!, r.photo.corners);
    console.log(`${kind} on ${bg} at ${angle}°: corner error ${err.toFixed(1)} px (diagonal ${r.diag.toFixed(0)} px), ${r.ms.toFixed(1)} ms`);
    expect(err).toBeLessThan(r.diag * 0.01);
  });

  // Known limit: a dark header band on a busy background, or a pale MRZ strip on a pale table,
  // can be taken for the edge. The outline found is then an inner frame of the document, never
  // one that takes in the table (the keep-clear search looks past it, see document/view.ts).
  it.each([
    ['passport', 'busy', 9],
    ['passport', 'light', -18],
  ] as [DocKind, Background, number][])('%s on %s at %s°: at worst an inner frame of the document', async (kind, bg, angle) => {
    const r = await look(kind, bg, angle);
    expect(r.quad, 'found').toBeDefined();
    const err = cornerError(r.quad!, r.photo.corners);
    console.log(`${kind} on ${bg} at ${angle}°: corner error ${err.toFixed(1)} px, ${((Math.abs(area(r.quad!)) / Math.abs(area(r.photo.corners))) * 100).toFixed(0)} % of its area`);
    for (const p of r.quad!) expect(inside(r.photo.corners, p, r.diag * 0.01)).toBe(true);
    expect(Math.abs(area(r.quad!)) / Math.abs(area(r.photo.corners))).toBeGreaterThan(0.75);
  });
});
