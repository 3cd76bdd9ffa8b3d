// The stamping panel as plain state and actions, no DOM. The guard's prompt, the popup and the
// stamping page are views over it. Browser things (storage items, the stamp function, clock,
// random source, password dialog) come in as parameters, so it runs in unit tests without a
// browser. Its parts, one job each: choices.ts (settings, site, purpose, stamped or clean),
// files.ts (the files and their checks), preview.ts with job.ts (the preview: the saved copy's
// own job, drawn small, latest change wins), save.ts (saving, the batch, the history).
import type { StampOptionsInput } from '../core/options.ts';
import { createChoices } from './choices.ts';
import { createFiles } from './files.ts';
import { copyOptions, stampPreview } from './job.ts';
import { previewer, type PreviewState } from './preview.ts';
import { firstPageBoxes } from './record.ts';
import { createSaves } from './save.ts';
import type { Change, PanelDeps, PanelFile, PanelInit, PanelMode } from './types.ts';

export { wantsCleanCopy } from './choices.ts';
export type { BatchItem, Change, MrzState, PanelDeps, PanelFile, PanelInit, PanelMode, StampFn } from './types.ts';

/** What the preview shows: the copy the save will make, at preview size. */
export interface ShownPreview {
  file: File;
  name: string;
  mode: PanelMode;
  /** The trace code printed on it ('' for a clean copy): the saved copy carries the same. */
  code: string;
}

export type Panel = Awaited<ReturnType<typeof createPanel>>;

export async function createPanel(deps: PanelDeps, init: PanelInit) {
  const listeners = new Set<(c: Change) => void>();
  const emit = (c: Change) => listeners.forEach((l) => l(c));
  // The parts call one another through these late-bound hooks (the preview needs the files and
  // choices, which ask for the preview when they change).
  const looked = () => preview.soon();
  const choices = await createChoices(deps, init, emit, looked);

  /** File `i`'s options for a copy in mode `m`: the settings, this moment and this page's limits. */
  const optionsFor = (m: PanelMode, i: number, f: PanelFile, extra: Partial<StampOptionsInput> = {}): StampOptionsInput => {
    const moment = { ...choices.moment(m, f.mark.at), ...(init.outputFor ? { output: init.outputFor(i) } : {}) };
    const redact = i === 0 ? firstPageBoxes(f.file, files.boxes) : [];
    return { ...copyOptions(choices.effective(), moment, { ...(init.maxBytes ? { maxBytes: init.maxBytes } : {}), redact }), ...extra };
  };
  const files = createFiles({ deps, init, settings: () => choices.settings, optionsFor, emit, chosen: () => void chosen() });
  const saves = createSaves({ deps, choices, files, optionsFor, emit, renewed: (saved) => renewed(saved) });

  /** The first file, drawn as the copy a save would make now. */
  const firstCopy = () => {
    const first = files.list[0];
    if (!first) return undefined;
    const m = choices.mode;
    const draw = async (): Promise<ShownPreview> => {
      const r = await stampPreview(deps, first.file, optionsFor(m, 0, first), first.mark, init.previewSize);
      return { file: r.file, name: first.file.name, mode: m, code: r.report.watermark?.code ?? '' };
    };
    return { name: first.file.name, draw };
  };
  const preview = previewer(firstCopy, () => emit('preview'), deps.previewDelayMs ?? 250);
  const chosen = () => {
    emit('results');
    return preview.refresh();
  };
  const renewed = (saved: readonly PanelFile[]) => {
    files.renew(saved);
    if (saved.length) void preview.refresh();
  };

  const panel = {
    get site() {
      return choices.site;
    },
    get settings() {
      return choices.settings;
    },
    get siteRecord() {
      return choices.siteRecord;
    },
    get mode() {
      return choices.mode;
    },
    get traceClean() {
      return choices.traceClean;
    },
    get purpose() {
      return choices.purpose;
    },
    get purposeEdited() {
      return choices.purposeEdited;
    },
    get purposeLang() {
      return choices.purposeLang;
    },
    /** Why a clean copy is the default here: the site's rule, the page's words, or not. */
    get cleanReason() {
      return choices.cleanReason();
    },
    get files() {
      return files.list;
    },
    get usable() {
      return files.usable;
    },
    get boxes() {
      return files.boxes;
    },
    get quality() {
      return files.quality;
    },
    get mrz() {
      return files.mrz;
    },
    get preview(): PreviewState<ShownPreview> {
      return preview.state;
    },
    get busy() {
      return saves.busy;
    },
    get current() {
      return saves.current;
    },
    get results() {
      return saves.results;
    },

    subscribe(fn: (c: Change) => void): () => void {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    dispose() {
      choices.dispose();
      preview.dispose();
      listeners.clear();
    },
    /** The preview now (changes schedule it themselves, a moment later). */
    refreshPreview: () => preview.refresh(),

    /** New files; `look: false` (the guard's "always" answer): no preview, check or MRZ reading. */
    setFiles(next: File[], o: { look?: boolean } = {}) {
      saves.clear();
      files.setFiles(next, o);
    },
    removeFile(i: number) {
      saves.clear();
      files.removeFile(i);
    },
    setBoxes(next: Parameters<typeof files.setBoxes>[0]) {
      files.setBoxes(next);
      looked();
    },
    setTraceClean: choices.setTraceClean,
    setMode: choices.setMode,
    setPurpose: choices.setPurpose,
    setPurposeLang: choices.setPurposeLang,
    setSiteText: choices.setSiteText,
    setPreset: choices.setPreset,
    setSiteRule: choices.setSiteRule,
    setSiteCopy: choices.setSiteCopy,
    saveEach: saves.saveEach,
    makeAll: saves.makeAll,
    makeFirst: saves.makeFirst,
  };
  return panel;
}
