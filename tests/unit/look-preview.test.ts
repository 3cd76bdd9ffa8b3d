// The settings page's look preview (src/panel/look.ts) without a browser: the fake stamp of
// tests/helpers/panel.ts writes down what it would print, so the look's drawings can be compared
// with the popup's preview and with one another.
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLookPreview, SAMPLE_MARK, SAMPLE_SITE, type LookDeps } from '../../src/panel/look.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/schema.ts';
import { fakeStamp, photo, printed, testPanel, until } from '../helpers/panel.ts';

beforeEach(() => fakeBrowser.reset());

const AT = new Date('2026-12-06T02:00:00Z');
const card = () => photo('specimen.jpg');
const withLook = (w: Partial<Settings['watermark']>, s: Settings = DEFAULT_SETTINGS): Settings => ({ ...s, watermark: { ...s.watermark, ...w } });

function testLook(deps: Partial<LookDeps> = {}) {
  const { control, stamp } = fakeStamp();
  const cards: File[] = [];
  const measured: [File, Blob][] = [];
  const look = createLookPreview({
    stamp,
    randomBytes: (n) => new Uint8Array(n),
    lang: 'en',
    now: () => AT,
    card: async () => (cards.push(card()), cards.at(-1)!),
    measure: async (c, s) => (measured.push([c, s]), 0.42),
    size: 960,
    delayMs: 1,
    ...deps,
  });
  return { look, control, cards, measured };
}

const shown = async (look: ReturnType<typeof testLook>['look']) => {
  if (look.state.state !== 'ready') throw new Error(`no look shown: ${look.state.state}`);
  return printed(look.state.file);
};

describe('look preview', () => {
  it('is the popup’s preview of the same card with the same settings: the same stamp options', async () => {
    const panel = await testPanel({ site: SAMPLE_SITE, previewSize: 960, checkFiles: false });
    panel.panel.setFiles([card()]);
    await until(() => panel.panel.preview.state === 'ready');
    const { look, control } = testLook();
    await look.showNow(panel.panel.settings);
    expect(control.calls).toHaveLength(1);
    expect(control.calls[0]!.options).toEqual(panel.control.calls.at(-1)!.options);
    expect(control.calls[0]!.options).toMatchObject({ maxDimension: 960, output: 'jpeg', watermark: { purpose: 'Only for example.com identity verification' } });
    // Its mark is the fixed sample: the same look is drawn the same way every time.
    const first = await shown(look);
    expect(first.code).toBe(SAMPLE_MARK.code);
    await look.showNow(withLook({ opacity: 0.5 }));
    await look.showNow(withLook({}));
    expect(control.calls).toHaveLength(3);
    expect(await shown(look)).toEqual(first);
  });

  it('the newest look wins: while one is drawn only the newest waits, and an older one is never shown', async () => {
    const { look, control } = testLook();
    const states: string[] = [];
    look.subscribe(() => states.push(look.state.state));
    control.delays.push(100);
    look.show(withLook({ opacity: 0.3 }));
    await until(() => control.calls.length === 1);
    for (const opacity of [0.4, 0.5, 0.6, 0.75]) {
      look.show(withLook({ opacity }));
      await new Promise((r) => setTimeout(r, 5)); // past the slider's pause: each one asks
    }
    await until(() => look.state.state === 'ready');
    expect(control.calls.map((c) => c.options.watermark?.opacity)).toEqual([0.3, 0.75]);
    expect((await shown(look)).opacity).toBe(0.75);
    // Busy from the first drawing until the newest is shown; the 0.3 look never was.
    expect(states).toEqual(['working', 'working', 'ready']);
  });

  it('draws nothing for a change that prints nothing new (a site rule, the same look again)', async () => {
    const { look, control } = testLook();
    await look.showNow(DEFAULT_SETTINGS);
    await look.showNow({ ...DEFAULT_SETTINGS, sites: { 'okx.com': { rule: 'always' } }, output: { ...DEFAULT_SETTINGS.output, format: 'png' } });
    look.show(withLook({}));
    await new Promise((r) => setTimeout(r, 20));
    expect(control.calls).toHaveLength(1);
    await look.showNow({ ...DEFAULT_SETTINGS, language: { ...DEFAULT_SETTINGS.language, purpose: 'zh_CN' } });
    expect(control.calls).toHaveLength(2);
    expect((await shown(look)).purpose).toBe('仅用于example.com身份认证');
  });

  it('measures each drawing against the card, made once; says what it kept', async () => {
    const { look, cards, measured } = testLook();
    await look.showNow(withLook({ opacity: 0.3 }));
    await look.showNow(withLook({ opacity: 0.9 }));
    expect(cards).toHaveLength(1);
    expect(measured.map(([c]) => c)).toEqual([cards[0], cards[0]]);
    expect(look.state.state === 'ready' && look.state.kept).toBe(0.42);
    expect(look.state.state === 'ready' && look.state.file).toBe(measured[1]![1]);
  });

  it('a failed drawing is reported as failed; the card is made again on the next look', async () => {
    let fail = true;
    const { look, control } = testLook({ card: async () => (fail ? Promise.reject(new Error('no canvas')) : card()) });
    await look.showNow(DEFAULT_SETTINGS);
    expect(look.state.state).toBe('failed');
    expect(control.calls).toHaveLength(0);
    fail = false;
    await look.showNow(withLook({ opacity: 0.5 }));
    expect(look.state.state).toBe('ready');
  });
});
