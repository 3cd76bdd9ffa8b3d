// A preview that follows changes, shared by the stamping panel and the settings page's look
// preview. One drawing at a time: a change made while one is drawn waits, and only the newest
// waiting change is drawn next (a slider dragged through twenty values draws two or three, not
// twenty, on a machine that has other work). A drawing that finishes after a newer change came
// is never shown: an older look does not replace a newer one, not even for a moment.
import { debounced } from './latest.ts';

export type PreviewState<S> = { state: 'none' } | { state: 'working'; last?: S } | ({ state: 'ready' } & S) | { state: 'failed'; name: string; error: unknown };

/** What to draw now: its name (said with a failure) and the drawing itself. */
export interface Drawing<S> {
  name: string;
  draw(): Promise<S>;
}

export interface Previewer<S> {
  readonly state: PreviewState<S>;
  /** Draws now, or once the drawing under way ends; resolves when nothing more is pending. */
  refresh(): Promise<void>;
  /** Draws a moment later: the changes made meanwhile (typing, a slider) make one drawing. */
  soon(): void;
  /** Nothing more is drawn or shown (the page is closing). */
  dispose(): void;
}

/**
 * `what` says what to draw from the state of the moment (undefined: nothing to show); `changed`
 * tells the view the state moved; `delayMs`: the pause `soon` waits for.
 */
export function previewer<S extends object>(what: () => Drawing<S> | undefined, changed: () => void, delayMs: number): Previewer<S> {
  let state: PreviewState<S> = { state: 'none' };
  let pending = false;
  let disposed = false;
  let running: Promise<void> | undefined;
  const set = (next: PreviewState<S>) => {
    if (disposed) return;
    state = next;
    changed();
  };
  const shown = (): S | undefined => (state.state === 'ready' ? state : state.state === 'working' ? state.last : undefined);

  const drawOne = async () => {
    pending = false;
    const drawing = what();
    if (!drawing) return set({ state: 'none' });
    const last = shown();
    set({ state: 'working', ...(last ? { last } : {}) });
    let next: PreviewState<S>;
    try {
      next = { state: 'ready', ...(await drawing.draw()) };
    } catch (error) {
      next = { state: 'failed', name: drawing.name, error };
    }
    // A newer change came meanwhile: it is drawn next, and this result is already old.
    if (!pending) set(next);
  };
  const run = async () => {
    while (pending && !disposed) await drawOne();
    running = undefined;
  };
  const refresh = (): Promise<void> => {
    pending = true;
    return (running ??= run());
  };
  const later = debounced(() => void refresh(), delayMs);

  return {
    get state() {
      return state;
    },
    refresh,
    soon: later,
    dispose() {
      disposed = true;
      later.cancel();
    },
  };
}
