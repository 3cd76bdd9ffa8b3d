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

/** This page's updates, one after another per item. */
const queues = new WeakMap<RawItem, Promise<unknown>>();

/**
 * Read, change, write: `change` edits a copy in place. Updates from one page run one after
 * another: two quick changes (End on one slider, then another) would both read the old settings,
 * and the second write would undo the first.
 */
export function updateSettings(change: (s: Settings) => void, item: RawItem = settingsItem): Promise<Settings> {
  const run = (queues.get(item) ?? Promise.resolve())
    .catch(() => undefined)
    .then(async () => {
      const copy = structuredClone(await loadSettings(item));
      change(copy);
      return saveSettings(copy, item);
    });
  queues.set(item, run);
  return run;
}

/** Calls back with valid settings whenever any page changes them. */
export function watchSettings(callback: (s: Settings) => void, item: RawItem = settingsItem): () => void {
  return item.watch((value) => callback(parseSettings(value)));
}
