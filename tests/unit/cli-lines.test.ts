// How the CLI tells a browser trouble: Chromium's verdict on the page's process decides the
// words, and memory is named only when Chromium says the page ran out of it (the old CLI blamed
// memory for every trouble, a dropped download included).
import { describe, expect, it } from 'vitest';
import { lineOf, troubleError } from '../../cli/lines.ts';
import { BrowserTrouble, WriteFailed } from '../../cli/page.ts';

const file = '/photos/IMG_0001.jpg';
const bytes = 3.4 * 2 ** 20;

describe('CLI lines', () => {
  it.each([
    [new BrowserTrouble('crashed', 'page process oom', { status: 'oom', signal: 0 }), 'out-of-memory', /ran out of memory/],
    [new BrowserTrouble('crashed', 'page process killed', { status: 'killed', signal: 9 }), 'page-killed', /was ended from outside, by another program or by the system \(signal 9\)/],
    [new BrowserTrouble('crashed', 'page process crashed', { status: 'crashed', signal: 5 }), 'page-crashed', /crashed \(signal 5\)/],
    [new BrowserTrouble('timeout', 'not finished after 150 s'), 'page-timeout', /was not finished after 150 s/],
    [new BrowserTrouble('browser-closed', 'Target page, context or browser has been closed'), 'browser-closed', /browser closed while stamping .*: Target page/],
    [new BrowserTrouble('protocol', 'Protocol error (IO.read): Invalid handle'), 'browser-failed', /could not finish .*: Protocol error/],
  ])('%s → %s', (trouble, code, words) => {
    const e = troubleError(file, bytes, trouble);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(words);
    expect(e.message).toContain(`${file} (3.4 MB)`);
    if (code !== 'out-of-memory') expect(e.message).not.toMatch(/memory/i);
  });

  it('a copy that cannot be written names the output path, not the browser', () => {
    const e = troubleError(file, bytes, new WriteFailed('/out/IMG_0001.jpg', 'ENOSPC: no space left on device, write'));
    expect(e).toMatchObject({ code: 'write-failed', message: expect.stringContaining('Could not write /out/IMG_0001.jpg: ENOSPC') });
  });

  it('a file done on its second try keeps the first try’s cause; one that failed twice keeps both', () => {
    const killed = new BrowserTrouble('crashed', 'page process killed', { status: 'killed', signal: 9 });
    const result = {
      ok: true as const,
      name: 'IMG_0001.jpg',
      type: 'image/jpeg',
      size: 10,
      report: { input: { kind: 'jpeg' }, output: { bytes: 10 }, removed: ['gps'], ms: { total: 12.3 } } as never,
    };
    const done = lineOf(file, bytes, { outcome: { ok: true, result, output: '/out/IMG_0001.jpg', ms: 20 }, firstTry: killed });
    expect(done).toMatchObject({ output: '/out/IMG_0001.jpg', retried: { code: 'page-killed' }, ms: 12 });
    expect(done.error).toBeUndefined();
    const crashed = new BrowserTrouble('crashed', 'page process crashed', { status: 'crashed', signal: 5 });
    const failed = lineOf(file, bytes, { outcome: { ok: false, trouble: crashed }, firstTry: killed });
    expect(failed).toMatchObject({ retried: { code: 'page-killed' }, error: { code: 'page-crashed' } });
  });
});
