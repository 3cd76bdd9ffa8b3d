// The trace embedded off the page's thread: the picture split into horizontal bands, one per
// worker. The trace's strength is scaled over the whole picture, so the page reads each band,
// measures its cells (cellStats: a sample every few pixels) and merges them (amplitudes: a grid
// of ~300 × 230 numbers); then each band's pixels go to a worker (transferred, never copied),
// which adds the pattern (addPattern) and hands them back. The pixels are exactly those of
// embedTrace in one pass (see embed.ts). No DOM here: the page side (trace-canvas.ts) gives the
// canvas and workers.
import { addPattern, amplitudes, cellStats, finish, planEmbed, type BandError, type EmbedOptions, type EmbedPlan, type EmbedResult } from './trace/embed.ts';

export interface BandRequest {
  id: number;
  plan: EmbedPlan;
  amp: Float32Array;
  top: number;
  height: number;
  pixels: ArrayBuffer;
}

export type BandAnswer = { id: number; pixels: ArrayBuffer; err: BandError } | { id: number; error: string };

/** One worker (or, in tests, a stand-in) answering band requests. */
export interface BandPort {
  request(req: BandRequest, transfer: Transferable[]): Promise<BandAnswer>;
}

/** The canvas's pixels, in bands of whole rows (read all at once, written back one by one). */
export interface BandCanvas {
  read(bands: readonly { top: number; height: number }[]): Promise<Uint8ClampedArray<ArrayBuffer>[]>;
  write(top: number, height: number, pixels: Uint8ClampedArray<ArrayBuffer>): void;
}

/** The worker's side: adds the pattern to one band and hands its pixels back. Keeps nothing. */
export function bandWorker(): (req: BandRequest) => { answer: BandAnswer; transfer: Transferable[] } {
  return (req) => {
    try {
      const pixels = new Uint8ClampedArray(req.pixels);
      const err = addPattern(req.plan, req.amp, { data: pixels, width: req.plan.width, height: req.height }, req.top);
      return { answer: { id: req.id, pixels: pixels.buffer, err }, transfer: [pixels.buffer] };
    } catch (e) {
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
  const rows = bandRows(height, ports.length);
  const read = await canvas.read(rows);
  const bands = rows.map((b, i) => {
    const pixels = read[i]!;
    return { ...b, id: ++nextId, port: ports[i]!, pixels, stats: cellStats(plan, { data: pixels, width, height: b.height }, b.top) };
  });
  const amp = amplitudes(
    plan,
    bands.map((b) => b.stats),
  );
  const done = await Promise.all(
    bands.map(async (b) => {
      const a = await b.port.request({ id: b.id, plan, amp, top: b.top, height: b.height, pixels: b.pixels.buffer }, [b.pixels.buffer]);
      if (!('pixels' in a)) throw new Error('error' in a ? a.error : 'unexpected answer');
      return a;
    }),
  );
  done.forEach((d, i) => canvas.write(bands[i]!.top, bands[i]!.height, new Uint8ClampedArray(d.pixels)));
  return finish(
    plan,
    done.map((d) => d.err),
    t0,
  );
}
