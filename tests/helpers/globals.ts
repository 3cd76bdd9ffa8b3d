// A global set for one test, and what was there put back. Not vi.stubGlobal: its
// vi.unstubAllGlobals also takes away the stubs WXT's test set-up made (`browser`, `chrome`),
// which the unit lane's other files share (the lane does not isolate its files).
export function setGlobal(name: string, value: unknown): () => void {
  const before = Object.getOwnPropertyDescriptor(globalThis, name);
  Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  return () => {
    if (before) Object.defineProperty(globalThis, name, before);
    else delete (globalThis as Record<string, unknown>)[name];
  };
}
