// The panel's small parts on their own (src/panel/preview.ts, src/panel/job.ts): what the
// stamping panel and the settings page's look preview are built from.
import { describe, expect, it } from 'vitest';
import { copyOptions, previewOptions } from '../../src/panel/job.ts';
import { previewer, type Drawing } from '../../src/panel/preview.ts';
import { DEFAULT_SETTINGS } from '../../src/settings/schema.ts';

const moment = { site: 'okx.com', mode: 'stamp' as const, lang: 'en' as const, now: new Date('2026-12-06T02:00:00Z') };
const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('previewer', () => {
  it('shows nothing without something to draw; resolves a refresh once nothing is pending', async () => {
    let n = 0;
    let what: Drawing<{ n: number }> | undefined;
    const p = previewer(
      () => what,
      () => undefined,
      1,
    );
    await p.refresh();
    expect(p.state).toEqual({ state: 'none' });
    what = { name: 'a', draw: async () => ({ n: ++n }) };
    const first = p.refresh();
    expect(p.state).toEqual({ state: 'working' });
    // Asked again while drawing: the same wait covers both, and the second drawing is shown.
    expect(p.refresh()).toBe(first);
    await first;
    expect(p.state).toEqual({ state: 'ready', n: 2 });
    // While the next one is drawn, the last picture stays at hand.
    void p.refresh();
    expect(p.state).toEqual({ state: 'working', last: { state: 'ready', n: 2 } });
  });

  it('names the drawing that failed; `soon` waits for a pause; nothing is shown after dispose', async () => {
    const seen: string[] = [];
    let fail = true;
    const p = previewer(
      () => ({ name: 'passport.jpg', draw: async () => (fail ? Promise.reject(new Error('damaged')) : { ok: true }) }),
      () => seen.push(p.state.state),
      10,
    );
    await p.refresh();
    expect(p.state).toMatchObject({ state: 'failed', name: 'passport.jpg' });
    fail = false;
    p.soon();
    p.soon();
    await later(5);
    expect(seen).toEqual(['working', 'failed']);
    await later(30);
    expect(seen).toEqual(['working', 'failed', 'working', 'ready']);
    p.soon();
    p.dispose();
    await later(30);
    expect(seen).toHaveLength(4);
  });
});

describe('copy options', () => {
  it('takes the smaller of the settings’ and the upload field’s size limits; no boxes unless given', () => {
    const settings = { ...DEFAULT_SETTINGS, output: { ...DEFAULT_SETTINGS.output, maxBytes: 2_000_000 } };
    expect(copyOptions(settings, moment, { maxBytes: 500_000 })).toMatchObject({ maxBytes: 500_000, redact: [] });
    expect(copyOptions(settings, moment, { maxBytes: 9_000_000 }).maxBytes).toBe(2_000_000);
    expect(copyOptions(DEFAULT_SETTINGS, moment).maxBytes).toBeUndefined();
  });

  it('a preview is the copy drawn small: no size limit, a JPEG, a PDF page at 72 dpi, the rest unchanged', () => {
    const copy = copyOptions({ ...DEFAULT_SETTINGS, output: { ...DEFAULT_SETTINGS.output, maxBytes: 1_000_000, format: 'pdf' } }, moment, { redact: [{ x: 0, y: 0, w: 0.5, h: 0.5 }] });
    const small = previewOptions(copy, 900);
    expect(small).toMatchObject({ maxDimension: 900, maxBytes: undefined, output: 'jpeg', pdf: { ...copy.pdf, dpi: 72 } });
    expect({ ...small, maxDimension: copy.maxDimension, maxBytes: copy.maxBytes, output: copy.output, pdf: copy.pdf }).toEqual(copy);
  });
});
