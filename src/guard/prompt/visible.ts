// In the framed prompt: are we really seen? IntersectionObserver v2 (Chromium) reports whether
// the prompt is drawn unobscured, unfaded, unfiltered and untransformed, as the browser paints
// it, whatever the page did to its own elements or drew on top (popovers, pointer-events:none
// overlays). Buttons act only after the prompt has been seen, still, for half a second, and
// are checked again just after the click. Where this cannot be confirmed, the prompt gives up
// its frame and moves to a window of its own (onLost).

/** Clicks count only after the prompt has been visible and still for this long. */
export const ARM_MS = 500;
/** Covered or hidden this long (or clicked while so): move to a window. */
const LOST_MS = 1500;

export interface Gate {
  /** At a click: true if the click may act (waits just past the next visibility update). */
  allows(): Promise<boolean>;
  /** Whether a click now would be considered (for the page's look; allows() decides). */
  armed(): boolean;
  /** The frame moved or changed size: clicks wait again. */
  moved(): void;
  stop(): void;
}

export const canConfirmVisibility = (win: Window & typeof globalThis): boolean => 'isVisible' in win.IntersectionObserverEntry.prototype;

export function visibilityGate(win: Window & typeof globalThis, target: Element, framed: boolean, onLost: () => void): Gate {
  const start = performance.now();
  if (!framed) return { allows: async () => performance.now() - start >= ARM_MS, armed: () => performance.now() - start >= ARM_MS, moved: () => undefined, stop: () => undefined };
  let lost = false;
  const lose = () => {
    if (lost) return;
    lost = true;
    stop();
    onLost();
  };
  if (!canConfirmVisibility(win)) {
    queueMicrotask(lose);
    return { allows: async () => false, armed: () => false, moved: () => undefined, stop: () => undefined };
  }
  let visible = false;
  let since = 0; // visible and still since
  let hiddenSince = start;
  const io = new win.IntersectionObserver(
    (entries) => {
      const e = entries[entries.length - 1] as IntersectionObserverEntry & { isVisible: boolean };
      const now = performance.now();
      const v = e.isIntersecting && e.isVisible;
      if (v && !visible) since = now;
      if (!v && visible) hiddenSince = now;
      visible = v;
    },
    { trackVisibility: true, delay: 100, threshold: [0, 1] } as IntersectionObserverInit,
  );
  io.observe(target);
  const watch = setInterval(() => !visible && performance.now() - hiddenSince > LOST_MS && lose(), 200);
  const stop = () => {
    io.disconnect();
    clearInterval(watch);
  };
  return {
    async allows() {
      const at = performance.now();
      const seen = since;
      if (!visible) {
        lose();
        return false;
      }
      if (at - since < ARM_MS) return false;
      // Again at click time: the next observation must still see us, unchanged.
      await new Promise((r) => setTimeout(r, 150));
      return !lost && visible && since === seen;
    },
    armed: () => !lost && visible && performance.now() - since >= ARM_MS,
    moved: () => void (since = performance.now()),
    stop,
  };
}
