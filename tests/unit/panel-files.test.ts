// The panel's files part (src/panel/files.ts) on its own: choosing again starts afresh, and work
// still under way for the old choice (checks, the photo check, the MRZ reading) never lands on
// the new one.
import { describe, expect, it } from 'vitest';
import type { MrzReading } from '../../src/core/mrz/read.ts';
import type { Check } from '../../src/core/quality/checks.ts';
import { createFiles, type FilesContext } from '../../src/panel/files.ts';
import type { Change } from '../../src/panel/types.ts';
import { DEFAULT_SETTINGS } from '../../src/settings/schema.ts';
import { counter, fakeStamp, photo, until } from '../helpers/panel.ts';

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
const slow = <T>(value: T, ms: number) => later(ms).then(() => value);

function testFiles(deps: Partial<FilesContext['deps']> = {}) {
  const { control, stamp } = fakeStamp();
  const changes: Change[] = [];
  let chosen = 0;
  const files = createFiles({
    deps: { stamp, random: counter(), now: () => new Date('2026-12-06T02:00:00Z'), randomBytes: (n) => new Uint8Array(n), ...deps },
    init: { checkFiles: true, mrz: true },
    settings: () => DEFAULT_SETTINGS,
    optionsFor: () => ({ mode: 'strip' }),
    emit: (c) => changes.push(c),
    chosen: () => void chosen++,
  });
  return { files, control, changes, chosen: () => chosen };
}

describe('panel files', () => {
  it('checks each file with a clean copy, marks the ones that fail, and stops when files are chosen again', async () => {
    const { files, control } = testFiles();
    control.broken = /broken/;
    files.setFiles([photo('a.jpg'), photo('broken.jpg')]);
    await until(() => files.list[1]?.problem !== undefined);
    expect(files.usable).toBe(1);
    expect(control.calls.map((c) => [c.name, c.options.output])).toEqual([
      ['a.jpg', 'same'],
      ['broken.jpg', 'same'],
    ]);
    control.delays.push(50);
    files.setFiles([photo('b.jpg'), photo('c.jpg'), photo('d.jpg')]);
    await until(() => control.calls.length === 3);
    files.setFiles([photo('e.jpg')]);
    await later(80);
    // b's check was under way; c and d were never checked: they are no longer chosen.
    expect(control.calls.slice(2).map((c) => c.name)).toEqual(['b.jpg', 'e.jpg']);
  });

  it('an old choice’s photo check and MRZ reading, arriving late, are not shown for the new one', async () => {
    const reading = (name: string) => ({ found: true, valid: true, fields: { surname: name } }) as unknown as MrzReading;
    const checks = (id: string) => [{ id }] as unknown as Check[];
    const { files } = testFiles({
      quality: async (f) => (f instanceof File && f.name === 'old.jpg' ? slow(checks('old'), 40) : checks('new')),
      readMrz: async (f) => (f instanceof File && f.name === 'old.jpg' ? slow(reading('OLD'), 40) : reading('NEW')),
    });
    files.setFiles([photo('old.jpg')]);
    files.setFiles([photo('new.jpg')]);
    await later(80);
    expect(files.quality).toEqual(checks('new'));
    expect(files.mrz.reading).toEqual(reading('NEW'));
  });

  it('the guard’s "always": files taken without a look (no preview, check or reading); boxes start afresh', async () => {
    const { files, control, chosen } = testFiles({ readMrz: async () => ({}) as MrzReading });
    files.setFiles([photo()]);
    files.setBoxes([{ x: 0, y: 0, w: 0.5, h: 0.5 }]);
    expect(chosen()).toBe(1);
    files.setFiles([photo('b.jpg')], { look: false });
    await later(20);
    expect(chosen()).toBe(1);
    expect(control.calls.map((c) => c.name)).toEqual(['passport.jpg']);
    expect(files.boxes).toEqual([]);
    expect(files.mrz).toEqual({});
  });

  it('after a save, the saved files get a new mark (code, date, layout); the others keep theirs', () => {
    const { files } = testFiles();
    files.setFiles([photo('a.jpg'), photo('b.jpg')]);
    const [a, b] = files.list.map((f) => f.mark);
    files.renew([files.list[0]!]);
    expect(files.list[0]!.mark.code).not.toBe(a!.code);
    expect(files.list[1]!.mark).toBe(b);
  });
});
