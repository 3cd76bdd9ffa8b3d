// A generated batch for the CLI's batch test and the bench: many tiny pictures of every format
// (1×1, 8×8: the files a real camera folder lost), camera-like photos, small PDFs and broken
// files (empty, truncated, not a picture), each with what the CLI must answer for it.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { DEFAULT_FIXTURES_DIR, makeFixtures, type FixtureManifest } from '../fixtures/make-fixtures.ts';
import { DEFAULT_PDF_FIXTURES_DIR, makePdfFixtures } from '../fixtures/make-pdf-fixtures.ts';
import { makeCameraPhoto } from '../fixtures/size-inputs.ts';

/** What a file's output must be (its real type, read from its bytes), or the error code it must get. */
export type Expected = { kind: 'jpeg' | 'png' | 'webp' | 'pdf' } | { error: string };

export interface BatchFile {
  path: string;
  expect: Expected;
}

const TINY = [
  [1, 1],
  [8, 8],
  [16, 9],
  [64, 48],
] as const;
const TINY_FORMATS = ['jpeg', 'png', 'webp', 'gif'] as const;

/** The real type of a file from its first bytes (what the CLI wrote, not what its name says). */
export function sniffKind(bytes: Uint8Array): string {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpeg';
  if (ascii(1, 4) === 'PNG') return 'png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 5) === '%PDF-') return 'pdf';
  return 'unknown';
}

/**
 * `count` files in `dir` (names unique by number, so no two outputs collide). About 70% tiny
 * pictures, 12% photos, 8% fixture photos, 3% PDFs, 7% broken files.
 */
export async function makeBatch(dir: string, count: number): Promise<BatchFile[]> {
  mkdirSync(dir, { recursive: true });
  const manifest: FixtureManifest = await makeFixtures();
  await makePdfFixtures();
  const cache = join(dir, '.sources');
  mkdirSync(cache, { recursive: true });
  const photos = await Promise.all(
    [
      [320, 240],
      [640, 480],
      [800, 1066],
      [1024, 768],
    ].map(([w, h]) => makeCameraPhoto(join(cache, `camera-${w}x${h}.jpg`), w!, h!)),
  );
  const fixture = (name: string) => join(DEFAULT_FIXTURES_DIR, name);
  const expectOf = (name: string): Expected => {
    const e = manifest.files[name]!;
    if (e.expectError) return { error: e.expectError };
    return { kind: e.kind === 'gif' || e.kind === 'bmp' ? 'png' : (e.kind as 'jpeg' | 'png' | 'webp') };
  };
  const goodFixtures = ['photo.jpg', 'photo.png', 'photo.webp', 'photo.gif', 'photo.bmp', 'orient-6.jpg', 'orient-3.jpg', 'photo-lossless.webp'];
  const broken = ['empty.jpg', 'truncated.jpg', 'truncated.png', 'truncated.webp', 'notes.txt'];
  const notAPicture = Buffer.from('%!PS-Adobe-3.0\nnot a picture at all, only text in a .jpg file\n');

  const files: BatchFile[] = [];
  const copy = (from: string, as: string, expect: Expected) => {
    const path = join(dir, as);
    copyFileSync(from, path);
    files.push({ path, expect });
  };
  const copyFixture = (name: string, id: string) => copy(fixture(name), `${id}-${name}`, expectOf(name));
  for (let i = 0; i < count; i++) {
    const id = String(i).padStart(5, '0');
    const slot = i % 100;
    if (slot < 70) {
      const [w, h] = TINY[i % TINY.length]!;
      const format = TINY_FORMATS[Math.floor(i / TINY.length) % TINY_FORMATS.length]!;
      const ext = format === 'jpeg' ? 'jpg' : format;
      const path = join(dir, `${id}-tiny-${w}x${h}.${ext}`);
      const background = { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 };
      await sharp({ create: { width: w, height: h, channels: 3, background } })
        .toFormat(format)
        .toFile(path);
      files.push({ path, expect: { kind: format === 'gif' ? 'png' : format } });
    } else if (slot < 82) copy(photos[i % photos.length]!, `${id}-camera.jpg`, { kind: 'jpeg' });
    else if (slot < 90) copyFixture(goodFixtures[i % goodFixtures.length]!, id);
    else if (slot < 93) {
      const pdf = i % 2 ? 'cjk.pdf' : 'landscape-rotated.pdf';
      copy(join(DEFAULT_PDF_FIXTURES_DIR, pdf), `${id}-${pdf}`, { kind: 'pdf' });
    } else if (slot < 99) copyFixture(broken[i % broken.length]!, id);
    else {
      const path = join(dir, `${id}-not-a-picture.jpg`);
      writeFileSync(path, notAPicture);
      files.push({ path, expect: { error: 'unsupported-type' } });
    }
  }
  return files;
}

/** The batch's files that must come out, by kind, for a quick summary. */
export const readKind = (path: string): string => sniffKind(readFileSync(path).subarray(0, 16));
