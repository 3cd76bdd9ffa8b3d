// The device's trace key: made on install, kept in extension storage (this device only, never
// synced or sent), shown only when the person exports it. Every copy's invisible trace code is
// keyed by it; without it, copies can no longer be identified.
import { storage } from 'wxt/utils/storage';
import { exportKey, importKey, makeKey } from '../core/trace/index.ts';
import { underLock, type RawItem } from '../settings/store.ts';

/** The key as its exported text (IDSTK-…, with a check), the form import and export use. */
export const traceKeyItem: RawItem = storage.defineItem<unknown>('local:traceKey', { fallback: null });

const valid = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  try {
    return exportKey(importKey(value));
  } catch {
    return undefined;
  }
};

/** Two pages asking for the first key at once (the popup and a prompt) make one between them. */
const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => underLock('idstamp:trace-key', work);

/** This device's key (exported text), made and stored the first time it is needed. */
export function traceKey(item: RawItem = traceKeyItem, make = makeKey): Promise<string> {
  return oneAtATime(async () => {
    const stored = valid(await item.getValue());
    if (stored) return stored;
    const text = exportKey(make());
    await item.setValue(text);
    return text;
  });
}

/**
 * Replaces this device's key with one exported elsewhere, so copies made there can be
 * identified here. Refuses text that is not a key (a typo fails its check) and keeps the old one.
 */
export async function importTraceKey(text: string, item: RawItem = traceKeyItem): Promise<string> {
  const key = exportKey(importKey(text));
  await oneAtATime(() => item.setValue(key));
  return key;
}
