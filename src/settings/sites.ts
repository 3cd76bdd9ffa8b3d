// One site's record (settings.sites[domain]): its guard rule, purpose line, that line's language,
// and the copy it gets. Every page changes it here only, as a merge, so a change to one field
// keeps the others (the stamping page once replaced the record and lost "clean copy only").
import type { Settings } from './schema.ts';
import { settingsItem, updateSettings, type RawItem } from './store.ts';

export type SiteRecord = Settings['sites'][string];

/** Fields to set; `undefined` removes a field (back to the standard). */
export type SitePatch = { [K in keyof SiteRecord]?: SiteRecord[K] | undefined };

/** The record with `patch` merged in; a new site starts as "ask". */
export function mergeSite(current: SiteRecord | undefined, patch: SitePatch): SiteRecord {
  const next: Record<string, unknown> = { rule: 'ask', ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  return next as SiteRecord;
}

/** In a settings copy (a page's own, before it saves): the site's record with `patch` merged in. */
export function patchSite(s: Settings, site: string, patch: SitePatch): void {
  if (site) s.sites[site] = mergeSite(s.sites[site], patch);
}

/** Merges `patch` into the site's record (created if new); no site: nothing is written. */
export async function updateSite(site: string, patch: SitePatch, item: RawItem = settingsItem): Promise<Settings> {
  return updateSettings((s) => patchSite(s, site, patch), item);
}

/** Forgets a site: its rule, purpose and language. */
export const removeSite = (site: string, item: RawItem = settingsItem): Promise<Settings> => updateSettings((s) => void delete s.sites[site], item);

/**
 * The settings page's site table, one patch per column: an empty purpose or "standard" language
 * removes the field (the standard line, the standard language); unticking "clean copy only"
 * forgets the choice (stamped, or what the page says).
 */
export const siteTableEdits = {
  rule: (rule: SiteRecord['rule']): SitePatch => ({ rule }),
  cleanOnly: (on: boolean): SitePatch => ({ copy: on ? 'clean' : undefined }),
  purpose: (text: string): SitePatch => ({ purpose: text.trim() || undefined }),
  purposeLang: (lang: SiteRecord['purposeLang'] | ''): SitePatch => ({ purposeLang: lang || undefined }),
};
