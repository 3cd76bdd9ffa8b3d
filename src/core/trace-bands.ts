// The trace embedded off the page's thread: the picture split into horizontal bands, one per
// worker, each band's pixels handed over (transferred, never copied) and back. Two steps, since
// the trace's strength is scaled over the whole picture: each worker measures its band's cells
// (cellStats), the page merges them (amplitudes: a grid of ~300 × 230 numbers) and each worker
// adds the pattern to its band (addPattern). The pixels are exactly those of embedTrace in one
// pass (see embed.ts). No DOM here: the page side (trace-canvas.ts) gives the canvas and workers.
import { addPattern, amplitudes, cellStats, finish, planEmbed, type BandError, type CellStats, type EmbedOptions, type EmbedPlan, type EmbedResult } from './trace/embed.ts';

export type BandRequest = { id: number; step: 'stats'; plan: EmbedPlan; top: number; height: number; pixels: ArrayBuffer } | { id: number; step: 'add'; amp: Float32Array };

export type BandAnswer = { id: number; stats: CellStats } | { id: number; pixels: ArrayBuffer; err: BandError } | { id: number; error: string };

/** One worker (or, in tests, a stand-in) answering band requests. */
export interface BandPort {
  request(req: BandRequest, transfer: Transferable[]): Promise<BandAnswer>;
}

/** The canvas's pixels, a band of whole rows at a time (getImageData / putImageData). */
export interface BandCanvas {
  read(top: number, height: number): Uint8ClampedArray<ArrayBuffer>;
  write(top: number, height: number, pixels: Uint8ClampedArray<ArrayBuffer>): void;
}

/** The worker's side: keeps each band between its two steps. */
export function bandWorker(): (req: BandRequest) => { answer: BandAnswer; transfer: Transferable[] } {
  const held = new Map<number, { plan: EmbedPlan; top: number; height: number; pixels: Uint8ClampedArray<ArrayBuffer> }>();
  return (req) => {
    try {
      if (req.step === 'stats') {
        const pixels = new Uint8ClampedArray(req.pixels);
        held.set(req.id, { plan: req.plan, top: req.top, height: req.height, pixels });
        const stats = cellStats(req.plan, { data: pixels, width: req.plan.width, height: req.height }, req.top);
        return { answer: { id: req.id, stats }, transfer: [stats.sum.buffer, stats.sq.buffer, stats.cnt.buffer] };
      }
      const band = held.get(req.id);
      held.delete(req.id);
      if (!band) throw new Error('no such band');
      const err = addPattern(band.plan, req.amp, { data: band.pixels, width: band.plan.width, height: band.height }, band.top);
      return { answer: { id: req.id, pixels: band.pixels.buffer, err }, transfer: [band.pixels.buffer] };
    } catch (e) {
      held.delete(req.id);
      return { answer: { id: req.id, error: e instanceof Error ? e.message : String(e) }, transfer: [] };
    }
  };
}

let nextId = 0;

/** Rows of the picture for each of `n` bands (at most one per MIN_BAND rows). */
const MIN_BAND = 256;
export function bandRows(height: number, n: number): { top: number; height: number }[] {
  const count = Math.max(1, Math.min(n, Math.floor(height / MIN_BAND)));
  return Array.from({ length: count }, (_, i) => {
    const top = Math.round((i * height) / count);
    return { top, height: Math.round(((i + 1) * height) / count) - top };
  });
}

/**
 * Embeds the trace into the canvas through the ports, one band each. Throws (TraceError, or an
 * Error from a port) when anything fails: then some bands may be traced and others not, so the
 * caller must not use the canvas.
 */
export async function embedInBands(canvas: BandCanvas, width: number, height: number, o: EmbedOptions, ports: BandPort[]): Promise<EmbedResult> {
  const t0 = performance.now();
  if (!ports.length) throw new Error('no trace worker');
  const plan = planEmbed(width, height, width * height * 4, o);
  const bands = bandRows(height, ports.length).map((b, i) => ({ ...b, id: ++nextId, port: ports[i]! }));
  const ask = async <K extends string>(p: BandPort, req: BandRequest, transfer: Transferable[], want: K) => {
    const a = await p.request(req, transfer);
    if (!(want in a)) throw new Error('error' in a ? a.error : 'unexpected answer');
    return a as Extract<BandAnswer, Record<K, unknown>>;
  };
  const stats = await Promise.all(
    bands.map((b) => {
      const pixels = canvas.read(b.top, b.height);
      return ask(b.port, { id: b.id, step: 'stats', plan, top: b.top, height: b.height, pixels: pixels.buffer }, [pixels.buffer], 'stats');
    }),
  );
  const amp = amplitudes(
    plan,
    stats.map((s) => s.stats),
  );
  const done = await Promise.all(bands.map((b) => ask(b.port, { id: b.id, step: 'add', amp }, [], 'pixels')));
  done.forEach((d, i) => canvas.write(bands[i]!.top, bands[i]!.height, new Uint8ClampedArray(d.pixels)));
  return finish(
    plan,
    done.map((d) => d.err),
    t0,
  );
}
