// Making the copies a person takes away: each file with its own mark, the password loop, the
// machine-readable zone kept readable, the invisible trace, then the history entry. The stamping
// page and popup save what they can and report the rest; the guard's prompt hands the page every
// file or nothing.
import { mrzSummary, stampKeepingMrz } from '../core/mrz/stamped.ts';
import type { StampOptionsInput } from '../core/options.ts';
import type { StampResult } from '../core/pipeline.ts';
import { addHistory } from '../history/history.ts';
import type { Choices } from './choices.ts';
import type { Files } from './files.ts';
import { markEnv } from './mark.ts';
import { withPassword } from './password.ts';
import { historyEntry } from './record.ts';
import type { BatchItem, Emit, PanelDeps, PanelFile, PanelMode } from './types.ts';

export interface SavesContext {
  deps: Pick<PanelDeps, 'stamp' | 'randomBytes' | 'readMrz' | 'askPassword' | 'traceKey' | 'history' | 'now'>;
  choices: Choices;
  files: Files;
  optionsFor: (m: PanelMode, i: number, f: PanelFile, extra?: Partial<StampOptionsInput>) => StampOptionsInput;
  emit: Emit;
  /** Copies were saved: their files have new marks, the preview shows the next copy. */
  renewed: (saved: readonly PanelFile[]) => void;
}

export function createSaves(c: SavesContext) {
  const { deps, choices, files, emit } = c;
  let busy = false;
  /** The file being made now (for "Working on …"). */
  let current: string | undefined;
  let results: BatchItem[] = [];

  const setBusy = (on: boolean) => {
    busy = on;
    if (!on) current = undefined;
    emit('busy');
  };

  /**
   * The invisible trace for a saved copy. Not in the preview: it cannot be seen, and a preview
   * stays quick. A key that cannot be had fails the save (nothing is handed out without it).
   */
  const traceFor = async (m: PanelMode): Promise<Partial<StampOptionsInput>> => {
    if (!deps.traceKey || (m === 'clean' && !choices.traceClean)) return {};
    const key = await deps.traceKey();
    return m === 'clean' ? { mode: 'trace', trace: { key } } : { trace: { key } };
  };

  /** Stamps one file with its own mark: the password loop, and the MRZ kept readable. */
  const make = (i: number, f: PanelFile, m: PanelMode, extra: Partial<StampOptionsInput> = {}): Promise<StampResult> =>
    withPassword(
      f.file.name,
      async (pw) => {
        const o = { ...c.optionsFor(m, i, f, extra), ...(await traceFor(m)), ...pw };
        const reading = i === 0 && m !== 'clean' ? files.mrzReading : undefined;
        // Each call gets a fresh env: the first stamp draws the same layout as the preview.
        const stamp = (file: File, opts: StampOptionsInput) => deps.stamp(file, opts, markEnv(f.mark, deps.randomBytes));
        if (!reading) return stamp(f.file, o);
        const r = await stampKeepingMrz(f.file, o, (file, opts) => stamp(file as File, opts), deps.readMrz!, reading);
        if (r.mrz.after) files.readAfter({ valid: r.mrz.after.valid, restamped: r.mrz.restamped });
        return { file: r.file, report: { ...r.report, mrz: mrzSummary(r.mrz.before, r.mrz.after, r.mrz.restamped) } };
      },
      deps.askPassword,
    );

  const record = async (r: StampResult, m: PanelMode) => {
    if (!choices.settings.history.enabled) return;
    const purpose = m === 'stamp' ? choices.purpose.trim() : '';
    await addHistory(await historyEntry(r.file, r.report, choices.site, purpose, deps.now()), deps.history);
  };

  /** One file of a batch: skipped with its known problem, else made, delivered and recorded. */
  const saveOne = async (i: number, f: PanelFile, m: PanelMode, deliver: (r: StampResult) => void | Promise<void>): Promise<BatchItem> => {
    if (f.problem !== undefined) return { name: f.file.name, error: f.problem };
    current = f.file.name;
    emit('busy');
    try {
      const result = await make(i, f, m);
      await deliver(result);
      await record(result, m);
      return { name: f.file.name, result };
    } catch (error) {
      return { name: f.file.name, error };
    }
  };

  return {
    get busy() {
      return busy;
    },
    get current() {
      return current;
    },
    get results(): readonly BatchItem[] {
      return results;
    },
    /** New files: the old batch's results no longer apply. */
    clear() {
      results = [];
    },

    /**
     * The stamping page and popup: every usable file, one after another, each handed to
     * `deliver` (the Downloads folder) and recorded; a file that fails is reported and the rest
     * go on.
     */
    async saveEach(m: PanelMode, deliver: (r: StampResult) => void | Promise<void>): Promise<readonly BatchItem[]> {
      const batch = [...files.list];
      results = [];
      setBusy(true);
      emit('results');
      for (const [i, f] of batch.entries()) {
        results = [...results, await saveOne(i, f, m, deliver)];
        emit('results');
      }
      await choices.rememberPurpose(m).catch(() => undefined);
      setBusy(false);
      c.renewed(batch.filter((_, i) => results[i]?.result));
      return results;
    },

    /**
     * The guard's prompt: every file or nothing (fail closed: the page gets no half-made batch).
     * Recorded in the history once all are made; throws the first failure.
     */
    async makeAll(m: PanelMode): Promise<StampResult[]> {
      setBusy(true);
      try {
        const made: StampResult[] = [];
        for (const [i, f] of files.list.entries()) made.push(await make(i, f, m));
        for (const r of made) await record(r, m);
        await choices.rememberPurpose(m).catch(() => undefined);
        return made;
      } finally {
        setBusy(false);
      }
    },

    /** The first file as one more copy (the clipboard's PNG), recorded like a save. */
    async makeFirst(m: PanelMode, extra: Partial<StampOptionsInput>): Promise<StampResult | undefined> {
      const first = files.list[0];
      if (!first || first.problem !== undefined) return undefined;
      setBusy(true);
      try {
        const r = await make(0, first, m, extra);
        await record(r, m);
        c.renewed([first]);
        return r;
      } finally {
        setBusy(false);
      }
    },
  };
}
