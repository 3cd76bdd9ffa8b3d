// A panel model on fakeBrowser storage with a fake stamp function: the output is a small JSON
// file saying what would have been printed (purpose, date, code, layout numbers drawn from the
// env), so tests compare a preview with a saved copy without a browser.
import { storage } from 'wxt/utils/storage';
import { StampError } from '../../src/core/errors.ts';
import type { StampOptionsInput } from '../../src/core/options.ts';
import type { StampResult } from '../../src/core/pipeline.ts';
import type { StampReport } from '../../src/core/report.ts';
import { createPanel, type PanelDeps, type PanelInit } from '../../src/panel/model.ts';
import type { RawItem } from '../../src/settings/store.ts';

export interface Printed {
  source: string;
  mode: string;
  purpose?: string;
  date?: string;
  code: string;
  layout: number[];
  lang?: string;
  maxDimension?: number;
  output?: string;
  redact?: unknown;
  opacity?: number;
}

export const printed = async (f: Blob): Promise<Printed> => JSON.parse(await f.text()) as Printed;

export interface FakeStampControl {
  calls: { name: string; options: StampOptionsInput }[];
  /** Milliseconds the next calls take (by call order); default 0. */
  delays: number[];
  /** Files whose name matches fail like a damaged file. */
  broken: RegExp;
  /** Files whose name matches need this password. */
  locked: Map<string, string>;
}

export function fakeStamp(): { control: FakeStampControl; stamp: PanelDeps['stamp'] } {
  const control: FakeStampControl = { calls: [], delays: [], broken: /^$/, locked: new Map() };
  const stamp: PanelDeps['stamp'] = async (file, o, env) => {
    control.calls.push({ name: file.name, options: o });
    const delay = control.delays.shift() ?? 0;
    if (delay) await new Promise((r) => setTimeout(r, delay));
    if (control.broken.test(file.name)) throw new StampError('unsupported-type', { found: 'text' });
    const need = control.locked.get(file.name);
    const given = (o as { password?: string }).password;
    if (need !== undefined && given === undefined) throw new StampError('pdf-password');
    if (need !== undefined && given !== need) throw new StampError('pdf-wrong-password');
    const strip = o.mode === 'strip';
    const code = env.code();
    const layout = [env.random(), env.random(), env.random()];
    const body: Printed = {
      source: file.name,
      mode: o.mode ?? 'stamp',
      code: strip ? '' : code,
      layout: strip ? [] : layout,
      ...(strip ? {} : { purpose: o.watermark?.purpose, date: o.watermark?.date, lang: o.lang, opacity: o.watermark?.opacity }),
      ...(o.maxDimension ? { maxDimension: o.maxDimension } : {}),
      ...(typeof o.output === 'string' ? { output: o.output } : {}),
      redact: o.redact,
    };
    const out = new File([JSON.stringify(body)], `${file.name}.out.jpg`, { type: 'image/jpeg' });
    const report = {
      mode: o.mode ?? 'stamp',
      input: { name: file.name, bytes: file.size, kind: 'jpeg', width: 10, height: 10 },
      output: { name: out.name, bytes: out.size, kind: 'jpeg', mime: 'image/jpeg', width: 10, height: 10 },
      removed: [],
      warnings: [],
      lossless: false,
      ms: {},
      ...(strip ? {} : { watermark: { code } }),
    } as unknown as StampReport;
    return { file: out, report } satisfies StampResult;
  };
  return { control, stamp };
}

/** Storage items for one extension page (a second call: a second page on the same storage). */
export const pageItems = (): { settings: RawItem; history: RawItem } => ({
  settings: storage.defineItem<unknown>('local:settings', { fallback: null }),
  history: storage.defineItem<unknown>('local:history', { fallback: [] }),
});

/** A deterministic random source (tests): a different sequence per instance. */
export function counter(start = 1): () => number {
  let n = start;
  return () => (n = (n * 48271) % 2147483647) / 2147483647;
}

export async function testPanel(init: Partial<PanelInit> = {}, deps: Partial<PanelDeps> = {}) {
  const { control, stamp } = fakeStamp();
  const items = pageItems();
  const asked: { name: string; wrong: boolean }[] = [];
  const answers: (string | undefined)[] = [];
  let clock = new Date('2026-12-06T02:00:00Z');
  const panel = await createPanel(
    {
      ...items,
      stamp,
      now: () => clock,
      random: counter(),
      randomBytes: (n) => new Uint8Array(n),
      lang: 'en',
      askPassword: async (name, wrong) => {
        asked.push({ name, wrong });
        return answers.shift();
      },
      previewDelayMs: 1,
      ...deps,
    },
    { site: 'okx.com', previewSize: 900, checkFiles: true, ...init },
  );
  const tick = (ms: number) => (clock = new Date(clock.getTime() + ms));
  return { panel, control, items, asked, answers, tick };
}

export const photo = (name = 'passport.jpg') => new File([new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3])], name, { type: 'image/jpeg' });

/** Resolves when `check` holds (polling; the model's work is a few timers and promises). */
export async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 2));
  }
}
