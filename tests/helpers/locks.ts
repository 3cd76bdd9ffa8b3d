// The Web Locks API as a browser gives it to every page of one origin (navigator.locks): one
// manager, requests for a name granted one at a time, in order. Node has none; a test that opens
// two "pages" in one process installs this once, shared by both, as the browser would.
export interface FakeLocks {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export function fakeLocks(): FakeLocks {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      const run = (tails.get(name) ?? Promise.resolve()).catch(() => undefined).then(callback);
      tails.set(name, run);
      return run;
    },
  };
}

/** Installs `locks` as navigator.locks; returns the undo. */
export function installLocks(locks: FakeLocks): () => void {
  const g = globalThis as { navigator?: unknown };
  const had = Object.getOwnPropertyDescriptor(g, 'navigator');
  Object.defineProperty(g, 'navigator', { value: { ...(g.navigator as object | undefined), locks }, configurable: true, writable: true });
  return () => (had ? Object.defineProperty(g, 'navigator', had) : delete g.navigator);
}
