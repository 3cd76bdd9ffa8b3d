import { describe, expect, it } from 'vitest';
import { isStampError, StampError } from '../../src/core/errors.ts';
import { outputName } from '../../src/core/naming.ts';
import { parseOptions } from '../../src/core/options.ts';
import { orientationMatrix, uprightSize } from '../../src/core/orientation.ts';
import type { Orientation } from '../../src/core/formats/exif.ts';

describe('options', () => {
  it('fills defaults from nothing', () => {
    const o = parseOptions(undefined);
    expect(o).toMatchObject({ mode: 'stamp', naming: 'keep', quality: 0.92, lang: 'en' });
    expect(o.watermark).toMatchObject({ template: '{purpose}\n{date} · {code}', color: '#6b7280', opacity: 0.3, angle: -30, jitter: true });
  });

  it('rejects bad values with a typed, readable error', () => {
    for (const bad of [{ watermark: { color: 'red' } }, { watermark: { opacity: 2 } }, { mode: 'x' }, { maxBytes: -1 }, { watermark: { template: 'x'.repeat(2001) } }]) {
      let err: unknown;
      try {
        parseOptions(bad);
      } catch (e) {
        err = e;
      }
      expect(isStampError(err), JSON.stringify(bad)).toBe(true);
      expect((err as StampError).code).toBe('invalid-options');
    }
    expect(() => parseOptions({ watermark: { color: 'red' } })).toThrow(/watermark\.color/);
  });

  it('messages exist in English and Chinese', () => {
    const e = new StampError('too-many-pixels', { width: 20000, height: 20000, limit: 100 });
    expect(e.message).toBe('The picture is too large (20000×20000 pixels, limit 100 megapixels). Resize it or take a smaller photo.');
    expect(e.localized('zh_CN')).toContain('20000×20000');
  });
});

describe('output names', () => {
  it('keeps the name, fixing a wrong or changed extension', () => {
    expect(outputName('passport.jpeg', ['jpg', 'jpeg'], 'keep', 'AB12-CD34')).toBe('passport.jpeg');
    expect(outputName('IMG_1234.JPG', ['jpg', 'jpeg'], 'keep', 'x')).toBe('IMG_1234.JPG');
    expect(outputName('scan.gif', ['png'], 'keep', 'x')).toBe('scan.png');
    expect(outputName('really-a-png.jpg', ['png'], 'keep', 'x')).toBe('really-a-png.png');
    expect(outputName('C:\\Users\\me\\id card', ['png'], 'keep', 'x')).toBe('id card.png');
    expect(outputName('', ['jpg'], 'keep', 'x')).toBe('image.jpg');
  });
  it('or uses a neutral one', () => {
    expect(outputName('passport_john_smith.jpg', ['jpg'], 'neutral', 'AB12-CD34')).toBe('document-AB12CD34.jpg');
    // The extension's default names say what was done, once.
    expect(outputName('passport.jpeg', ['jpg', 'jpeg'], 'suffix', 'x')).toBe('passport-stamped.jpeg');
    expect(outputName('passport.heic', ['jpg'], 'suffix', 'x', 'strip')).toBe('passport-clean.jpg');
    expect(outputName('passport-stamped.jpg', ['jpg'], 'suffix', 'x')).toBe('passport-stamped.jpg');
    expect(outputName('passport-clean.jpg', ['jpg'], 'suffix', 'x', 'stamp')).toBe('passport-stamped.jpg');
  });
});

describe('orientation', () => {
  // Where each stored corner must land (EXIF spec): [top-left, top-right, bottom-left] of the stored image.
  const apply = (m: number[], x: number, y: number) => [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];
  const w = 40;
  const h = 30;
  it.each([
    [1, [0, 0], [40, 0], [0, 30]],
    [2, [40, 0], [0, 0], [40, 30]],
    [3, [40, 30], [0, 30], [40, 0]],
    [4, [0, 30], [40, 30], [0, 0]],
    [5, [0, 0], [0, 40], [30, 0]],
    [6, [30, 0], [30, 40], [0, 0]],
    [7, [30, 40], [30, 0], [0, 40]],
    [8, [0, 40], [0, 0], [30, 40]],
  ])('orientation %i maps the stored corners upright', (o, tl, tr, bl) => {
    const m = orientationMatrix(o as Orientation, w, h);
    expect(apply(m, 0, 0)).toEqual(tl);
    expect(apply(m, w, 0)).toEqual(tr);
    expect(apply(m, 0, h)).toEqual(bl);
    expect(uprightSize(w, h, o as Orientation)).toEqual(o >= 5 ? { width: h, height: w } : { width: w, height: h });
  });
});
