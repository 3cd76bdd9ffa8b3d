// The embed, made faster and moved into a worker, must write exactly the pixels it wrote before:
// the reader and the robustness table (docs/trace.md) were measured on that output. The
// checksums below were recorded from the embed as it was before any of that work (3433c34).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { embedTrace } from '../../src/core/trace/embed.ts';
import { picture } from './trace-embed-picture.ts';

const key = Uint8Array.from({ length: 32 }, (_, i) => (i * 31 + 7) & 255);

const CASES = [
  { w: 4000, h: 3000, clamped: true, code: '7KQ2-M9XD', sha: '9a2e0f30321b029e3859bb20763c5bec536f634b52c552eead14b003757a0f73', psnr: 43.702903902340765, salt: 187 },
  { w: 1632, h: 1224, clamped: false, code: 'ABCD-EFGH', sha: '2cf47bb083941d43f44c503595dc228db9431ae6059becc13995d8e9b5fe9789', psnr: 43.34583380917544, salt: 212 },
  { w: 301, h: 977, clamped: true, code: '0000-0001', sha: '5602fc1ff636a4b766a33f3e66cf9af67422217aec1bdbd2b398d86505e7cfc7', psnr: 43.1520204802292, salt: 100 },
  { w: 640, h: 480, clamped: false, code: '7KQ2-M9XD', sha: '0e7c3df1bccbe502b1c5ee8a97e1d5b8212b98ef2e6d1c2d6b0b7cc01484565f', psnr: 43.020289179608405, salt: 187 },
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
