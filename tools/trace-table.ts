/**
 * The trace's robustness table: every attack of issue 21 on photographed documents at 2, 5 and
 * 12 MP; recovered/total (the exact code) and the PSNR of the trace-only copy.
 *
 *   npx tsx tools/trace-table.ts [--mp 2,5,12] [--scenes 2]
 *
 * tests/quality/trace.test.ts runs the same and asserts it; the bench can import traceTable().
 */
import sharp, { type Sharp } from 'sharp';
import { embedTrace, readTrace } from '../src/core/trace/index.ts';
import { pngOf, SCENES, scenePhoto, toRgba, type Rgba } from '../tests/fixtures/trace-pictures.ts';

export const TABLE_KEY = new Uint8Array(32).map((_, i) => (i * 73 + 41) & 255);
export const TABLE_CODE = '7KQ2-M9XD';

type Attack = { name: string; variants: ((png: Buffer, w: number, h: number) => Promise<Buffer>)[] };

const jpeg = (b: Buffer | Promise<Buffer> | Sharp, q: number): Promise<Buffer> =>
  b instanceof Promise || Buffer.isBuffer(b) ? Promise.resolve(b).then((x) => sharp(x).jpeg({ quality: q }).toBuffer()) : b.jpeg({ quality: q }).toBuffer();

/** The attacks' PNGs: lossless at any level, so the fastest gives the same pixels, sooner. */
const LOSSLESS_FAST = { compressionLevel: 1 } as const;

/** Fitted to 1280 px (as a screen shows it), then captured on a 1.5× (HiDPI) screen. */
async function screenshot(b: Buffer): Promise<Buffer> {
  const m = await sharp(b).metadata();
  const s = Math.min(1, 1280 / Math.max(m.width!, m.height!));
  const w = Math.round(m.width! * s);
  const shown = await sharp(b).resize(w).png(LOSSLESS_FAST).toBuffer();
  return sharp(shown)
    .resize(Math.round(w * 1.5))
    .png(LOSSLESS_FAST)
    .toBuffer();
}

/** Half the area (0.707 of each side), with its corner at (fx, fy) of the room left. */
async function crop(b: Buffer, w: number, h: number, fx: number, fy: number): Promise<Buffer> {
  const cw = Math.round(w * Math.SQRT1_2);
  const ch = Math.round(h * Math.SQRT1_2);
  return sharp(b)
    .extract({ left: Math.round((w - cw) * fx), top: Math.round((h - ch) * fy), width: cw, height: ch })
    .png(LOSSLESS_FAST)
    .toBuffer();
}

const OFFSETS: [number, number][] = [
  [0, 0],
  [1, 1],
  [0.37, 0.81],
];

async function chain(b: Buffer, w: number, h: number, fx: number, fy: number): Promise<Buffer> {
  const c = await crop(b, w, h, fx, fy);
  const m = await sharp(c).metadata();
  const small = await jpeg(
    sharp(c)
      .resize(Math.round(m.width! / 2))
      .png(LOSSLESS_FAST)
      .toBuffer(),
    50,
  );
  return jpeg(screenshot(small), 75);
}

/** 35 % of the picture blurred away (a band across it, like a hidden background or a face). */
async function blurred(b: Buffer, w: number, h: number, at: number): Promise<Buffer> {
  const bh = Math.round(h * 0.35);
  const top = Math.round((h - bh) * at);
  const band = await sharp(b).extract({ left: 0, top, width: w, height: bh }).blur(25).png(LOSSLESS_FAST).toBuffer();
  return sharp(b)
    .composite([{ input: band, left: 0, top }])
    .png(LOSSLESS_FAST)
    .toBuffer();
}

export const ATTACKS: Attack[] = [
  { name: 'none (PNG)', variants: [async (b) => b] },
  { name: 'JPEG q50', variants: [(b) => jpeg(b, 50)] },
  {
    name: '0.5× resize',
    variants: [
      async (b, w) =>
        sharp(b)
          .resize(Math.round(w / 2))
          .png(LOSSLESS_FAST)
          .toBuffer(),
    ],
  },
  {
    name: 'crop ½ area',
    variants: OFFSETS.map(
      ([fx, fy]) =>
        (b, w, h) =>
          crop(b, w, h, fx, fy),
    ),
  },
  { name: 'screenshot (1280 px, 1.5×)', variants: [(b) => screenshot(b)] },
  {
    name: 'chain crop→0.5×→q50→shot→q75',
    variants: OFFSETS.map(
      ([fx, fy]) =>
        (b, w, h) =>
          chain(b, w, h, fx, fy),
    ),
  },
  {
    name: 'chain after 35 % blurred',
    variants: OFFSETS.map(
      ([fx, fy], i) =>
        async (b, w, h) =>
          chain(await blurred(b, w, h, [0.5, 0, 1][i]!), w, h, fx, fy),
    ),
  },
  { name: 'rotation ±3° (q90)', variants: [3, -3].map((a) => (b) => jpeg(sharp(b).rotate(a), 90)) },
  { name: 'aspect ±5 % (q90)', variants: [1.05, 0.95].map((f) => (b, w, h) => jpeg(sharp(b).resize(Math.round(w * f), h, { fit: 'fill' }), 90)) },
];

export interface Cell {
  attack: string;
  mp: number;
  recovered: number;
  total: number;
  /** Lowest pilot sync z of the recovered reads. */
  minSync: number;
  wrong: number;
}

export interface TableResult {
  cells: Cell[];
  psnr: { mp: number; scene: string; psnr: number; embedMs: number }[];
  markdown: string;
}

export function psnrOf(a: Rgba, b: Rgba): number {
  let se = 0;
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4)
    for (let c = 0; c < 3; c++) {
      const d = a.data[i + c]! - b.data[i + c]!;
      se += d * d;
      n++;
    }
  return 10 * Math.log10((255 * 255) / (se / n));
}

export async function traceTable(o: { mp?: number[]; scenes?: number; log?: (s: string) => void } = {}): Promise<TableResult> {
  const sizes = o.mp ?? [2, 5, 12];
  const scenes = SCENES.slice(0, o.scenes ?? 2);
  const cells: Cell[] = [];
  const psnr: TableResult['psnr'] = [];
  for (const mp of sizes)
    for (const scene of scenes) {
      const original = await toRgba(await scenePhoto(scene, mp));
      const marked: Rgba = { ...original, data: Uint8ClampedArray.from(original.data) };
      const e = embedTrace(marked, { key: TABLE_KEY, code: TABLE_CODE });
      const p = psnrOf(original, marked);
      psnr.push({ mp, scene: scene.name, psnr: p, embedMs: e.ms });
      o.log?.(`${mp} MP ${scene.name}: ${original.width}×${original.height}, PSNR ${p.toFixed(2)} dB, embed ${e.ms.toFixed(0)} ms`);
      const png = await pngOf(marked);
      for (const attack of ATTACKS) {
        let cell = cells.find((c) => c.attack === attack.name && c.mp === mp);
        if (!cell) cells.push((cell = { attack: attack.name, mp, recovered: 0, total: 0, minSync: Infinity, wrong: 0 }));
        for (const variant of attack.variants) {
          const attacked = await toRgba(await variant(png, marked.width, marked.height));
          const r = readTrace(attacked, TABLE_KEY);
          cell.total++;
          if (r.code === TABLE_CODE) {
            cell.recovered++;
            cell.minSync = Math.min(cell.minSync, r.sync);
          } else if (r.code) cell.wrong++;
          o.log?.(`  ${attack.name}: ${attacked.width}×${attacked.height} → ${r.code ?? 'none'} (sync ${r.sync.toFixed(1)}, bit errors ${r.bitErrors ?? '-'}/164, ${r.ms.toFixed(0)} ms)`);
        }
      }
    }
  return { cells, psnr, markdown: markdown(cells, psnr, sizes) };
}

function markdown(cells: Cell[], psnr: TableResult['psnr'], sizes: number[]): string {
  const head = `| attack | ${sizes.map((s) => `${s} MP`).join(' | ')} |\n|---|${sizes.map(() => '---').join('|')}|`;
  const rows = [...new Set(cells.map((c) => c.attack))].map((a) => {
    const parts = sizes.map((mp) => {
      const c = cells.find((x) => x.attack === a && x.mp === mp);
      return c ? `${c.recovered}/${c.total}${c.wrong ? ` (${c.wrong} wrong!)` : ''}` : '–';
    });
    return `| ${a} | ${parts.join(' | ')} |`;
  });
  const p = sizes.map((mp) => {
    const ps = psnr.filter((x) => x.mp === mp).map((x) => x.psnr);
    return ps.length ? `${Math.min(...ps).toFixed(1)}–${Math.max(...ps).toFixed(1)} dB` : '–';
  });
  return [head, ...rows, `| PSNR of the trace-only copy | ${p.join(' | ')} |`].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const mp = arg('mp')?.split(',').map(Number);
  const scenes = arg('scenes') ? Number(arg('scenes')) : undefined;
  const t = await traceTable({ ...(mp ? { mp } : {}), ...(scenes ? { scenes } : {}), log: (s) => console.error(s) });
  console.log(t.markdown);
}
