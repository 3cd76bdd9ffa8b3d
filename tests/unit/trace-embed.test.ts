// The embed, made faster and moved into a worker, must write exactly the pixels it wrote before:
// the reader and the robustness table (docs/trace.md) were measured on that output. The
// checksums below were recorded from the embed as it was before any of that work (3433c34),
// then once again when the levels started being kept within HEADROOM…255 − HEADROOM (half of
// these pictures' values are at 0 or 255: the change now shows both ways there, so the PSNR
// comes down towards its 42.6 dB target; the tables were measured again).
import { createHash } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { setGlobal } from '../helpers/globals.ts';
import { embedTrace, HEADROOM } from '../../src/core/trace/embed.ts';
import { isStampError } from '../../src/core/errors.ts';
import type { Job } from '../../src/core/job.ts';
import { bandRows, bandWorker, embedInBands, type BandCanvas, type BandPort } from '../../src/core/trace-bands.ts';
import { traceCanvas } from '../../src/core/trace-canvas.ts';
import { picture } from './trace-embed-picture.ts';

const key = Uint8Array.from({ length: 32 }, (_, i) => (i * 31 + 7) & 255);

const CASES = [
  { w: 4000, h: 3000, clamped: true, code: '7KQ2-M9XD', sha: 'a2e6b4a50876b3065a8599c0a6c2594293d8e2b1faff0471f72dd1c7021ad743', psnr: 42.789402357321194, salt: 187 },
  { w: 1632, h: 1224, clamped: false, code: 'ABCD-EFGH', sha: '7a076dab8c23af6f2f1e6a4a766f7071bcf1515d08a6f086a0974247793c8932', psnr: 42.69424973393772, salt: 212 },
  { w: 301, h: 977, clamped: true, code: '0000-0001', sha: '9dcdac553e0716e14eac9e52129ce8efbb7dc3e01e13a034c3e532639c6d5a10', psnr: 42.6720977965243, salt: 100 },
  { w: 640, h: 480, clamped: false, code: '7KQ2-M9XD', sha: '35d911529cf11b6b8a893cb0b543656292c51f7c42b271d50259e9d223af62dc', psnr: 42.688200932776525, salt: 187 },
] as const;

describe('trace: embed output', () => {
  for (const c of CASES)
    it(`${c.w}×${c.h} ${c.clamped ? 'Uint8ClampedArray' : 'Uint8Array'}: the same pixels as before`, () => {
      const px = picture(c.w, c.h, c.clamped);
      const r = embedTrace(px, { key, code: c.code });
      expect(createHash('sha256').update(px.data).digest('hex')).toBe(c.sha);
      expect(r.psnr).toBeCloseTo(c.psnr, 9);
      expect(r.salt).toBe(c.salt);
    });
});

describe('trace: headroom', () => {
  // Before, white paper (255) kept only the darkening half of the trace: this picture averaged
  // 254.1 after the embed, 56 % of its pixels stuck at 255 (every brightening clipped), and
  // most layouts of the statement read nothing.
  it('on white paper the change shows both ways, around 255 − HEADROOM', () => {
    const w = 600;
    const h = 800;
    const px = { data: new Uint8ClampedArray(w * h * 4).fill(255), width: w, height: h };
    embedTrace(px, { key, code: '7KQ2-M9XD' });
    let sum = 0;
    let above = 0;
    let below = 0;
    for (let i = 0; i < px.data.length; i += 4) {
      const v = px.data[i]!;
      sum += v;
      if (v > 255 - HEADROOM) above++;
      if (v < 255 - HEADROOM) below++;
      expect(px.data[i + 3]).toBe(255);
    }
    expect(sum / (w * h)).toBeCloseTo(255 - HEADROOM, 0);
    expect(above / below).toBeGreaterThan(0.8);
    expect(above / below).toBeLessThan(1.25);
  });
});

/** The picture as a canvas would give it, a band at a time (getImageData / putImageData). */
function fakeCanvas(px: { data: Uint8ClampedArray | Uint8Array; width: number }): BandCanvas {
  const row = px.width * 4;
  return {
    read: async (bands) => bands.map(({ top, height }) => new Uint8ClampedArray(px.data.subarray(top * row, (top + height) * row))),
    write: (top, _height, pixels) => px.data.set(pixels, top * row),
  };
}

/** The worker's code in this process, messages cloned and transferred as postMessage would. */
function inProcess(): BandPort {
  const answer = bandWorker();
  return {
    async request(req, transfer) {
      const a = answer(structuredClone(req, { transfer }));
      return structuredClone(a.answer, { transfer: a.transfer });
    },
  };
}

/** A worker that crashed, or one that could not do the work and says so. */
const crashed = (): BandPort => ({ request: () => Promise.reject(new Error('worker crashed')) });
const refusing = (): BandPort => ({ request: async (req) => ({ id: req.id, error: 'out of memory' }) });

describe('trace: embed in bands (the workers)', () => {
  const c = CASES[0];
  for (const workers of [1, 2, 3])
    it(`${workers} band${workers > 1 ? 's' : ''}: the same pixels as one pass`, async () => {
      const px = picture(c.w, c.h, c.clamped);
      const r = await embedInBands(fakeCanvas(px), c.w, c.h, { key, code: c.code }, Array.from({ length: workers }, inProcess));
      expect(createHash('sha256').update(px.data).digest('hex')).toBe(c.sha);
      expect(r.psnr).toBeCloseTo(c.psnr, 9);
    });

  it('bands cover every row once', () => {
    for (const [h, n] of [
      [3000, 2],
      [977, 3],
      [300, 2],
      [129, 2],
    ] as const) {
      const b = bandRows(h, n);
      expect(b[0]!.top).toBe(0);
      for (let i = 1; i < b.length; i++) expect(b[i]!.top).toBe(b[i - 1]!.top + b[i - 1]!.height);
      expect(b.at(-1)!.top + b.at(-1)!.height).toBe(h);
    }
  });

  it('a worker that fails fails the stamp (trace-failed), whichever band; working ones trace it', async () => {
    const job = { options: { trace: { key } }, code: '7KQ2-M9XD' } as unknown as Job;
    // What a canvas does with the bands (node has no ImageData).
    onTestFinished(
      setGlobal(
        'ImageData',
        class {
          constructor(readonly data: Uint8ClampedArray) {}
        },
      ),
    );
    // Tall enough for two bands: each port gets one.
    const run = async (ports: BandPort[]) => {
      const px = picture(640, 520, true);
      const canvas = fakeCanvas(px);
      const ctx = {
        getImageData: (_x: number, y: number, _w: number, h: number) => ({ data: new Uint8ClampedArray(px.data.subarray(y * 640 * 4, (y + h) * 640 * 4)) }),
        putImageData: (img: { data: Uint8ClampedArray<ArrayBuffer> }, _x: number, y: number) => canvas.write(y, 0, img.data),
      } as unknown as OffscreenCanvasRenderingContext2D;
      return traceCanvas(ctx, 640, 520, job, ports).then(
        (r) => ({ r, sha: createHash('sha256').update(px.data).digest('hex') }),
        (e: unknown) => e,
      );
    };
    for (const ports of [
      [crashed(), inProcess()],
      [inProcess(), crashed()],
      [inProcess(), refusing()],
    ]) {
      const err = await run(ports);
      expect(isStampError(err) && err.code).toBe('trace-failed');
    }
    const ok = (await run([inProcess(), inProcess()])) as { r: { report: { embedded: boolean } }; sha: string };
    expect(ok.r.report.embedded).toBe(true);
    expect(ok.sha).toBe(
      createHash('sha256')
        .update(
          (() => {
            const p = picture(640, 520, true);
            embedTrace(p, { key, code: '7KQ2-M9XD' });
            return p.data;
          })(),
        )
        .digest('hex'),
    );
  });
});
