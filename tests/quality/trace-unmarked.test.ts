// No code is ever read from a picture that carries none: 200 generated unmarked pictures (noise,
// gradients, text, shapes, stripes and checkers at eight sizes), the unmarked photos, and
// photos marked with another device's key. In node with sharp (no build, no browser).
import { describe, expect, it } from 'vitest';
import { embedTrace, readTrace } from '../../src/core/trace/index.ts';
import { SCENES, scenePhoto, toRgba, unmarkedPicture } from '../fixtures/trace-pictures.ts';
import { TABLE_KEY } from '../../tools/trace-table.ts';

describe('trace: no false matches', () => {
  it('reads no code from 200 generated unmarked pictures, the unmarked photos, nor with another key', async () => {
    let found = 0;
    let read = 0;
    for (let n = 0; n < 200; n++) {
      const r = readTrace(await toRgba(await unmarkedPicture(n)), TABLE_KEY);
      read++;
      if (r.code) (found++, console.log(`unmarked picture ${n}: read ${r.code}`));
    }
    for (const scene of SCENES) {
      const photo = await toRgba(await scenePhoto(scene, 2));
      if (readTrace(photo, TABLE_KEY).code) found++;
      // Marked with another device's key: this key must read nothing.
      const otherKey = TABLE_KEY.map((b) => b ^ 0x5a);
      embedTrace(photo, { key: otherKey, code: '7KQ2-M9XD' });
      expect(readTrace(photo, otherKey).code).toBe('7KQ2-M9XD');
      if (readTrace(photo, TABLE_KEY).code) found++;
      read += 2;
    }
    console.log(`false matches: ${found} of ${read} pictures`);
    expect(found).toBe(0);
  }, 3_600_000);
});
