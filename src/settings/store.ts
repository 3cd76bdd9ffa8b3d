// Settings in extension storage (WXT storage item). Functions take the item as a parameter so
// tests run them against fakeBrowser, and every page shares one way to read, write and watch.
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { parseSettings } from './parse.ts';
import { SettingsSchema, type Settings } from './schema.ts';

export type RawItem = WxtStorageItem<unknown, Record<string, unknown>>;

export const settingsItem: RawItem = storage.defineItem<unknown>('local:settings', { fallback: null });

export async function loadSettings(item: RawItem = settingsItem): Promise<Settings> {
  return parseSettings(await item.getValue());
}

export async function saveSettings(next: Settings, item: RawItem = settingsItem): Promise<Settings> {
  const valid = SettingsSchema.parse(next);
  await item.setValue(valid);
  return valid;
}

/** The part of the Web Locks API we use (navigator.locks). */
export interface Locks {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/**
 * Every extension page (popup, settings, stamping page, the guard's prompt) shares one origin,
 * so navigator.locks is one lock manager for all of them: a read-modify-write under the lock
 * cannot interleave with another page's. Storage itself has no compare-and-set.
 */
const LOCK = 'idstamp:settings';
const browserLocks = (): Locks | undefined => (globalThis as { navigator?: { locks?: Locks } }).navigator?.locks;

/**
 * Runs `fn` holding the lock `name` (one writer at a time across every extension page). A page that may not take locks (the guard's prompt framed
 * in a web page: Chromium denies it there, SecurityError) runs `fn` without it: its
 * re-read-and-retry still catches most overlaps, but not all.
 */
export async function underLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const locks = browserLocks();
  if (!locks) return fn();
  let entered = false;
  try {
    return await locks.request(name, () => {
      entered = true;
      return fn();
    });
  } catch (err) {
    if (entered) throw err;
    return fn();
  }
}

/** This page's updates, one after another per item (also where no lock manager exists). */
const queues = new WeakMap<RawItem, Promise<unknown>>();

/** Re-reads before writing and starts again when another page wrote meanwhile (no lock manager). */
const MAX_TRIES = 5;

/**
 * Read, change, write: `change` edits a copy in place (and may run more than once). Updates
 * run one after another, across pages: two quick changes (End on one slider, then another; the
 * popup's site choice while the settings page saves the preset) would both read the old
 * settings, and the second write would undo the first.
 */
export function updateSettings(change: (s: Settings) => void, item: RawItem = settingsItem): Promise<Settings> {
  const once = async () => {
    for (let tries = 1; ; tries++) {
      const raw = await item.getValue();
      const copy = structuredClone(parseSettings(raw));
      change(copy);
      // Without a lock, a page that wrote since our read would be undone: read again, redo.
      if (tries < MAX_TRIES && JSON.stringify(await item.getValue()) !== JSON.stringify(raw)) continue;
      return saveSettings(copy, item);
    }
  };
  const run = (queues.get(item) ?? Promise.resolve()).catch(() => undefined).then(() => underLock(LOCK, once));
  queues.set(item, run);
  return run;
}

/** Calls back with valid settings whenever any page changes them. */
export function watchSettings(callback: (s: Settings) => void, item: RawItem = settingsItem): () => void {
  return item.watch((value) => callback(parseSettings(value)));
}
