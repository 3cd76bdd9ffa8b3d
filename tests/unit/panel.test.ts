// The stamping panel's model (src/panel/model.ts) without a browser: fakeBrowser storage and a
// fake stamp that writes down what it would print. Flows that only the e2e tests reached before.
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { isStampError } from '../../src/core/errors.ts';
import type { MrzReading } from '../../src/core/mrz/read.ts';
import { listHistory } from '../../src/history/history.ts';
import { loadSettings, updateSettings } from '../../src/settings/store.ts';
import { photo, printed, testPanel, until, type FakeStampControl } from '../helpers/panel.ts';

beforeEach(() => fakeBrowser.reset());

const ready = (p: Awaited<ReturnType<typeof testPanel>>['panel']) => until(() => p.preview.state === 'ready');

describe('panel preview', () => {
  it('follows the purpose line; an older, slower preview never overwrites a newer one', async () => {
    const { panel, control } = await testPanel();
    panel.setFiles([photo()]);
    await ready(panel);
    expect((await printed((panel.preview as { file: File }).file)).purpose).toBe('Only for okx.com identity verification');
    // The first edit's preview takes long; the second edit's comes back first.
    control.delays.push(200, 0);
    panel.setPurpose('Only for OKX KYC, Dec 2026');
    await until(() => control.calls.length >= 3);
    panel.setPurpose('Only for OKX KYC');
    await until(() => control.calls.length >= 4);
    await until(() => panel.preview.state === 'ready');
    await new Promise((r) => setTimeout(r, 300)); // the slow one has finished by now
    const shown = await printed((panel.preview as { file: File }).file);
    expect(shown.purpose).toBe('Only for OKX KYC');
    expect(panel.preview.state).toBe('ready');
  });

  it('draws one preview at a time: while one is made, only the newest change waits (typing draws two, not five)', async () => {
    const { panel, control } = await testPanel({ checkFiles: false });
    panel.setFiles([photo()]);
    await ready(panel);
    const from = control.calls.length;
    control.delays.push(150);
    panel.setPurpose('O');
    await until(() => control.calls.length > from);
    for (const text of ['On', 'Onl', 'Only', 'Only OKX']) {
      panel.setPurpose(text);
      await new Promise((r) => setTimeout(r, 10)); // past the typing pause: each asks for a preview
    }
    await until(() => panel.preview.state === 'ready');
    expect(control.calls.slice(from).map((c) => c.options.watermark?.purpose)).toEqual(['O', 'Only OKX']);
    expect((await printed((panel.preview as { file: File }).file)).purpose).toBe('Only OKX');
  });

  it('is the saved copy: same trace code, date and layout, only smaller', async () => {
    const { panel, tick } = await testPanel();
    panel.setFiles([photo()]);
    await ready(panel);
    panel.setPurpose('Only for OKX KYC');
    await until(() => panel.preview.state === 'ready' && (panel.preview as { file: File }).file !== undefined);
    await new Promise((r) => setTimeout(r, 20));
    const preview = panel.preview;
    if (preview.state !== 'ready') throw new Error('no preview');
    const shown = await printed(preview.file);
    tick(36 * 3600_000); // saved two days later: the copy still carries the preview's date
    const saved: File[] = [];
    await panel.saveEach('stamp', (r) => void saved.push(r.file));
    const out = await printed(saved[0]!);
    expect(shown.maxDimension).toBe(900);
    expect(out.maxDimension).toBeUndefined();
    for (const k of ['code', 'date', 'layout', 'purpose', 'lang'] as const) expect(out[k], k).toEqual(shown[k]);
    expect(out.code).toBe(preview.code);
    expect(out.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // The next copy is another copy: a new trace code, shown in the new preview.
    await until(() => panel.preview.state === 'ready' && (panel.preview as { code: string }).code !== out.code);
  });

  it('shows a clean copy in clean mode, and a failure as the file’s error', async () => {
    const { panel, control } = await testPanel();
    panel.setFiles([photo()]);
    await ready(panel);
    panel.setMode('clean');
    await until(() => panel.preview.state === 'ready' && (panel.preview as { mode: string }).mode === 'clean');
    expect((panel.preview as { code: string }).code).toBe('');
    control.broken = /passport/;
    panel.setMode('stamp');
    await until(() => panel.preview.state === 'failed');
    expect(panel.preview.state === 'failed' && isStampError(panel.preview.error)).toBe(true);
  });
});

describe('panel batch', () => {
  it('saves the good files, reports the bad one, and records each saved copy in the history', async () => {
    const { panel, control, items } = await testPanel();
    control.broken = /broken/;
    panel.setFiles([photo('a.jpg'), photo('broken.jpg'), photo('c.jpg')]);
    await until(() => panel.files[1]!.problem !== undefined);
    expect(panel.usable).toBe(2);
    const delivered: string[] = [];
    const results = await panel.saveEach('stamp', (r) => void delivered.push(r.file.name));
    expect(delivered).toEqual(['a.jpg.out.jpg', 'c.jpg.out.jpg']);
    expect(results.map((r) => [r.name, !!r.result, isStampError(r.error)])).toEqual([
      ['a.jpg', true, false],
      ['broken.jpg', false, true],
      ['c.jpg', true, false],
    ]);
    const history = await listHistory(items.history);
    expect(history.map((e) => [e.name, e.site, e.mode, e.purpose])).toEqual([
      ['c.jpg.out.jpg', 'okx.com', 'stamp', 'Only for okx.com identity verification'],
      ['a.jpg.out.jpg', 'okx.com', 'stamp', 'Only for okx.com identity verification'],
    ]);
    expect(history[1]!.code).toBe(results[0]!.result!.report.watermark!.code);
    expect(history[1]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(panel.busy).toBe(false);
  });

  it('records a clean copy without a purpose or code, and nothing when the history is off', async () => {
    const { panel, items } = await testPanel();
    panel.setFiles([photo()]);
    await panel.saveEach('clean', () => undefined);
    expect((await listHistory(items.history)).map((e) => [e.mode, e.purpose, e.code])).toEqual([['strip', '', '']]);
    await updateSettings((s) => void (s.history.enabled = false), items.settings);
    await until(() => !panel.settings.history.enabled);
    await panel.saveEach('stamp', () => undefined);
    expect(await listHistory(items.history)).toHaveLength(1);
  });

  it('the prompt: all files or nothing, the first failure thrown, no history of a half batch', async () => {
    const { panel, control, items } = await testPanel({ checkFiles: false });
    control.broken = /b\.jpg/;
    panel.setFiles([photo('a.jpg'), photo('b.jpg')]);
    await expect(panel.makeAll('stamp')).rejects.toSatisfy(isStampError);
    expect(await listHistory(items.history)).toEqual([]);
    control.broken = /^$/;
    expect((await panel.makeAll('stamp')).map((r) => r.file.name)).toEqual(['a.jpg.out.jpg', 'b.jpg.out.jpg']);
    expect(await listHistory(items.history)).toHaveLength(2);
  });
});

describe('panel MRZ', () => {
  const reading = (name: string) => ({ found: true, valid: true, fields: { documentCode: 'P', surname: name }, failed: [], expiry: 'valid', ms: { read: 1, total: 1 } }) as unknown as MrzReading;

  it('reads the first file’s zone, and after stamping says the copy still reads', async () => {
    const { panel } = await testPanel({ mrz: true }, { readMrz: async () => reading('ERIKSSON') });
    panel.setFiles([photo()]);
    await until(() => panel.mrz.reading !== undefined);
    const [item] = await panel.saveEach('stamp', () => undefined);
    expect(panel.mrz.after).toEqual({ valid: true, restamped: false });
    expect(item!.result!.report.mrz?.after).toEqual({ found: true, valid: true });
  });

  it('a copy whose zone no longer reads is stamped again, lighter, with the same trace code', async () => {
    let reads = 0;
    // The original reads; the first stamped copy reads a wrong name; the lighter one reads right.
    const readMrz = async (f: Blob) => reading(f instanceof File && f.name.endsWith('.out.jpg') && reads++ === 0 ? 'ERIKSS0N' : 'ERIKSSON');
    const { panel } = await testPanel({ mrz: true }, { readMrz });
    panel.setFiles([photo()]);
    await until(() => panel.preview.state === 'ready' && panel.mrz.reading !== undefined);
    const code = (panel.preview as { code: string }).code;
    const saved: File[] = [];
    await panel.saveEach('stamp', (r) => void saved.push(r.file));
    expect(panel.mrz.after).toEqual({ valid: true, restamped: true });
    const out = await printed(saved[0]!);
    expect(out.code).toBe(code);
    expect(out.opacity).toBeCloseTo(0.15);
  });

  it('files chosen again without a look (the guard’s "always") drop the old file’s reading', async () => {
    const { panel } = await testPanel({ mrz: true, checkFiles: false }, { readMrz: async () => reading('ERIKSSON') });
    panel.setFiles([photo('passport.jpg')]);
    await until(() => panel.mrz.reading !== undefined);
    panel.setFiles([photo('other.jpg')], { look: false });
    expect(panel.mrz).toEqual({});
    const [made] = await panel.makeAll('stamp');
    expect(made!.report.mrz).toBeUndefined();
  });

  it('is not read when the settings turn it off', async () => {
    const read: Blob[] = [];
    const first = await testPanel({ mrz: true }, { readMrz: async (f) => (read.push(f), reading('X')) });
    await updateSettings((s) => void (s.mrz.read = false), first.items.settings);
    await until(() => !first.panel.settings.mrz.read);
    first.panel.setFiles([photo()]);
    await first.panel.saveEach('stamp', () => undefined);
    expect(read).toEqual([]);
  });
});

describe('panel password loop', () => {
  it('asks until the password opens the file; says when one was wrong; cancel reports the file', async () => {
    const { panel, control, asked, answers } = await testPanel({ checkFiles: false });
    control.locked.set('statement.pdf', '19900101');
    panel.setFiles([photo('statement.pdf')]);
    answers.push('wrong', '19900101');
    const saved: string[] = [];
    const results = await panel.saveEach('stamp', (r) => void saved.push(r.file.name));
    expect(asked).toEqual([
      { name: 'statement.pdf', wrong: false },
      { name: 'statement.pdf', wrong: true },
    ]);
    expect(saved).toEqual(['statement.pdf.out.jpg']);
    expect(results[0]!.error).toBeUndefined();
    // The password is not kept: the next save asks again, and Cancel ends with the file's error.
    answers.push(undefined);
    const again = await panel.saveEach('stamp', () => undefined);
    expect(asked).toHaveLength(3);
    expect(isStampError(again[0]!.error) && again[0]!.error.code).toBe('pdf-password');
  });
});

describe('panel site preferences', () => {
  it('remembers an edited purpose for the site after a stamped save, keeping its other choices', async () => {
    const first = await testPanel();
    await updateSettings((s) => void (s.sites['okx.com'] = { rule: 'always', copy: 'clean', purposeLang: 'zh_CN' }), first.items.settings);
    await first.panel.setSiteCopy('stamped');
    first.panel.setFiles([photo()]);
    first.panel.setPurpose('仅用于OKX身份认证 2026-12');
    await first.panel.saveEach('stamp', () => undefined);
    expect((await loadSettings(first.items.settings)).sites['okx.com']).toEqual({ rule: 'always', copy: 'stamped', purposeLang: 'zh_CN', purpose: '仅用于OKX身份认证 2026-12' });
    // A new panel for the site (the next visit) starts from it.
    const next = await testPanel();
    expect(next.panel.purpose).toBe('仅用于OKX身份认证 2026-12');
    expect(next.panel.purposeLang).toBe('zh_CN');
  });

  it('starts in clean mode for a site that declines watermarks (its rule, or the page’s words)', async () => {
    const { items } = await testPanel();
    await updateSettings((s) => void (s.sites['okx.com'] = { rule: 'ask', copy: 'clean' }), items.settings);
    expect((await testPanel()).panel.mode).toBe('clean');
    expect((await testPanel({ site: 'kraken.com' })).panel.mode).toBe('stamp');
    expect((await testPanel({ site: 'kraken.com', pageDeclines: true })).panel.mode).toBe('clean');
  });

  it('a new purpose language gives the standard line in it, for this site', async () => {
    const { panel, items } = await testPanel();
    await panel.setPurposeLang('zh_CN');
    expect(panel.purpose).toBe('仅用于okx.com身份认证');
    expect(panel.purposeEdited).toBe(false);
    expect((await loadSettings(items.settings)).sites['okx.com']).toEqual({ rule: 'ask', purposeLang: 'zh_CN' });
  });

  it('changing the site field takes that site’s line unless the person typed one', async () => {
    const { panel } = await testPanel();
    panel.setSiteText('https://www.binance.com/en/my/settings');
    expect(panel.site).toBe('binance.com');
    expect(panel.purpose).toBe('Only for binance.com identity verification');
    panel.setPurpose('mine');
    panel.setSiteText('kraken.com');
    expect(panel.purpose).toBe('mine');
  });
});

describe('panel: the invisible trace', () => {
  const KEY = 'IDSTK-TEST';
  const PREVIEW = 321;
  // Saves, not previews (drawn small) nor the chosen files' first check (before `from`).
  const saves = (control: FakeStampControl, from: number) =>
    control.calls
      .slice(from)
      .filter((c) => c.options.maxDimension !== PREVIEW)
      .map((c) => ({ mode: c.options.mode, key: c.options.trace?.key }));

  it('a stamped copy and a clean one carry the trace; unticked, the clean copy is the lossless strip', async () => {
    const { panel, control } = await testPanel({ previewSize: PREVIEW }, { traceKey: async () => KEY });
    panel.setFiles([photo()]);
    await ready(panel);
    const from = control.calls.length;
    await panel.saveEach('stamp', () => undefined);
    await panel.saveEach('clean', () => undefined);
    expect(panel.traceClean).toBe(true);
    panel.setTraceClean(false);
    await panel.saveEach('clean', () => undefined);
    expect(saves(control, from)).toEqual([
      { mode: 'stamp', key: KEY },
      { mode: 'trace', key: KEY },
      { mode: 'strip', key: undefined },
    ]);
    // The preview is never traced: it cannot show, and stays quick.
    const previews = control.calls.filter((c) => c.options.maxDimension === PREVIEW);
    expect(previews.length).toBeGreaterThan(0);
    expect(previews.every((c) => c.options.trace === undefined)).toBe(true);
  });

  it('a key that cannot be had fails the save: nothing handed out without its trace', async () => {
    const { panel } = await testPanel({}, { traceKey: () => Promise.reject(new Error('storage unavailable')) });
    panel.setFiles([photo()]);
    const delivered: unknown[] = [];
    const done = await panel.saveEach('stamp', (r) => void delivered.push(r));
    expect(delivered).toEqual([]);
    expect(done[0]?.error).toBeInstanceOf(Error);
  });
});
