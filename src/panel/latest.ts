// "Latest request wins": work started for an older request never overwrites a newer one's result
// (a slow preview of the old purpose line arriving after the new one's).
export interface Latest {
  /** Starts a request; the token tells later whether it is still the newest. */
  next(): number;
  isLatest(token: number): boolean;
}

export function latest(): Latest {
  let n = 0;
  return { next: () => ++n, isLatest: (token) => token === n };
}

/** Calls `fn` once `ms` after the last call (0: on the next turn); returns a cancel function. */
export function debounced(fn: () => void, ms: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const call = () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
  call.cancel = () => clearTimeout(timer);
  return call;
}
