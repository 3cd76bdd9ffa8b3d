// The settings page's look preview: the specimen card stamped as a copy of it would be, by the
// panel's own preview path (job.ts: the same options from the same settings, drawn small with
// the copy's mark) and its latest-wins previewer (preview.ts), so what settings shows is what
// the popup would show for that card. Its mark is a fixed sample (one trace code, one date, one
// layout seed): the same look gives the same pixels, and the picture changes only when a
// setting does. Also says how much of the card's printed text contrast the mark leaves
// (measured by the page, which can decode pictures).
import type { Lang } from '../core/lang.ts';
import type { Settings } from '../settings/schema.ts';
import { copyOptions, previewOptions, stampPreview, type PreviewStamp } from './job.ts';
import type { Mark } from './mark.ts';
import { previewer } from './preview.ts';

/** The site a sample copy is made for (its purpose line names it). */
export const SAMPLE_SITE = 'example.com';
/** The sample's trace code and layout seed: fixed, so a look is always drawn the same way. */
export const SAMPLE_MARK = { code: '7KQ2-M9XD', seed: 0x5eed } as const;

export interface LookDeps extends PreviewStamp {
  lang: Lang;
  now: () => Date;
  /** The card to stamp (made once, when first drawn). */
  card: () => Promise<File>;
  /** Share of the card's printed-text contrast left on the stamped copy, 0–1. */
  measure: (card: File, stamped: Blob) => Promise<number>;
  /** Longest side of the preview, pixels. */
  size: number;
  /** Wait after a change before the card is stamped again (a slider being dragged). */
  delayMs?: number;
}

export interface LookShown {
  file: Blob;
  /** Share of the printed text's contrast the mark leaves (below ~0.6 it covers the data). */
  kept: number;
}

export type LookPreview = ReturnType<typeof createLookPreview>;

export function createLookPreview(deps: LookDeps) {
  const mark: Mark = { ...SAMPLE_MARK, at: deps.now() };
  const listeners = new Set<() => void>();
  let card: Promise<File> | undefined;
  let look: Settings | undefined;
  /** The options last asked for: a change that prints nothing new (a site rule) draws nothing. */
  let asked = '';

  const optionsOf = (s: Settings) => copyOptions(s, { site: SAMPLE_SITE, mode: 'stamp', lang: deps.lang, now: mark.at });
  const cardOnce = () =>
    (card ??= deps.card().catch((error: unknown) => {
      card = undefined; // the next drawing tries again
      throw error;
    }));
  const draw = async (s: Settings): Promise<LookShown> => {
    const file = await cardOnce();
    const r = await stampPreview(deps, file, optionsOf(s), mark, deps.size);
    return { file: r.file, kept: await deps.measure(file, r.file) };
  };
  const drawing = () => {
    const s = look;
    return s && { name: SAMPLE_SITE, draw: () => draw(s) };
  };
  const preview = previewer(drawing, () => listeners.forEach((l) => l()), deps.delayMs ?? 150);
  /** Whether `s` prints something other than the look last asked for. */
  const ask = (s: Settings): boolean => {
    const key = JSON.stringify(previewOptions(optionsOf(s), deps.size));
    if (key === asked) return false;
    asked = key;
    look = s;
    return true;
  };

  return {
    get state() {
      return preview.state;
    },
    /** The look as the controls show it now, drawn after a pause (a slider still moving). */
    show(s: Settings) {
      if (ask(s)) preview.soon();
    },
    /** Drawn at once (the page opened, a preset was picked); resolves once nothing is pending. */
    showNow(s: Settings): Promise<void> {
      return ask(s) ? preview.refresh() : Promise.resolve();
    },
    subscribe(fn: () => void): () => void {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    dispose() {
      preview.dispose();
      listeners.clear();
    },
  };
}
