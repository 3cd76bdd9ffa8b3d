// The invisible trace added to what a canvas shows: the picture path (image.ts) and each
// flattened PDF page (pdf/flatten.ts) call this once their visible mark is drawn. The work runs
// in workers (trace.worker.ts), one band of the picture each, so the page stays responsive.
import { isStampError, StampError } from './errors.ts';
import type { Job } from './job.ts';
import type { TraceReport } from './report.ts';
import { embedInBands, type BandAnswer, type BandCanvas, type BandPort, type BandRequest } from './trace-bands.ts';
import TraceWorker from './trace.worker.ts?worker';
import { readFrame } from './raster/frame.ts';

/**
 * Fails closed: any failure (the worker's too) is a StampError, never a copy handed out without
 * its trace. `ports`: the workers (tests give stand-ins).
 */
export async function traceCanvas(ctx: OffscreenCanvasRenderingContext2D, width: number, height: number, job: Job, ports: BandPort[] = tracePorts()): Promise<{ report: TraceReport; ms: number }> {
  const t = performance.now();
  const key = job.options.trace?.key;
  if (!key) throw new StampError('trace-failed');
  try {
    const r = await embedInBands(canvasBands(ctx, width), width, height, { key, code: job.code }, ports);
    return { report: { embedded: true, code: job.code, psnr: Math.round(r.psnr * 10) / 10 }, ms: performance.now() - t };
  } catch (e) {
    if (isStampError(e)) throw e;
    throw new StampError('trace-failed');
  }
}

/**
 * The bands' buffers, kept from one traced picture or page to the next, up to KEEP_AT_MOST a band
 * (a 6 MP screenshot's or an A3 page's half at 150 DPI, not a 12 MP photo's): like the
 * encoders' spare keys, held while the page is idle.
 */
const kept: ArrayBuffer[] = [];
const KEEP_AT_MOST = 12 << 20;

/**
 * The canvas's bands, copied (VideoFrame.copyTo) into the buffers kept from the last call, or new
 * ones; by getImageData where there is no frame to copy, or they are too large to keep. Read
 * into new arrays each time, a document's traced pages each left a page's pixels to the
 * collector, which let them pile up: a traced 5-page scan peaked at 7–62 MB over 12 stamps, 9 of
 * them above 35 MB (4× a page's RGBA), against 12–24 MB untraced.
 */
function canvasBands(ctx: OffscreenCanvasRenderingContext2D, width: number): BandCanvas {
  return {
    async read(bands) {
      // Bands too large to keep: getImageData's new arrays (copied into new buffers, a traced 12
      // MP photo peaked at 3.12× its RGBA against 2.44×, and took longer).
      if (bands.some((b) => width * b.height * 4 > KEEP_AT_MOST)) return bands.map((b) => ctx.getImageData(0, b.top, width, b.height).data);
      const lent = kept.splice(0);
      const into = bands.map((b, i) => {
        const bytes = width * b.height * 4;
        return new Uint8ClampedArray(lent[i]?.byteLength === bytes ? lent[i] : new ArrayBuffer(bytes));
      });
      const copied = await readFrame(ctx.canvas, async (copy) => {
        for (const [i, b] of bands.entries()) await copy(new Uint8Array(into[i]!.buffer), { x: 0, y: b.top, width, height: b.height });
      });
      return copied ? into : bands.map((b) => ctx.getImageData(0, b.top, width, b.height).data);
    },
    write(top, height, pixels) {
      ctx.putImageData(new ImageData(pixels, width, height), 0, top);
      if (pixels.byteLength <= KEEP_AT_MOST) kept.push(pixels.buffer);
    },
  };
}

/** One worker a core, two at most: each embeds one band of the picture. */
let pool: WorkerPort[] = [];

function tracePorts(): BandPort[] {
  const size = Math.max(1, Math.min(2, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 1));
  pool = pool.filter((p) => p.alive);
  while (pool.length < size) pool.push(new WorkerPort());
  return pool;
}

/** A trace worker; when it fails (a crash, a message it cannot read), every waiting request fails and it is dropped. */
class WorkerPort implements BandPort {
  alive = true;
  private readonly worker = new TraceWorker();
  private readonly pending = new Map<number, { resolve: (a: BandAnswer) => void; reject: (e: Error) => void }>();

  constructor() {
    this.worker.onmessage = (e: MessageEvent<BandAnswer>) => {
      const p = this.pending.get(e.data.id);
      this.pending.delete(e.data.id);
      p?.resolve(e.data);
    };
    this.worker.onerror = this.worker.onmessageerror = () => this.fail();
  }

  request(req: BandRequest, transfer: Transferable[]): Promise<BandAnswer> {
    if (!this.alive) return Promise.reject(new Error('trace worker failed'));
    return new Promise((resolve, reject) => {
      this.pending.set(req.id, { resolve, reject });
      this.worker.postMessage(req, transfer);
    });
  }

  private fail(): void {
    this.alive = false;
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('trace worker failed'));
    this.pending.clear();
  }
}
