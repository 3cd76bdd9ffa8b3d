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

/** Read, change, write: `change` edits a copy in place. */
export async function updateSettings(change: (s: Settings) => void, item: RawItem = settingsItem): Promise<Settings> {
  const copy = structuredClone(await loadSettings(item));
  change(copy);
  return saveSettings(copy, item);
}

/** Calls back with valid settings whenever any page changes them. */
export function watchSettings(callback: (s: Settings) => void, item: RawItem = settingsItem): () => void {
  return item.watch((value) => callback(parseSettings(value)));
}
