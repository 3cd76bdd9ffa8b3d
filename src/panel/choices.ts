// What the copy says and for whom: the settings (kept live), the site, the purpose line and its
// language, stamped or clean, and the site's remembered choices. A site's record is written
// only through updateSite (src/settings/sites.ts), which keeps the fields a change did not touch.
import type { Lang } from '../core/lang.ts';
import { PRESETS, type PresetName, type Settings } from '../settings/schema.ts';
import { updateSite, type SitePatch, type SiteRecord } from '../settings/sites.ts';
import { loadSettings, updateSettings, watchSettings } from '../settings/store.ts';
import { purposeFor, purposeLangFor, type Moment } from '../settings/to-options.ts';
import { registrableDomain } from '../sites/domain.ts';
import { coreMode, type Emit, type PanelDeps, type PanelInit, type PanelMode } from './types.ts';

/** The copy a site gets by default: the person's rule for it, else what the page says. */
export function wantsCleanCopy(settings: Settings, site: string, pageDeclines: boolean): 'site' | 'page' | false {
  const copy = site ? settings.sites[site]?.copy : undefined;
  if (copy === 'clean') return 'site';
  return copy !== 'stamped' && pageDeclines ? 'page' : false;
}

export type Choices = Awaited<ReturnType<typeof createChoices>>;

/** `looked`: something printed on the mark changed (the preview is drawn again). */
export async function createChoices(deps: Pick<PanelDeps, 'settings' | 'lang'>, init: Pick<PanelInit, 'site' | 'pageDeclines'>, emit: Emit, looked: () => void) {
  let settings = await loadSettings(deps.settings);
  let site = init.site;
  let purposeLang = purposeLangFor(settings, site, deps.lang);
  let purpose = purposeFor(settings, site, deps.lang);
  let purposeEdited = false;
  const cleanReason = () => wantsCleanCopy(settings, site, !!init.pageDeclines);
  let mode: PanelMode = cleanReason() ? 'clean' : 'stamp';
  /** The clean copy carries the invisible trace (on by default). */
  let traceClean = true;
  /** The settings with the purpose language chosen here (a site's own language still wins). */
  const effective = (s = settings): Settings => ({ ...s, language: { ...s.language, purpose: purposeLang } });

  const setSite = async (patch: SitePatch) => {
    if (!site) return;
    settings = await updateSite(site, patch, deps.settings);
    emit('settings');
  };
  const setMode = (next: PanelMode) => {
    if (next === mode) return;
    mode = next;
    emit('mode');
    looked();
  };
  const stopWatching = watchSettings((s) => {
    settings = s;
    purposeLang = purposeLangFor(effective(s), site, deps.lang);
    emit('settings');
    looked();
  }, deps.settings);

  return {
    get settings() {
      return settings;
    },
    get site() {
      return site;
    },
    get siteRecord(): SiteRecord | undefined {
      return site ? settings.sites[site] : undefined;
    },
    get purpose() {
      return purpose;
    },
    get purposeEdited() {
      return purposeEdited;
    },
    get purposeLang() {
      return purposeLang;
    },
    get mode() {
      return mode;
    },
    get traceClean() {
      return traceClean;
    },
    /** Why a clean copy is the default here: the site's rule, the page's words, or not. */
    cleanReason,
    effective,
    /** The moment a copy in mode `m` is made, as the settings' options want it. */
    moment: (m: PanelMode, now: Date): Moment => ({ site, purpose, mode: coreMode(m), lang: deps.lang, now }),
    setMode,
    setTraceClean(on: boolean) {
      traceClean = on;
      emit('mode');
    },
    setPurpose(text: string) {
      purpose = text;
      purposeEdited = true;
      emit('purpose');
      looked();
    },
    /** The site's remembered line was in the old language: the standard one replaces it. */
    async setPurposeLang(lang: Lang) {
      purposeLang = lang;
      await setSite({ purposeLang: lang, purpose: undefined });
      purpose = purposeFor(effective(), site, deps.lang);
      purposeEdited = false;
      emit('purpose');
      looked();
    },
    /** The stamping page's site field (a domain or an address). */
    setSiteText(text: string) {
      site = registrableDomain(text) || text.trim();
      purposeLang = purposeLangFor(settings, site, deps.lang);
      if (!purposeEdited) purpose = purposeFor(effective(), site, deps.lang);
      emit('site');
      emit('purpose');
      looked();
    },
    async setPreset(name: Settings['preset']) {
      settings = await updateSettings((s) => {
        s.preset = name;
        if (name !== 'custom') Object.assign(s.watermark, PRESETS[name as PresetName]);
      }, deps.settings);
      emit('settings');
      looked();
    },
    setSiteRule: (rule: SiteRecord['rule']) => setSite({ rule }),
    /** "This site declines watermarks": clean copies from now on (and now). */
    async setSiteCopy(copy: 'clean' | 'stamped') {
      await setSite({ copy });
      setMode(cleanReason() ? 'clean' : 'stamp');
    },
    /** After a stamped save: a purpose line the person typed becomes the site's. */
    async rememberPurpose(m: PanelMode) {
      const text = purpose.trim();
      if (m === 'stamp' && purposeEdited && text && site) await setSite({ purpose: text });
    },
    dispose: stopWatching,
  };
}
