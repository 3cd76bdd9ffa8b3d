// The header checks that decide whether strip-only must ask the browser's decoder before
// writing a lossless copy (src/core/formats/jpeg-check.ts, png.ts, webp.ts). Files real writers
// make must pass without a decode (strip-only stays fast); headers browsers refuse, or that
// no camera writes, must be in doubt. Which of them browsers really refuse is tested in
// Chromium (tests/browser/formats.test.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpeg } from '../../src/core/formats/jpeg.ts';
import { png } from '../../src/core/formats/png.ts';
import { webp } from '../../src/core/formats/webp.ts';
import { craftedJpeg } from '../fixtures/make-format-fixtures.ts';

const work = mkdtempSync(join(tmpdir(), 'idstamp-check-'));
const photo = () =>
  sharp({ create: { width: 333, height: 251, channels: 3, background: '#7a5' } }).composite([
    { input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="333" height="251"><circle cx="120" cy="100" r="80" fill="#c33"/><text x="20" y="230" font-size="30">ID 123</text></svg>') },
  ]);

async function writers(): Promise<[string, Buffer][]> {
  const ppm = join(work, 'src.ppm');
  const raw = await photo().raw().toBuffer({ resolveWithObject: true });
  writeFileSync(ppm, Buffer.concat([Buffer.from(`P6\n${raw.info.width} ${raw.info.height}\n255\n`), raw.data]));
  const cjpeg = (...args: string[]) => execFileSync('cjpeg', [...args, ppm]);
  const magick = (...args: string[]) => {
    const out = join(work, `m-${Math.random().toString(36).slice(2)}.${args.at(-1)}`);
    execFileSync('/usr/bin/convert', [ppm, ...args.slice(0, -1), out]);
    return readFileSync(out);
  };
  return [
    ['cjpeg baseline', cjpeg()],
    ['cjpeg optimized', cjpeg('-optimize')],
    ['cjpeg progressive', cjpeg('-progressive')],
    ['cjpeg restart markers', cjpeg('-restart', '1')],
    ['cjpeg greyscale', cjpeg('-grayscale')],
    ['cjpeg 4:4:4', cjpeg('-sample', '1x1')],
    ['cjpeg 4:1:1', cjpeg('-sample', '4x1')],
    ['sharp mozjpeg', await photo().jpeg({ mozjpeg: true }).toBuffer()],
    ['sharp progressive 4:4:4', await photo().jpeg({ progressive: true, chromaSubsampling: '4:4:4' }).toBuffer()],
    ['ImageMagick CMYK', magick('-colorspace', 'CMYK', 'jpg')],
    ['ImageMagick interlaced', magick('-interlace', 'Plane', 'jpg')],
    ['sharp PNG', await photo().png().toBuffer()],
    ['sharp palette PNG', await photo().png({ palette: true }).toBuffer()],
    ['sharp 16-bit grey PNG', await photo().grayscale().toColourspace('grey16').png().toBuffer()],
    ['ImageMagick interlaced PNG', magick('-interlace', 'PNG', 'png')],
    ['sharp 1-bit PNG', await photo().png({ palette: true, colours: 2 }).toBuffer()],
    ['sharp WebP', await photo().webp().toBuffer()],
    ['sharp lossless WebP', await photo().webp({ lossless: true }).toBuffer()],
    ['sharp WebP with alpha', await photo().ensureAlpha(0.5).webp().toBuffer()],
  ];
}

const inspect = (b: Buffer) => {
  const bytes = new Uint8Array(b);
  return (b[0] === 0xff ? jpeg : b[0] === 0x89 ? png : webp).inspect(bytes);
};

describe('is a decode needed before a lossless copy?', () => {
  it('files from real writers: no (strip-only copies them without decoding)', async () => {
    for (const [name, bytes] of await writers()) expect(inspect(bytes).verify, name).toBeUndefined();
  }, 60_000);

  it('arithmetic coding, headers browsers refuse, a missing end marker: yes', async () => {
    const base = await photo().jpeg().toBuffer();
    const crafted = Object.entries(craftedJpeg(base));
    expect(crafted.length).toBeGreaterThanOrEqual(7);
    for (const [name, { bytes, verify }] of crafted) expect(inspect(bytes).verify, name).toBe(verify);
    expect(inspect(base).verify).toBeUndefined();
    const ppm = join(work, 'arith.ppm');
    const raw = await photo().raw().toBuffer({ resolveWithObject: true });
    writeFileSync(ppm, Buffer.concat([Buffer.from(`P6\n${raw.info.width} ${raw.info.height}\n255\n`), raw.data]));
    expect(inspect(execFileSync('cjpeg', ['-arithmetic', ppm])).verify).toBe('decode');
  });

  it('a PNG or WebP header browsers refuse: yes', async () => {
    const good = await photo().png().toBuffer();
    const ihdr = (patch: (d: Buffer) => void) => {
      const b = Buffer.from(good);
      patch(b.subarray(16, 29));
      b.writeUInt32BE(crc32(b.subarray(12, 29)) >>> 0, 29);
      return b;
    };
    expect(inspect(ihdr((d) => (d[8] = 3))).verify, 'RGB at 3 bits').toBe('decode');
    expect(inspect(ihdr((d) => (d[12] = 2))).verify, 'interlace method 2').toBe('decode');
    const idat = good.indexOf('IDAT') - 4;
    const badZlib = Buffer.from(good);
    badZlib[idat + 8] = 0x79; // compression method 9
    badZlib.writeUInt32BE(crc32(badZlib.subarray(idat + 4, idat + 8 + good.readUInt32BE(idat))) >>> 0, idat + 8 + good.readUInt32BE(idat));
    expect(inspect(badZlib).verify, 'zlib header').toBe('decode');
    const lossy = await photo().webp().toBuffer();
    const vp8 = lossy.indexOf('VP8 ') + 8;
    const inter = Buffer.from(lossy);
    inter[vp8] = inter[vp8]! | 1; // an inter frame: no picture on its own
    expect(inspect(inter).verify).toBe('decode');
  });
});
