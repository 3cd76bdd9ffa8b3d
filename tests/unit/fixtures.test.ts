// Proves the generated fixtures themselves (not the app): cheap once tests/fixtures/out is cached.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeFixtures, verifyOrientation, type FixtureManifest } from '../fixtures/make-fixtures.ts';

const dir = fileURLToPath(new URL('../fixtures/out/', import.meta.url));
let manifest: FixtureManifest;

beforeAll(async () => {
  manifest = await makeFixtures(dir); // generates only when missing or outdated (~5 s)
}, 60_000);

describe('test fixtures', () => {
  it('photo.jpg carries the GPS fix recorded in the manifest', () => {
    const out = execFileSync('exiftool', ['-j', '-n', '-GPSLatitude', '-GPSLongitude', join(dir, 'photo.jpg')], {
      encoding: 'utf8',
    });
    const [tags] = JSON.parse(out) as { GPSLatitude?: number; GPSLongitude?: number }[];
    const gps = manifest.files['photo.jpg']?.gps;
    expect(gps).toBeDefined();
    expect(tags?.GPSLatitude).toBeCloseTo(gps!.latitude, 4);
    expect(tags?.GPSLongitude).toBeCloseTo(gps!.longitude, 4);
  });

  it('orientation fixtures display upright after EXIF auto-orient', async () => {
    const oriented = Object.values(manifest.files)
      .filter((f) => f.orientation)
      .map((f) => f.orientation);
    expect(oriented.sort()).toEqual([1, 2, 3, 4, 5, 6, 6, 7, 8]); // orient-1..8 + phone.jpg
    await expect(verifyOrientation(dir, manifest)).resolves.toBeUndefined();
  });

  it('every listed needle is present verbatim in its file', () => {
    for (const [file, entry] of Object.entries(manifest.files)) {
      const bytes = readFileSync(join(dir, file));
      for (const needle of entry.needles ?? []) expect(bytes.includes(needle), `${file}: ${needle}`).toBe(true);
    }
  });
});
