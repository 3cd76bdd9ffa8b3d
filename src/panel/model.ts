// The stamping panel as plain state and actions, no DOM: the files and their checks, what to
// make (stamped or clean), the purpose line and its language, black boxes, the preview (latest
// request wins), the MRZ reading, password prompts, the batch and its results, history entries
// and the site's remembered choices. The guard's prompt, the popup and the stamping page are
// views over it. Browser things (storage items, the stamp function, clock, random source,
// password dialog) come in as parameters, so it runs in unit tests without a browser.
import type { Lang } from '../core/lang.ts';
import type { MrzReading } from '../core/mrz/read.ts';
import { mrzSummary, stampKeepingMrz } from '../core/mrz/stamped.ts';
import type { StampOptionsInput } from '../core/options.ts';
import type { StampEnv, StampResult } from '../core/pipeline.ts';
import type { Check } from '../core/quality/checks.ts';
import { addHistory } from '../history/history.ts';
import { PRESETS, type PresetName, type Settings } from '../settings/schema.ts';
import { updateSite, type SitePatch, type SiteRecord } from '../settings/sites.ts';
import { loadSettings, updateSettings, watchSettings, type RawItem } from '../settings/store.ts';
import { purposeFor, purposeLangFor, stampOptionsFor } from '../settings/to-options.ts';
import { registrableDomain } from '../sites/domain.ts';
import { debounced, latest } from './latest.ts';
import { markEnv, newMark, type Mark } from './mark.ts';
import { withPassword, type AskPassword } from './password.ts';
import { firstPageBoxes, historyEntry, type Box } from './record.ts';

/**
 * What the person takes away: a stamped copy, or a clean one (no visible mark). With a trace key
 * both carry the invisible trace code, unless the person unticks it for the clean copy (then
 * the lossless strip that keeps every pixel).
 */
export type PanelMode = 'stamp' | 'clean';
const coreMode = (m: PanelMode): 'stamp' | 'strip' => (m === 'clean' ? 'strip' : 'stamp');

export type StampFn = (file: File, options: StampOptionsInput, env: StampEnv) => Promise<StampResult>;

export interface PanelDeps {
  settings: RawItem;
  history: RawItem;
  stamp: StampFn;
  now: () => Date;
  /** Uniform [0, 1): trace codes and layout seeds (crypto-backed in the browser). */
  random: () => number;
  randomBytes: (n: number) => Uint8Array;
  /** The interface's language. */
  lang: Lang;
  askPassword: AskPassword;
  readMrz?: (file: Blob) => Promise<MrzReading>;
  quality?: (file: Blob) => Promise<Check[] | undefined>;
  /** Wait after a change before the preview is stamped again (typing). */
  previewDelayMs?: number;
  /** This device's trace key (exported text); absent: copies carry no invisible trace. */
  traceKey?: () => Promise<string>;
}

export interface PanelInit {
  site: string;
  /** Longest side of the preview, pixels. */
  previewSize: number;
  /** What the page said: it declines watermarked photos (the guard's prompt). */
  pageDeclines?: boolean;
  /** Read the first file's machine-readable zone (when the settings allow it too). */
  mrz?: boolean;
  /** Check every chosen file with a clean-only run; files that fail are marked and skipped. */
  checkFiles?: boolean;
  /** The output type for file `i` (an upload field's accepted types); throws to refuse. */
  outputFor?: (i: number) => StampOptionsInput['output'];
  /** The upload field's own size limit, bytes. */
  maxBytes?: number;
}

export interface PanelFile {
  file: File;
  mark: Mark;
  /** Why even a clean-only copy fails (damaged, unsupported): shown, and the file is skipped. */
  problem?: unknown;
}

export type PreviewState = { state: 'none' } | { state: 'working'; last?: ShownPreview } | ({ state: 'ready' } & ShownPreview) | { state: 'failed'; name: string; error: unknown };

export interface ShownPreview {
  file: File;
  name: string;
  mode: PanelMode;
  /** The trace code printed on it ('' for a clean copy): the saved copy carries the same. */
  code: string;
}

export interface BatchItem {
  name: string;
  result?: StampResult;
  error?: unknown;
}

export interface MrzState {
  reading?: MrzReading;
  /** After stamping: the copy still reads (maybe after lightening the mark). */
  after?: { valid: boolean; restamped: boolean };
}

export type Change = 'files' | 'preview' | 'quality' | 'mrz' | 'purpose' | 'mode' | 'site' | 'settings' | 'busy' | 'results';

/** The copy a site gets by default: the person's rule for it, else what the page says. */
export function wantsCleanCopy(settings: Settings, site: string, pageDeclines: boolean): 'site' | 'page' | false {
  const copy = site ? settings.sites[site]?.copy : undefined;
  if (copy === 'clean') return 'site';
  return copy !== 'stamped' && pageDeclines ? 'page' : false;
}

export type Panel = Awaited<ReturnType<typeof createPanel>>;

export async function createPanel(deps: PanelDeps, init: PanelInit) {
  const listeners = new Set<(c: Change) => void>();
  const emit = (c: Change) => listeners.forEach((l) => l(c));
  let settings = await loadSettings(deps.settings);
  let site = init.site;
  let purposeLang = purposeLangFor(settings, site, deps.lang);
  const effective = (): Settings => ({ ...settings, language: { ...settings.language, purpose: purposeLang } });
  let purpose = purposeFor(settings, site, deps.lang);
  let purposeEdited = false;
  let mode: PanelMode = wantsCleanCopy(settings, site, !!init.pageDeclines) ? 'clean' : 'stamp';
  let files: PanelFile[] = [];
  let boxes: Box[] = [];
  let preview: PreviewState = { state: 'none' };
  let quality: Check[] | undefined;
  let mrz: MrzState = {};
  let mrzReading: Promise<MrzReading> | undefined;
  let busy = false;
  /** The file being made now (for "Working on …"). */
  let current: string | undefined;
  let results: BatchItem[] = [];
  /** The clean copy carries the invisible trace (on by default). */
  let traceClean = true;
  const previews = latest();
  const choices = latest();

  const options = (m: PanelMode, i: number, f: PanelFile, extra: Partial<StampOptionsInput> = {}): StampOptionsInput => {
    const base = stampOptionsFor(effective(), { site, purpose, mode: coreMode(m), lang: deps.lang, now: f.mark.at, ...(init.outputFor ? { output: init.outputFor(i) } : {}) });
    const limits = [base.maxBytes, init.maxBytes].filter((n): n is number => !!n);
    return { ...base, ...(limits.length ? { maxBytes: Math.min(...limits) } : {}), redact: i === 0 ? firstPageBoxes(f.file, boxes) : [], ...extra };
  };
  const envOf = (f: PanelFile) => markEnv(f.mark, deps.randomBytes);
  const freshMark = () => newMark(deps.random, deps.now());

  // --- preview -----------------------------------------------------------------------------
  const renderPreview = async (): Promise<void> => {
    const token = previews.next();
    const first = files[0];
    if (!first) {
      preview = { state: 'none' };
      return emit('preview');
    }
    const last = preview.state === 'ready' ? preview : preview.state === 'working' ? preview.last : undefined;
    preview = { state: 'working', ...(last ? { last } : {}) };
    emit('preview');
    const m = mode;
    try {
      // A small copy is enough to judge the mark: its size is relative to the picture. Same
      // mark (code, date, layout) as the saved copy.
      const o = options(m, 0, first);
      const r = await deps.stamp(first.file, { ...o, maxDimension: init.previewSize, maxBytes: undefined, output: 'jpeg', pdf: { ...o.pdf, dpi: 72 } }, envOf(first));
      if (!previews.isLatest(token)) return;
      preview = { state: 'ready', file: r.file, name: first.file.name, mode: m, code: r.report.watermark?.code ?? '' };
    } catch (error) {
      if (!previews.isLatest(token)) return;
      preview = { state: 'failed', name: first.file.name, error };
    }
    emit('preview');
  };
  const previewSoon = debounced(() => void renderPreview(), deps.previewDelayMs ?? 250);

  // --- files -------------------------------------------------------------------------------
  const checkFiles = async (token: number) => {
    for (const f of files) {
      try {
        await deps.stamp(f.file, { ...options('clean', 0, f), maxBytes: undefined, maxDimension: undefined, output: 'same', redact: [] }, envOf(f));
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
    mrz = {};
    mrzReading = undefined;
    emit('mrz');
    if (!first || !init.mrz || !settings.mrz.read || !deps.readMrz) return;
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

  /**
   * The invisible trace for a saved copy. Not in the preview: it cannot be seen, and a preview
   * stays quick. A key that cannot be had fails the save (nothing is handed out without it).
   */
  const traceFor = async (m: PanelMode): Promise<Partial<StampOptionsInput>> => {
    if (!deps.traceKey || (m === 'clean' && !traceClean)) return {};
    const key = await deps.traceKey();
    return m === 'clean' ? { mode: 'trace', trace: { key } } : { trace: { key } };
  };

  /** Stamps one file with its own mark: the password loop, and the MRZ kept readable. */
  const make = async (i: number, f: PanelFile, m: PanelMode, extra: Partial<StampOptionsInput> = {}): Promise<StampResult> =>
    withPassword(
      f.file.name,
      async (pw) => {
        const o = { ...options(m, i, f, extra), ...(await traceFor(m)), ...pw };
        const reading = i === 0 && m !== 'clean' ? mrzReading : undefined;
        if (!reading) return deps.stamp(f.file, o, envOf(f));
        const read = deps.readMrz!;
        // Each call gets a fresh env: the first stamp draws the same layout as the preview.
        const r = await stampKeepingMrz(f.file, o, (file, opts) => deps.stamp(file as File, opts, envOf(f)), read, reading);
        if (r.mrz.after) {
          mrz = { ...mrz, after: { valid: r.mrz.after.valid, restamped: r.mrz.restamped } };
          emit('mrz');
        }
        return { file: r.file, report: { ...r.report, mrz: mrzSummary(r.mrz.before, r.mrz.after, r.mrz.restamped) } };
      },
      deps.askPassword,
    );

  const record = async (r: StampResult, m: PanelMode) => {
    if (settings.history.enabled) await addHistory(await historyEntry(r.file, r.report, site, m === 'stamp' ? purpose.trim() : '', deps.now()), deps.history);
  };
  /** After a save, the next copy gets its own trace code. */
  const renew = (saved: PanelFile[]) => {
    for (const f of saved) f.mark = freshMark();
    if (saved.length) void renderPreview();
  };
  const rememberPurpose = async (m: PanelMode) => {
    const text = purpose.trim();
    if (m === 'stamp' && purposeEdited && text && site) await setSite({ purpose: text });
  };
  const setSite = async (patch: SitePatch) => {
    if (!site) return;
    settings = await updateSite(site, patch, deps.settings);
    emit('settings');
  };

  const watching = watchSettings((s) => {
    settings = s;
    purposeLang = purposeLangFor(effectiveFrom(s), site, deps.lang);
    emit('settings');
    previewSoon();
  }, deps.settings);
  /** A site's own language wins; else the one chosen here stays. */
  const effectiveFrom = (s: Settings): Settings => ({ ...s, language: { ...s.language, purpose: purposeLang } });

  const panel = {
    get site() {
      return site;
    },
    get settings() {
      return settings;
    },
    get siteRecord(): SiteRecord | undefined {
      return site ? settings.sites[site] : undefined;
    },
    get files(): readonly PanelFile[] {
      return files;
    },
    get usable(): number {
      return files.filter((f) => f.problem === undefined).length;
    },
    get mode() {
      return mode;
    },
    get traceClean() {
      return traceClean;
    },
    get purpose() {
      return purpose;
    },
    get purposeEdited() {
      return purposeEdited;
    },
    get purposeLang() {
      return purposeLang;
    },
    get boxes(): readonly Box[] {
      return boxes;
    },
    get preview() {
      return preview;
    },
    get quality() {
      return quality;
    },
    get mrz() {
      return mrz;
    },
    get busy() {
      return busy;
    },
    get current() {
      return current;
    },
    get results(): readonly BatchItem[] {
      return results;
    },
    /** Why a clean copy is the default here: the site's rule, the page's words, or not. */
    get cleanReason() {
      return wantsCleanCopy(settings, site, !!init.pageDeclines);
    },

    subscribe(fn: (c: Change) => void): () => void {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    dispose() {
      watching();
      previewSoon.cancel();
      listeners.clear();
    },
    /** The preview now (changes schedule it themselves, a moment later). */
    refreshPreview: renderPreview,

    /** New files; `look: false` (the guard's "always" answer): no preview, check or MRZ reading. */
    setFiles(next: File[], o: { look?: boolean } = {}) {
      const token = choices.next();
      files = next.map((file) => ({ file, mark: freshMark() }));
      boxes = [];
      results = [];
      quality = undefined;
      emit('files');
      if (o.look === false) return;
      emit('results');
      emit('quality');
      void renderPreview();
      const first = files[0]?.file;
      if (first) void showQuality(token, first);
      if (init.checkFiles) void checkFiles(token);
      readZone(first);
    },
    removeFile(i: number) {
      panel.setFiles(files.filter((_, j) => j !== i).map((f) => f.file));
    },
    setTraceClean(on: boolean) {
      traceClean = on;
      emit('mode');
    },
    setMode(next: PanelMode) {
      if (next === mode) return;
      mode = next;
      emit('mode');
      previewSoon();
    },
    setPurpose(text: string) {
      purpose = text;
      purposeEdited = true;
      emit('purpose');
      previewSoon();
    },
    /** The site's remembered line was in the old language: the standard one replaces it. */
    async setPurposeLang(lang: Lang) {
      purposeLang = lang;
      await setSite({ purposeLang: lang, purpose: undefined });
      purpose = purposeFor(effective(), site, deps.lang);
      purposeEdited = false;
      emit('purpose');
      previewSoon();
    },
    /** The stamping page's site field (a domain or an address). */
    setSiteText(text: string) {
      site = registrableDomain(text) || text.trim();
      purposeLang = purposeLangFor(settings, site, deps.lang);
      if (!purposeEdited) purpose = purposeFor(effective(), site, deps.lang);
      emit('site');
      emit('purpose');
      previewSoon();
    },
    setBoxes(next: readonly Box[]) {
      boxes = next.map((b) => ({ ...b }));
      previewSoon();
    },
    async setPreset(name: Settings['preset']) {
      settings = await updateSettings((s) => {
        s.preset = name;
        if (name !== 'custom') Object.assign(s.watermark, PRESETS[name as PresetName]);
      }, deps.settings);
      emit('settings');
      previewSoon();
    },
    setSiteRule: (rule: SiteRecord['rule']) => setSite({ rule }),
    /** "This site declines watermarks": clean copies from now on (and now). */
    async setSiteCopy(copy: 'clean' | 'stamped') {
      await setSite({ copy });
      panel.setMode(wantsCleanCopy(settings, site, !!init.pageDeclines) ? 'clean' : 'stamp');
    },

    /**
     * The stamping page and popup: every usable file, one after another, each handed to
     * `deliver` (the Downloads folder) and recorded; a file that fails is reported and the rest
     * go on.
     */
    async saveEach(m: PanelMode, deliver: (r: StampResult) => void | Promise<void>): Promise<readonly BatchItem[]> {
      const batch = [...files];
      busy = true;
      results = [];
      emit('busy');
      emit('results');
      const saved: PanelFile[] = [];
      for (const [i, f] of batch.entries()) {
        let item: BatchItem;
        if (f.problem !== undefined) item = { name: f.file.name, error: f.problem };
        else {
          current = f.file.name;
          emit('busy');
          try {
            const result = await make(i, f, m);
            await deliver(result);
            await record(result, m);
            saved.push(f);
            item = { name: f.file.name, result };
          } catch (error) {
            item = { name: f.file.name, error };
          }
        }
        results = [...results, item];
        emit('results');
      }
      await rememberPurpose(m).catch(() => undefined);
      busy = false;
      current = undefined;
      emit('busy');
      renew(saved);
      return results;
    },

    /**
     * The guard's prompt: every file or nothing (fail closed: the page gets no half-made batch).
     * Recorded in the history once all are made; throws the first failure.
     */
    async makeAll(m: PanelMode): Promise<StampResult[]> {
      busy = true;
      emit('busy');
      try {
        const made: StampResult[] = [];
        for (const [i, f] of files.entries()) made.push(await make(i, f, m));
        for (const r of made) await record(r, m);
        await rememberPurpose(m).catch(() => undefined);
        return made;
      } finally {
        busy = false;
        emit('busy');
      }
    },

    /** The first file as one more copy (the clipboard's PNG), recorded like a save. */
    async makeFirst(m: PanelMode, extra: Partial<StampOptionsInput>): Promise<StampResult | undefined> {
      const first = files[0];
      if (!first || first.problem !== undefined) return undefined;
      busy = true;
      emit('busy');
      try {
        const r = await make(0, first, m, extra);
        await record(r, m);
        renew([first]);
        return r;
      } finally {
        busy = false;
        emit('busy');
      }
    },
  };
  return panel;
}
