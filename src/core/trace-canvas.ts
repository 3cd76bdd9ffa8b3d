// The invisible trace added to what a canvas shows: the picture path (image.ts) and each
// flattened PDF page (pdf/flatten.ts) call this once their visible mark is drawn.
import { isStampError, StampError } from './errors.ts';
import type { Job } from './job.ts';
import type { TraceReport } from './report.ts';
import { embedTrace } from './trace/index.ts';

/** Fails closed: any failure is a StampError, never a copy handed out without its trace. */
export function traceCanvas(ctx: OffscreenCanvasRenderingContext2D, width: number, height: number, job: Job): { report: TraceReport; ms: number } {
  const t = performance.now();
  const key = job.options.trace?.key;
  if (!key) throw new StampError('trace-failed');
  try {
    const pixels = ctx.getImageData(0, 0, width, height);
    const r = embedTrace(pixels, { key, code: job.code });
    ctx.putImageData(pixels, 0, 0);
    return { report: { embedded: true, code: job.code, psnr: Math.round(r.psnr * 10) / 10 }, ms: performance.now() - t };
  } catch (e) {
    if (isStampError(e)) throw e;
    throw new StampError('trace-failed');
  }
}
