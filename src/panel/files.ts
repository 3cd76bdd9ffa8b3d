// The chosen files and what is known of them before anything is saved: each file's mark, the
// files even a clean copy fails on (checked one by one, then skipped), the first file's photo
// check and its machine-readable zone, and the black boxes drawn on its preview. Choosing again
// starts afresh: work still under way for the old choice never lands on the new one.
import type { MrzReading } from '../core/mrz/read.ts';
import type { StampOptionsInput } from '../core/options.ts';
import type { Check } from '../core/quality/checks.ts';
import type { Settings } from '../settings/schema.ts';
import { latest } from './latest.ts';
import { markEnv, newMark } from './mark.ts';
import type { Box } from './record.ts';
import type { Emit, MrzState, PanelDeps, PanelFile, PanelInit, PanelMode } from './types.ts';

export type Files = ReturnType<typeof createFiles>;

export interface FilesContext {
  deps: Pick<PanelDeps, 'stamp' | 'random' | 'now' | 'randomBytes' | 'quality' | 'readMrz'>;
  init: Pick<PanelInit, 'checkFiles' | 'mrz'>;
  settings: () => Settings;
  /** File `i`'s options for a copy in mode `m`. */
  optionsFor: (m: PanelMode, i: number, f: PanelFile) => StampOptionsInput;
  emit: Emit;
  /** Files were chosen to look at: the preview is drawn for them. */
  chosen: () => void;
}

export function createFiles(c: FilesContext) {
  const { deps, init, emit } = c;
  let files: PanelFile[] = [];
  let boxes: Box[] = [];
  let quality: Check[] | undefined;
  let mrz: MrzState = {};
  let mrzReading: Promise<MrzReading> | undefined;
  const choices = latest();

  /** A clean-only copy of each file, kept nowhere: a file that fails it is marked and skipped. */
  const checkEach = async (token: number) => {
    for (const f of files) {
      try {
        const o = { ...c.optionsFor('clean', 0, f), maxBytes: undefined, maxDimension: undefined, output: 'same' as const, redact: [] };
        await deps.stamp(f.file, o, markEnv(f.mark, deps.randomBytes));
      } catch (error) {
        if (!choices.isLatest(token)) return;
        f.problem = error;
        emit('files');
      }
      if (!choices.isLatest(token)) return;
    }
  };
  const showQuality = async (token: number, first: File) => {
    const checks = await deps.quality?.(first).catch(() => undefined);
    if (!choices.isLatest(token)) return;
    quality = checks;
    emit('quality');
  };
  const readZone = (first: File | undefined) => {
    if (!first || !init.mrz || !c.settings().mrz.read || !deps.readMrz) return;
    const reading = deps.readMrz(first);
    mrzReading = reading;
    void reading.then(
      (r) => {
        if (mrzReading !== reading) return;
        mrz = { reading: r };
        emit('mrz');
      },
      () => undefined,
    );
  };

  const setFiles = (next: File[], o: { look?: boolean } = {}) => {
    const token = choices.next();
    files = next.map((file) => ({ file, mark: newMark(deps.random, deps.now()) }));
    boxes = [];
    quality = undefined;
    // The old first file's reading must not judge the new one's copy, looked at or not.
    mrz = {};
    mrzReading = undefined;
    emit('files');
    emit('mrz');
    if (o.look === false) return;
    emit('quality');
    c.chosen();
    const first = files[0]?.file;
    if (first) void showQuality(token, first);
    if (init.checkFiles) void checkEach(token);
    readZone(first);
  };

  return {
    get list(): readonly PanelFile[] {
      return files;
    },
    get usable(): number {
      return files.filter((f) => f.problem === undefined).length;
    },
    get boxes(): readonly Box[] {
      return boxes;
    },
    get quality() {
      return quality;
    },
    get mrz() {
      return mrz;
    },
    /** The first file's reading, while it is the one shown (a stamped copy must still read). */
    get mrzReading() {
      return mrzReading;
    },
    /** What the saved copy's zone read (maybe after lightening the mark). */
    readAfter(after: MrzState['after']) {
      mrz = { ...mrz, ...(after ? { after } : {}) };
      emit('mrz');
    },
    /** `look: false` (the guard's "always" answer): no preview, check or MRZ reading. */
    setFiles,
    removeFile: (i: number) => setFiles(files.filter((_, j) => j !== i).map((f) => f.file)),
    setBoxes(next: readonly Box[]) {
      boxes = next.map((b) => ({ ...b }));
    },
    /** After a save the next copy is another copy: its own trace code, date and layout. */
    renew(saved: readonly PanelFile[]) {
      for (const f of saved) f.mark = newMark(deps.random, deps.now());
    },
  };
}
