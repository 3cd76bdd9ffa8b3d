// Plane geometry of a document in a picture: points, quadrilaterals and the homography (3×3
// projective map) between the document's own flat frame and the picture. Pure math.

export interface Point {
  x: number;
  y: number;
}

/** Corners in order: top-left, top-right, bottom-right, bottom-left (of the document's text). */
export type Quad = [Point, Point, Point, Point];

/** Row-major 3×3, h[8] normalised to 1. */
export type Homography = [number, number, number, number, number, number, number, number, number];

/** Solves A·x = b (n×n, Gaussian elimination with partial pivoting); undefined if singular. */
function solve(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    if (Math.abs(m[p]![c]!) < 1e-12) return undefined;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/** The homography that maps each `from[i]` onto `to[i]` (four points each). */
export function homography(from: readonly Point[], to: readonly Point[]): Homography | undefined {
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i]!;
    const { x: u, y: v } = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  const h = solve(a, b);
  return h ? ([...h, 1] as Homography) : undefined;
}

/** Maps the rectangle 0..w × 0..h (a document's own frame) onto a quadrilateral. */
export const rectToQuad = (w: number, h: number, q: Quad): Homography | undefined =>
  homography(
    [
      { x: 0, y: 0 },
      { x: w, y: 0 },
      { x: w, y: h },
      { x: 0, y: h },
    ],
    q,
  );

export function apply(h: Homography, p: Point): Point {
  const d = h[6] * p.x + h[7] * p.y + h[8];
  return { x: (h[0] * p.x + h[1] * p.y + h[2]) / d, y: (h[3] * p.x + h[4] * p.y + h[5]) / d };
}

export function invert(h: Homography): Homography {
  const [a, b, c, d, e, f, g, k, i] = h;
  const A = e * i - f * k;
  const B = -(d * i - f * g);
  const C = d * k - e * g;
  const det = a * A + b * B + c * C;
  const inv = [A, -(b * i - c * k), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * k - b * g), a * e - b * d].map((x) => x / det);
  const n = inv[8]!;
  return inv.map((x) => x / n) as Homography;
}

/** Signed area (positive when the corners turn clockwise on screen, y down). */
export function area(q: readonly Point[]): number {
  let s = 0;
  for (let i = 0; i < q.length; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % q.length]!;
    s += a.x * b.y - b.x * a.y;
  }
  return s / 2;
}

/** Angle of the document's top edge, radians (canvas convention: clockwise positive). */
export const topAngle = (q: Quad): number => Math.atan2(q[1].y - q[0].y + (q[2].y - q[3].y), q[1].x - q[0].x + (q[2].x - q[3].x));

/** Mean length of opposite sides: the document's width and height in picture pixels. */
export function sides(q: Quad): { width: number; height: number } {
  const d = (a: Point, b: Point) => Math.hypot(b.x - a.x, b.y - a.y);
  return { width: (d(q[0], q[1]) + d(q[3], q[2])) / 2, height: (d(q[0], q[3]) + d(q[1], q[2])) / 2 };
}

/** Largest distance between corresponding corners (for tests and for comparing finds). */
export const cornerError = (a: Quad, b: Quad): number => Math.max(...a.map((p, i) => Math.hypot(p.x - b[i]!.x, p.y - b[i]!.y)));
